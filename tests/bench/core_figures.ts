/**
 * Prints best-of-N ns per level update for the WASM book and the TS reference on the Binance
 * diffs (comparable with the native `cargo run --release --example bench`, also best-of-N), and
 * the p95-of-10^6 quickselect time. `deno bench` gives the distributions; this gives the figures
 * recorded in tests/bench/README.md.
 *
 *   MMSOAK_DATA=/work/shared/data deno run -A tests/bench/core_figures.ts
 * @module
 */
import { Book, EventBuffer, percentile } from "../../lib/core/mod.ts";
import { data_path } from "../_data.ts";
import { flatten_plan, plan_diffs, read_binance_usdm } from "../core/_binance_fixture.ts";
import { RefBook } from "../core/_ref_book.ts";

const rec = await read_binance_usdm(data_path("market/hftbacktest/usdm_btcusdt_20240808.gz"));
const f = flatten_plan(rec, plan_diffs(rec));
const s = rec.snapshot.levels;
const n = f.side.length;

/** Best of `reps` runs; `run` returns its own elapsed ms (so set-up can stay out of it). */
function best_of(reps: number, run: () => number): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) best = Math.min(best, run());
  return best;
}

const wasm = best_of(20, () => {
  using book = new Book({ tick_size: 0.1 });
  book.apply_snapshot(s.side, s.price, s.qty);
  const t0 = performance.now();
  let a = 0;
  for (const e of f.ends) {
    book.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
    a = e;
  }
  return performance.now() - t0;
});
const buf = new EventBuffer(f.side, f.price, f.qty);
const wasm_buf = best_of(20, () => {
  using book = new Book({ tick_size: 0.1 });
  book.apply_snapshot(s.side, s.price, s.qty);
  const t0 = performance.now();
  let a = 0;
  for (const e of f.ends) {
    book.apply_buffer(buf, a, e);
    a = e;
  }
  return performance.now() - t0;
});
const ref_apply = best_of(5, () => {
  const book = new RefBook(0.1, { kind: 1, n: 3, lot: 1e-9 });
  book.apply(s.side, s.price, s.qty);
  const t0 = performance.now();
  let a = 0;
  for (const e of f.ends) {
    book.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
    a = e;
  }
  return performance.now() - t0;
});
const ref = best_of(5, () => {
  const book = new RefBook(0.1, { kind: 1, n: 3, lot: 1e-9 });
  book.apply(s.side, s.price, s.qty);
  const t0 = performance.now();
  let a = 0;
  for (const e of f.ends) {
    book.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
    book.best(0);
    book.best(1);
    a = e;
  }
  return performance.now() - t0;
});
let x = 1;
const values = Float64Array.from(
  { length: 1_000_000 },
  () => (x = (x * 48271) % 2147483647) / 2147483647,
);
const p95 = best_of(10, () => {
  const t0 = performance.now();
  percentile(values, 0.95);
  return performance.now() - t0;
});
const ns = (ms: number) => ((ms * 1e6) / n).toFixed(1);
console.log(`${f.ends.length} diff messages, ${n} level updates after the snapshot`);
console.log(`wasm book, apply_buffer per message: ${ns(wasm_buf)} ns/update (best of 20)`);
console.log(`wasm book, apply (copy) per message: ${ns(wasm)} ns/update (best of 20)`);
console.log(`TS reference (Map), apply only: ${ns(ref_apply)} ns/update (best of 5)`);
console.log(`TS reference (Map, best bid/ask per message): ${ns(ref)} ns/update (best of 5)`);
console.log(
  `wasm quickselect p95 of 10^6 values: ${p95.toFixed(2)} ms (best of 10, incl. copy in)`,
);
