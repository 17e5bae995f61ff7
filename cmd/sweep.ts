/**
 * `mmsoak sweep`: write a GitHub Actions matrix (JSON) of soak shards, seeds × scenarios ×
 * profiles, for a workflow that fans soaks out on runners and merges them with `mmsoak merge`.
 * @module
 */
import { run_command } from "../lib/cli/main.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { number_flag } from "../lib/cli/flags.ts";
import { parse_args } from "../lib/deps/args.ts";
import { stable_stringify } from "../lib/json/stable.ts";
import { write_text_atomic } from "../lib/artifacts/write.ts";
import {
  actions_matrix,
  parse_seed_list,
  sweep_shards,
  type SweepSpec,
} from "../lib/sweep/matrix.ts";

/** Help text. */
export const help = `mmsoak sweep: write a GitHub Actions matrix of soak shards

Usage: mmsoak sweep [flags]

Flags:
  --seeds LIST        seeds, e.g. 1,2,7 or 1..4 (default 1)
  --scenarios LIST    sim scenarios, comma-separated (default default)
  --profiles LIST     soak profiles, comma-separated (default: none, the soak's defaults)
  --iterations N      iterations per shard (default 24)
  --out-root DIR      shard outputs go to DIR/<shard id> (default artifacts/sweep)
  --soak-flags=FLAGS  extra soak flags for every shard, space-separated (--soak-flags="--mock")
  --output FILE       write the matrix JSON to FILE instead of stdout
  --github-output     also append "matrix=<json>" to the file named by $GITHUB_OUTPUT

The matrix is {"include": [{id, seed, scenario, profile, iterations, out, command}, ...]}:
run each shard with "mmsoak <command>", then "mmsoak merge --path <out> ..." (see README).
At most 256 shards (one Actions matrix).`;

/** Parsed options. */
export interface SweepOptions {
  spec: SweepSpec;
  output: string | null;
  github_output: boolean;
}

const list = (v: string) => v.split(",").map((s) => s.trim()).filter((s) => s !== "");

/** Parse the command line. */
export function parse(argv: string[]): SweepOptions {
  const { values, positionals } = parse_args(argv, {
    seeds: { type: "string", default: "1" },
    scenarios: { type: "string", default: "default" },
    profiles: { type: "string" },
    iterations: { type: "string", default: "24" },
    "out-root": { type: "string", default: "artifacts/sweep" },
    "soak-flags": { type: "string", default: "" },
    output: { type: "string" },
    "github-output": { type: "boolean", default: false },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  const iterations = number_flag("iterations", values.iterations, { integer: true, min: 1 });
  try {
    const spec: SweepSpec = {
      seeds: parse_seed_list(values.seeds as string),
      scenarios: list(values.scenarios as string),
      profiles: values.profiles === undefined ? [null] : list(values.profiles as string),
      iterations,
      out_root: values["out-root"] as string,
      soak_flags: (values["soak-flags"] as string).split(/\s+/).filter((f) => f !== ""),
    };
    sweep_shards(spec); // validate now: bad lists are usage errors, not run-time failures
    return {
      spec,
      output: (values.output as string | undefined) ?? null,
      github_output: values["github-output"] as boolean,
    };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** Write the matrix; exit 0. */
export async function run(options: SweepOptions): Promise<number> {
  const matrix = actions_matrix(sweep_shards(options.spec));
  const text = stable_stringify(matrix, 2) + "\n";
  if (options.output === null) await Deno.stdout.write(new TextEncoder().encode(text));
  else await write_text_atomic(options.output, text);
  if (options.github_output) {
    const file = Deno.env.get("GITHUB_OUTPUT");
    if (!file) throw new UsageError("--github-output needs the GITHUB_OUTPUT environment variable");
    await Deno.writeTextFile(file, `matrix=${stable_stringify(matrix)}\n`, { append: true });
  }
  console.error(`mmsoak sweep: ${matrix.include.length} shards`);
  return 0;
}

if (import.meta.main) Deno.exitCode = await run_command("sweep", { help, parse, run }, Deno.args);
