/**
 * Gate one shard with the analysis library's gate (snapshot + verify-deltas + evaluate_gate,
 * exactly what `mmsoak gate` evaluates, without writing its reports), as a {@linkcode ShardOutcome}.
 * @module
 */
import { exit_code_for, one_line } from "../cli/errors.ts";
import { evaluate_gate } from "../analysis/gate.ts";
import { load_soak_dir } from "../analysis/load.ts";
import { build_snapshot } from "../analysis/snapshot.ts";
import type { GateThresholds } from "../analysis/thresholds_file.ts";
import { verify_deltas } from "../analysis/verify.ts";
import type { ShardOutcome } from "./aggregate.ts";

/**
 * The gate outcome of the soak directory `path`. A directory the gate cannot read (missing,
 * corrupt) is an outcome too, with verdict `null`, exit code 2 and the one-line error, so one
 * dead shard does not hide the verdicts of the others.
 */
export async function gate_shard(
  path: string,
  thresholds: GateThresholds,
  strict: boolean,
): Promise<ShardOutcome> {
  try {
    const dir = await load_soak_dir(path);
    const snap = build_snapshot(dir, thresholds);
    const dq = thresholds.delta_quality;
    const verify = verify_deltas(dir, {
      strict,
      threshold: strict ? dq.min_full_apply_ratio_strict : dq.min_full_apply_ratio,
    });
    const gate = evaluate_gate(snap, verify, thresholds, strict);
    return {
      path,
      verdict: gate.verdict,
      exit_code: gate.verdict === "FAIL" ? 1 : 0,
      reasons: [...gate.failures, ...gate.warnings],
    };
  } catch (e) {
    const code = exit_code_for(e);
    if (code !== 2) throw e; // a bug, not bad input: let the command report it
    return { path, verdict: null, exit_code: 2, reasons: [one_line(e)] };
  }
}
