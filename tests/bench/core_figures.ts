/**
 * Prints best-of-N on-CPU ns per level update for the WASM book and the TS reference on the Binance
 * diffs (comparable with the native `cargo run --release --example bench`, also best-of-N), and
 * the p95-of-10^6 quickselect time: the figures recorded in tests/bench/README.md (`deno bench`
 * gives the distributions).
 *
 *   MMSOAK_DATA=/work/shared/data deno run -A tests/bench/core_figures.ts
 * @module
 */
import { percentile } from "../../lib/core/mod.ts";
import { cpu_ms, lehmer_values, load_replay, type Path } from "./_core_replay.ts";

const r = await load_replay();
if (!r) Deno.exit(0);

/** Best of `reps` runs of `run` (which returns its own elapsed ms). */
function best_of(reps: number, run: () => number): number {
  let best = Infinity;
  for (let i = 0; i < reps; i++) best = Math.min(best, run());
  return best;
}

const ns = (ms: number) => ((ms * 1e6) / r.updates).toFixed(1);
console.log(`${r.messages} diff messages, ${r.updates} level updates after the snapshot`);
const rows: [string, Path, boolean, number][] = [
  ["wasm book, apply_buffer per message", "wasm_buffer", false, 30],
  ["wasm book, apply (copy) per message", "wasm", false, 30],
  ["wasm book, apply + best bid/ask per message", "wasm", true, 30],
  ["TS reference (Map), apply only", "ref", false, 5],
  ["TS reference (Map), apply + best bid/ask per message", "ref", true, 5],
];
for (const [label, path, top, reps] of rows) {
  console.log(`${label}: ${ns(best_of(reps, () => r.run(path, top)))} ns/update (best of ${reps})`);
}
const values = lehmer_values();
const p95 = best_of(10, () => {
  const t0 = cpu_ms();
  percentile(values, 0.95);
  return cpu_ms() - t0;
});
console.log(
  `wasm quickselect p95 of 10^6 values: ${p95.toFixed(2)} ms (best of 10, incl. copy in)`,
);
