/**
 * WASM core benchmarks on the real Binance USD-M BTCUSDT diffs (6547 messages, 443k level
 * updates after the REST snapshot): the WASM book vs the TS reference book, one call per diff
 * message as a replayer makes them; and the p95 of 10^6 values by quickselect. ns per update =
 * time per iteration / level updates (figures: tests/bench/core_figures.ts; native:
 * wasm/examples/bench.rs).
 *
 *   MMSOAK_DATA=/work/shared/data deno bench -A tests/bench/core_bench.ts
 * @module
 */
import { percentile } from "../../lib/core/mod.ts";
import { lehmer_values, load_replay } from "./_core_replay.ts";

const r = await load_replay();
const group = `book replay, ${r?.updates ?? 0} level updates`;
const cases = [
  ["wasm book: apply_buffer per diff message (events copied in once)", "wasm_buffer", false],
  ["wasm book: apply per diff message (copy per call)", "wasm", false],
  ["wasm book: apply + best bid/ask per message", "wasm", true],
  ["TS reference (Map): apply per diff message", "ref", false],
  ["TS reference (Map): apply + best bid/ask per message", "ref", true],
] as const;
for (const [name, path, top] of cases) {
  Deno.bench({ name, group, baseline: path === "wasm_buffer", ignore: !r }, () => {
    r!.run(path, top);
  });
}

const values = lehmer_values();
Deno.bench({ name: "wasm quickselect p95 of 10^6 values (incl. copy in)", group: "p95" }, () => {
  percentile(values, 0.95);
});
Deno.bench({ name: "JS Float64Array sort + nearest rank, 10^6 values", group: "p95" }, () => {
  const s = values.slice().sort();
  if (!(s[Math.ceil(0.95 * s.length) - 1]! > 0)) throw new Error("bad p95");
});
