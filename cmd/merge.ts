/**
 * `mmsoak merge`: gate several soak directories (the shards of a sweep) and merge their verdicts
 * into one by the documented rule (lib/sweep/aggregate.ts).
 * @module
 */
import { append_step_summary, in_github_actions } from "../lib/cli/github.ts";
import { run_command } from "../lib/cli/main.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { JSON_OUTPUT_VERSION, print_json } from "../lib/cli/output.ts";
import { read_json } from "../lib/artifacts/read.ts";
import { parse_args } from "../lib/deps/args.ts";
import { gate_thresholds } from "../lib/analysis/thresholds_file.ts";
import { AGGREGATION_RULE, merge_outcomes, type MergedOutcome } from "../lib/sweep/aggregate.ts";
import { gate_shard } from "../lib/sweep/gate_shard.ts";
import { MatrixFile } from "../lib/sweep/matrix.ts";

/** Help text. */
export const help = `mmsoak merge: one release verdict from several soak directories (sweep shards)

Usage: mmsoak merge --path DIR [--path DIR ...] [--matrix FILE] [--strict] [--thresholds FILE]
                    [--json] [--github-output]

Each directory is gated exactly as "mmsoak gate" does (same checks and thresholds; no report
files are written). Rule: ${AGGREGATION_RULE}.
A missing or unreadable shard is bad input (exit 2): a dead matrix job stops the release.

Flags:
  --path DIR         a shard's soak directory (repeatable)
  --matrix FILE      the matrix JSON of "mmsoak sweep": gate every shard's "out" directory
  --strict           delta ratio threshold 0.95 instead of 0.90 (as gate --strict)
  --thresholds FILE  threshold overrides, as gate --thresholds
  --json             one JSON document on stdout (text goes to stderr)
  --github-output    append verdict=<PASS|WARN|FAIL|ERROR> to $GITHUB_OUTPUT
In GitHub Actions (GITHUB_ACTIONS=true) a table is appended to $GITHUB_STEP_SUMMARY.
Exit codes: 0 PASS or WARN, 1 FAIL, 2 bad input.`;

/** Parsed options. */
export interface MergeOptions {
  paths: string[];
  matrix: string | null;
  strict: boolean;
  thresholds: string | null;
  json: boolean;
  github_output: boolean;
}

/** Parse the command line. */
export function parse(argv: string[]): MergeOptions {
  const { values, positionals } = parse_args(argv, {
    path: { type: "string", multiple: true },
    matrix: { type: "string" },
    strict: { type: "boolean", default: false },
    thresholds: { type: "string" },
    json: { type: "boolean", default: false },
    "github-output": { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  const paths = (values.path as string[] | undefined) ?? [];
  const matrix = (values.matrix as string | undefined) ?? null;
  if (paths.length === 0 && matrix === null) {
    throw new UsageError("Give --path DIR or --matrix FILE");
  }
  return {
    paths,
    matrix,
    strict: values.strict as boolean,
    thresholds: (values.thresholds as string | undefined) ?? null,
    json: values.json as boolean,
    github_output: values["github-output"] as boolean,
  };
}

/** The merged verdict as a Markdown table (GitHub step summary). */
export function merge_markdown(m: MergedOutcome): string {
  const icon = (v: string | null) =>
    v === "PASS" ? "✅ PASS" : v === "WARN" ? "⚠️ WARN" : v === "FAIL" ? "❌ FAIL" : "⛔ ERROR";
  const cell = (s: string) => s.replaceAll("|", "\\|");
  return [
    `### mmsoak merge: ${icon(m.verdict)} (${m.shards.length} shards)`,
    "",
    `Rule: ${AGGREGATION_RULE}.`,
    "",
    "| Shard | Verdict | First reason |",
    "|---|---|---|",
    ...m.shards.map((s) =>
      `| \`${cell(s.path)}\` | ${icon(s.verdict)} | ${cell(s.reasons[0] ?? "")} |`
    ),
    "",
  ].join("\n");
}

/** Gate every shard, merge, print; resolves to the merged exit code. */
export async function run(o: MergeOptions): Promise<number> {
  const thresholds = gate_thresholds(o.thresholds);
  const paths = [...o.paths];
  if (o.matrix !== null) {
    const m = await read_json(o.matrix, MatrixFile);
    paths.push(...m.include.map((s) => s.out));
  }
  const shards = [];
  for (const p of paths) shards.push(await gate_shard(p, thresholds, o.strict));
  const merged = merge_outcomes(shards);
  const verdict = merged.verdict ?? "ERROR";
  const say = o.json ? console.error : console.log;
  const width = Math.max(...shards.map((s) => s.path.length));
  for (const s of shards) {
    say(`${s.path.padEnd(width)}  ${(s.verdict ?? "ERROR").padEnd(5)}  ${s.reasons[0] ?? ""}`);
  }
  say(`(${AGGREGATION_RULE})`);
  say(
    `Merged: ${verdict} — ${merged.counts.PASS} PASS, ${merged.counts.WARN} WARN, ` +
      `${merged.counts.FAIL} FAIL, ${merged.counts.ERROR} unreadable`,
  );
  if (in_github_actions()) append_step_summary(merge_markdown(merged));
  if (o.github_output) {
    const file = Deno.env.get("GITHUB_OUTPUT");
    if (!file) throw new UsageError("--github-output needs the GITHUB_OUTPUT environment variable");
    await Deno.writeTextFile(file, `verdict=${verdict}\n`, { append: true });
  }
  if (o.json) {
    print_json({
      schema: "mmsoak.merge",
      version: JSON_OUTPUT_VERSION,
      verdict,
      exit_code: merged.exit_code,
      rule: AGGREGATION_RULE,
      counts: merged.counts,
      strict: o.strict,
      thresholds,
      shards: merged.shards,
    });
  }
  return merged.exit_code;
}

if (import.meta.main) Deno.exitCode = await run_command("merge", { help, parse, run }, Deno.args);
