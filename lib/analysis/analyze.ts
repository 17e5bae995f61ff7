/**
 * Snapshot + verify-deltas + gate of one loaded soak directory, in-process: what `gate`,
 * `report` and `audit-artifacts --html` all need.
 * @module
 */
import { evaluate_gate, type GateResult } from "./gate.ts";
import type { SoakDir } from "./load.ts";
import { build_snapshot, type Snapshot } from "./snapshot.ts";
import type { GateThresholds } from "./thresholds_file.ts";
import { verify_deltas, type VerifyResult } from "./verify.ts";

/** The three results. */
export interface Analysis {
  snapshot: Snapshot;
  verify: VerifyResult;
  gate: GateResult;
}

/** Analyse `dir` with threshold sets `t`; `strict` selects the strict delta ratio. */
export function analyze(dir: SoakDir, t: GateThresholds, strict: boolean): Analysis {
  const snapshot = build_snapshot(dir, t);
  const dq = t.delta_quality;
  const verify = verify_deltas(dir, {
    strict,
    threshold: strict ? dq.min_full_apply_ratio_strict : dq.min_full_apply_ratio,
  });
  return { snapshot, verify, gate: evaluate_gate(snapshot, verify, t, strict) };
}
