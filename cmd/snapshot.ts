/**
 * mmsoak snapshot: POST_SOAK_SNAPSHOT.json (schema 1.2) of a soak directory.
 * @module
 */
import { UsageError } from "../lib/cli/errors.ts";
import { run_command } from "../lib/cli/main.ts";
import { parse_args } from "../lib/deps/args.ts";
import { stable_stringify } from "../lib/json/stable.ts";
import { compare_snapshots, comparison_lines, read_baseline } from "../lib/analysis/compare.ts";
import { load_soak_dir } from "../lib/analysis/load.ts";
import { write_metrics, write_snapshot } from "../lib/analysis/outputs.ts";
import { build_snapshot } from "../lib/analysis/snapshot.ts";

/** Help text. */
export const help = `mmsoak snapshot: write POST_SOAK_SNAPSHOT.json (schema 1.2) of a soak directory

Usage: mmsoak snapshot [--path DIR] [--compare BASELINE] [--prometheus] [--pretty]

Last-8 verdict (pass rule of DESIGN §3), per-KPI mean/median/min/max/trend, goals, guard counts,
tuning summary with skip reasons. Prints the snapshot JSON on stdout.

Flags:
  --path DIR           soak directory (default artifacts/soak/latest)
  --compare BASELINE   a previous POST_SOAK_SNAPSHOT.json: per-KPI deltas on stderr
  --prometheus         also write DIR/POST_SOAK_METRICS.prom (HELP/TYPE for every metric)
  --pretty             indent the JSON on stdout

Exit codes: 0 written, 2 bad input.`;

/** Parsed options. */
export interface Options {
  path: string;
  compare?: string;
  prometheus: boolean;
  pretty: boolean;
}

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    path: { type: "string", default: "artifacts/soak/latest" },
    compare: { type: "string" },
    prometheus: { type: "boolean", default: false },
    pretty: { type: "boolean", default: false },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  return {
    path: values.path as string,
    compare: values.compare as string | undefined,
    prometheus: values.prometheus as boolean,
    pretty: values.pretty as boolean,
  };
}

/** Build and write the snapshot; resolves to the exit code. */
export async function run(o: Options): Promise<number> {
  const [dir, base] = await Promise.all([
    load_soak_dir(o.path),
    o.compare === undefined ? null : read_baseline(o.compare),
  ]);
  const snap = build_snapshot(dir);
  await write_snapshot(dir.dir, snap);
  if (o.prometheus) await write_metrics(dir.dir, snap);
  if (base && o.compare !== undefined) {
    console.error(`Comparison with ${o.compare}:`);
    for (const l of comparison_lines(compare_snapshots(snap, base, o.compare))) console.error(l);
  }
  console.log(stable_stringify(snap, o.pretty ? 2 : 0));
  return 0;
}

if (import.meta.main) {
  Deno.exitCode = await run_command("snapshot", { help, parse, run }, Deno.args);
}
