/**
 * Benchmark input: the 24 original ITER_SUMMARY files of data/original/generated/mock24_default
 * cycled to N iterations (default 10,000) in the original's format, with a matching
 * TUNING_REPORT.json and the run's runtime_overrides.json one level up. Generated data is never
 * committed: the default output is a fresh temp dir.
 *
 *   deno run -A tests/bench/make_10k_dir.ts [--out DIR] [--count N]   (prints DIR/soak/latest)
 * @module
 */
import { parse_args } from "../../lib/deps/args.ts";
import { join } from "../../lib/deps/path.ts";
import { data_path } from "../_data.ts";

/** The original run directory the benchmark input is made from. */
export const MOCK24 = "original/generated/mock24_default/run_output/soak";

/** Write a cycled soak dir under `out`; returns the path of its `soak/latest`. */
export async function make_cycled_dir(out: string, count: number): Promise<string> {
  const src = data_path(MOCK24);
  const latest = join(out, "soak", "latest");
  await Deno.mkdir(latest, { recursive: true });
  const report = JSON.parse(await Deno.readTextFile(join(src, "latest", "TUNING_REPORT.json")));
  const entries: Record<string, unknown>[] = report.iterations;
  const sources: Record<string, unknown>[] = [];
  for (let i = 1; i <= 24; i++) {
    sources.push(
      JSON.parse(await Deno.readTextFile(join(src, "latest", `ITER_SUMMARY_${i}.json`))),
    );
  }
  const out_entries: Record<string, unknown>[] = [];
  let applied = 0;
  for (let n = 1; n <= count; n++) {
    const k = (n - 1) % 24;
    const summary = { ...sources[k]!, iteration: n };
    await Deno.writeTextFile(
      join(latest, `ITER_SUMMARY_${n}.json`),
      JSON.stringify(summary, null, 2),
    );
    const entry: Record<string, unknown> = { ...entries[k]!, iteration: n };
    if (entry.applied === true) applied++;
    out_entries.push(entry);
  }
  const summary = {
    applied,
    blocked_oscillation: 0,
    blocked_velocity: 0,
    cooldown_skips: 0,
    count,
  };
  await Deno.writeTextFile(
    join(latest, "TUNING_REPORT.json"),
    JSON.stringify({ iterations: out_entries, summary }, null, 2),
  );
  await Deno.copyFile(
    join(src, "runtime_overrides.json"),
    join(out, "soak", "runtime_overrides.json"),
  );
  return latest;
}

if (import.meta.main) {
  const { values } = parse_args(Deno.args, {
    out: { type: "string" },
    count: { type: "string", default: "10000" },
  });
  const out = typeof values.out === "string"
    ? values.out
    : await Deno.makeTempDir({ prefix: "mmsoak_bench_" });
  console.log(await make_cycled_dir(out, Number(values.count)));
}
