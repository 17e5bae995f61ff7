/**
 * mmsoak report: one self-contained HTML file for a soak directory.
 * @module
 */
import { write_text_atomic } from "../lib/artifacts/write.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { run_command } from "../lib/cli/main.ts";
import { parse_args } from "../lib/deps/args.ts";
import { join } from "../lib/deps/path.ts";
import { analyze } from "../lib/analysis/analyze.ts";
import { load_soak_dir } from "../lib/analysis/load.ts";
import { render_report } from "../lib/analysis/report_html.ts";
import { gate_thresholds } from "../lib/analysis/thresholds_file.ts";

/** Help text. */
export const help = `mmsoak report: self-contained HTML report of a soak directory

Usage: mmsoak report [--path DIR] [--out FILE] [--strict] [--thresholds FILE]

KPI lines per iteration against their thresholds, tuning events (applied, skipped by reason,
freezes) on the same iteration axis, and the gate verdict with every check. Inline SVG and CSS,
no script, no network.

Flags:
  --path DIR          soak directory (default artifacts/soak/latest)
  --out FILE          output file (default DIR/POST_SOAK_REPORT.html)
  --strict            gate with the strict delta ratio threshold
  --thresholds FILE   threshold overrides, as for mmsoak gate

Exit codes: 0 written, 2 bad input.`;

/** Parsed options. */
export interface Options {
  path: string;
  out?: string;
  strict: boolean;
  thresholds?: string;
}

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    path: { type: "string", default: "artifacts/soak/latest" },
    out: { type: "string" },
    strict: { type: "boolean", default: false },
    thresholds: { type: "string" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  return {
    path: values.path as string,
    out: values.out as string | undefined,
    strict: values.strict as boolean,
    thresholds: values.thresholds as string | undefined,
  };
}

/** Write the report; resolves to the exit code. */
export async function run(o: Options): Promise<number> {
  const t = gate_thresholds(o.thresholds);
  const dir = await load_soak_dir(o.path);
  const out = o.out ?? join(dir.dir, "POST_SOAK_REPORT.html");
  await write_text_atomic(out, render_report({ dir, thresholds: t, ...analyze(dir, t, o.strict) }));
  console.log(`Report: ${out}`);
  return 0;
}

if (import.meta.main) Deno.exitCode = await run_command("report", { help, parse, run }, Deno.args);
