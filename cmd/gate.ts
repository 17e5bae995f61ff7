/**
 * mmsoak gate: the release gate on a soak directory (snapshot + verify-deltas in-process).
 * @module
 */
import { UsageError } from "../lib/cli/errors.ts";
import { annotations, append_step_summary, in_github_actions } from "../lib/cli/github.ts";
import { run_command } from "../lib/cli/main.ts";
import { JSON_OUTPUT_VERSION, print_json } from "../lib/cli/output.ts";
import { parse_args } from "../lib/deps/args.ts";
import type { Comparison } from "../lib/analysis/compare.ts";
import { analyze } from "../lib/analysis/analyze.ts";
import { gate_markdown, gate_text, pass_rule_text } from "../lib/analysis/gate.ts";
import { load_soak_dir } from "../lib/analysis/load.ts";
import { write_gate_outputs } from "../lib/analysis/outputs.ts";
import { gate_thresholds } from "../lib/analysis/thresholds_file.ts";

/** Help text. */
export const help = `mmsoak gate: release gate on a soak directory

Usage: mmsoak gate [--path DIR] [--strict] [--compare BASELINE] [--prometheus] [--json]
                   [--thresholds FILE]

Checks (DESIGN §3), each printed with its threshold and actual value:
  last8.pass_count >= 6 (WARN >= 5), freeze seen, freeze_ready; delta quality:
  full_apply_ratio >= 0.90 (--strict 0.95), signature_stuck_count <= 1, fail_count 0.
  Warnings: last-8 KPI means off target, unverifiable deltas, ITER_SUMMARY/TUNING_REPORT
  mismatches, anomalies.

Flags:
  --path DIR           soak directory (default artifacts/soak/latest)
  --strict             delta ratio threshold 0.95 instead of 0.90
  --compare BASELINE   previous POST_SOAK_SNAPSHOT.json: per-KPI deltas (informational)
  --prometheus         write DIR/POST_SOAK_METRICS.prom (snapshot + delta metrics)
  --json               print one versioned JSON document on stdout (text goes to stderr)
  --thresholds FILE    JSON overriding threshold sets, e.g. {"last8_pass": {"max_p95_latency_ms": 340}}

Writes DIR/POST_SOAK_SNAPSHOT.json and DIR/DELTA_VERIFY_REPORT.md. In GitHub Actions
(GITHUB_ACTIONS=true) appends a table to $GITHUB_STEP_SUMMARY and emits ::error/::warning
annotations (at most 10 of each). Exit codes: 0 PASS or WARN, 1 FAIL, 2 bad input.`;

/** Parsed options. */
export interface Options {
  path: string;
  strict: boolean;
  compare?: string;
  prometheus: boolean;
  json: boolean;
  thresholds?: string;
}

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    path: { type: "string", default: "artifacts/soak/latest" },
    strict: { type: "boolean", default: false },
    compare: { type: "string" },
    prometheus: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    thresholds: { type: "string" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  return {
    path: values.path as string,
    strict: values.strict as boolean,
    compare: values.compare as string | undefined,
    prometheus: values.prometheus as boolean,
    json: values.json as boolean,
    thresholds: values.thresholds as string | undefined,
  };
}

/** Run the gate; resolves to the exit code. */
export async function run(o: Options): Promise<number> {
  const t = gate_thresholds(o.thresholds);
  // --compare only: the baseline's zod schema costs ~15 ms of start-up.
  const cmp = o.compare === undefined ? null : await import("../lib/analysis/compare.ts");
  const [dir, base] = await Promise.all([
    load_soak_dir(o.path),
    cmp && o.compare !== undefined ? cmp.read_baseline(o.compare) : null,
  ]);
  const { snapshot: snap, verify, gate } = analyze(dir, t, o.strict);
  const comparison: Comparison | null = cmp && base && o.compare !== undefined
    ? cmp.compare_snapshots(snap, base, o.compare)
    : null;
  const written = await write_gate_outputs(
    dir.dir,
    snap,
    verify,
    o.prometheus ? gate.verdict : undefined,
  );

  const say = o.json ? console.error : console.log;
  say(`mmsoak gate: ${dir.dir} (${snap.iterations_total} iterations${o.strict ? ", strict" : ""})`);
  for (const l of gate_text(gate)) say(l);
  say(`(${pass_rule_text(t)})`);
  if (comparison) {
    say(`Comparison with ${o.compare}:`);
    for (const l of cmp!.comparison_lines(comparison)) say(l);
  }
  for (const f of gate.failures) say(`FAIL: ${f}`);
  for (const w of gate.warnings) say(`WARN: ${w}`);
  say(`Gate: ${gate.verdict}`);
  const code = gate.verdict === "FAIL" ? 1 : 0;
  if (in_github_actions()) {
    append_step_summary(gate_markdown(gate, dir.dir));
    for (const l of annotations("mmsoak gate", gate.failures, gate.warnings)) say(l);
  }
  if (o.json) {
    print_json({
      schema: "mmsoak.gate",
      version: JSON_OUTPUT_VERSION,
      path: dir.dir,
      verdict: gate.verdict,
      exit_code: code,
      strict: o.strict,
      thresholds: t,
      checks: gate.checks,
      failures: gate.failures,
      warnings: gate.warnings,
      snapshot: snap,
      delta: { ...verify.metrics, threshold: verify.threshold, format: verify.format },
      comparison,
      written,
    });
  }
  return code;
}

if (import.meta.main) Deno.exitCode = await run_command("gate", { help, parse, run }, Deno.args);
