/**
 * mmsoak verify-deltas: prove that every applied parameter delta took effect, by value.
 * @module
 */
import { UsageError } from "../lib/cli/errors.ts";
import { opt_number_flag } from "../lib/cli/flags.ts";
import { run_command } from "../lib/cli/main.ts";
import { JSON_OUTPUT_VERSION, print_json } from "../lib/cli/output.ts";
import { parse_args } from "../lib/deps/args.ts";
import { load_soak_dir } from "../lib/analysis/load.ts";
import { verify_deltas, type VerifyResult } from "../lib/analysis/verify.ts";
import { verify_summary_lines } from "../lib/analysis/verify_report.ts";
import { write_delta_report } from "../lib/analysis/outputs.ts";

/** Help text. */
export const help = `mmsoak verify-deltas: check that applied tuning deltas took effect, by value

Usage: mmsoak verify-deltas [--path DIR] [--threshold F] [--strict] [--json]

For each iteration n whose proposal was applied, the overrides in effect at n+1 (ITER_SUMMARY_{n+1}
runtime_overrides, or runtime_overrides.json after the last iteration) must equal clamp(old + delta)
for every key. Guard/no-op skips are partial_ok; original-format files (no per-iteration overrides)
are unverifiable. One ratio: (full_apply + partial_ok) / proposed.

Flags:
  --path DIR       soak directory (default artifacts/soak/latest)
  --threshold F    ratio needed for PASS, 0..1 (default 0.60, 0.95 with --strict)
  --strict         exit 1 when the ratio is below the threshold (otherwise report only)
  --json           print one JSON document on stdout (summary lines go to stderr)

Writes DIR/DELTA_VERIFY_REPORT.md. Exit codes: 0 ok (or soft failure without --strict),
1 below threshold with --strict, 2 bad input.`;

/** Parsed options. */
export interface Options {
  path: string;
  threshold?: number;
  strict: boolean;
  json: boolean;
}

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    path: { type: "string", default: "artifacts/soak/latest" },
    threshold: { type: "string" },
    strict: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  return {
    path: values.path as string,
    threshold: opt_number_flag("threshold", values.threshold, { min: 0, max: 1 }),
    strict: values.strict as boolean,
    json: values.json as boolean,
  };
}

/** The versioned --json document. */
export function verify_document(r: VerifyResult, path: string): Record<string, unknown> {
  return {
    schema: "mmsoak.verify_deltas",
    version: JSON_OUTPUT_VERSION,
    path,
    // The original's six keys stay at the top level for existing consumers.
    ...r.metrics,
    threshold: r.threshold,
    strict: r.strict,
    verdict: r.verdict,
    format: r.format,
    proposals: r.proposals,
    inconsistencies: r.inconsistencies,
    unexpected_changes: r.unexpected_changes,
  };
}

/** Run the verification; resolves to the exit code. */
export async function run(o: Options): Promise<number> {
  const dir = await load_soak_dir(o.path);
  const r = verify_deltas(dir, { strict: o.strict, threshold: o.threshold });
  const report = await write_delta_report(dir.dir, r);
  const lines = [...verify_summary_lines(r), `Report: ${report}`];
  if (o.json) {
    for (const l of lines) console.error(l);
    print_json(verify_document(r, dir.dir));
  } else {
    for (const l of lines) console.log(l);
  }
  return r.verdict === "FAIL" && o.strict ? 1 : 0;
}

if (import.meta.main) {
  Deno.exitCode = await run_command("verify-deltas", { help, parse, run }, Deno.args);
}
