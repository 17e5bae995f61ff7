/**
 * `mmsoak rotate`: keep the newest N ITER_SUMMARY files of a soak directory and gzip the older
 * ones (seed 003 artifact rotation), then report the sizes.
 * @module
 */
import { run_command } from "../lib/cli/main.ts";
import { InputError, UsageError } from "../lib/cli/errors.ts";
import { number_flag } from "../lib/cli/flags.ts";
import { JSON_OUTPUT_VERSION, print_json } from "../lib/cli/output.ts";
import { parse_args } from "../lib/deps/args.ts";
import { rotate_iter_summaries } from "../lib/soak/rotate.ts";

/** Help text. */
export const help = `mmsoak rotate: gzip old ITER_SUMMARY files of a soak directory

Usage: mmsoak rotate [--path DIR] [--keep N] [--json]

  --path DIR   soak output directory (default artifacts/soak/latest)
  --keep N     ITER_SUMMARY files to keep uncompressed, newest by iteration (default 100)
  --json       print the rotation report as JSON

Older files become ITER_SUMMARY_n.json.gz (written atomically, then the original is removed).
Exit codes: 0 done, 2 bad input.`;

/** Parsed options. */
export interface Options {
  path: string;
  keep: number;
  json: boolean;
}

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values: v, positionals } = parse_args(argv, {
    path: { type: "string", default: "artifacts/soak/latest" },
    keep: { type: "string", default: "100" },
    json: { type: "boolean" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  const keep = number_flag("keep", v.keep, { integer: true, min: 0 });
  return { path: v.path as string, keep, json: v.json === true };
}

/** Rotate and report. */
export async function run(o: Options): Promise<number> {
  try {
    if (!(await Deno.stat(o.path)).isDirectory) {
      throw new InputError("not a directory", { file: o.path });
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new InputError("directory not found", { file: o.path });
    }
    throw e;
  }
  const r = await rotate_iter_summaries(o.path, o.keep);
  if (o.json) print_json({ version: JSON_OUTPUT_VERSION, command: "rotate", path: o.path, ...r });
  else {
    for (const c of r.compressed) {
      console.log(
        `| cleanup | COMPRESSED | ${c.file} -> ${c.file}.gz (${c.bytes} -> ${c.gz_bytes} bytes) |`,
      );
    }
    console.log(
      `| cleanup | OK | kept=${r.kept} compressed=${r.compressed.length} size=${r.bytes_before} -> ${r.bytes_after} bytes |`,
    );
  }
  return 0;
}

if (import.meta.main) Deno.exitCode = await run_command("rotate", { help, parse, run }, Deno.args);
