/**
 * WASM core benchmarks on the real Binance USD-M BTCUSDT diffs (6547 messages, 443k level
 * updates after the REST snapshot): the WASM book vs the TS reference book, one `apply` per diff
 * message as a replayer calls it; and the p95 of 10^6 values by quickselect. ns per update =
 * time per iteration / level updates. Native figures: wasm/examples/bench.rs.
 *
 *   MMSOAK_DATA=/work/shared/data deno bench -A tests/bench/core_bench.ts
 * @module
 */
import { Book, EventBuffer, percentile } from "../../lib/core/mod.ts";
import { data_path, has_data } from "../_data.ts";
import { flatten_plan, plan_diffs, read_binance_usdm } from "../core/_binance_fixture.ts";
import { RefBook } from "../core/_ref_book.ts";

const REL = "market/hftbacktest/usdm_btcusdt_20240808.gz";
const present = has_data(REL);
if (!present) console.error(`skipping core book benchmarks: data set ${REL} not found`);
const rec = present ? await read_binance_usdm(data_path(REL)) : undefined;
const flat = rec ? flatten_plan(rec, plan_diffs(rec)) : undefined;
const updates = flat?.side.length ?? 0;

function replay_wasm(top: boolean): number {
  const s = rec!.snapshot.levels, f = flat!;
  using book = new Book({ tick_size: 0.1 });
  book.apply_snapshot(s.side, s.price, s.qty);
  let a = 0, acc = 0;
  for (const e of f.ends) {
    book.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
    if (top) acc += book.best_bid() + book.best_ask();
    a = e;
  }
  return acc + book.mid();
}

function replay_ref(top: boolean): number {
  const s = rec!.snapshot.levels, f = flat!;
  const book = new RefBook(0.1, { kind: 1, n: 3, lot: 1e-9 });
  book.apply(s.side, s.price, s.qty);
  let a = 0, acc = 0;
  for (const e of f.ends) {
    book.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
    if (top) acc += (book.best(0) ?? 0) + (book.best(1) ?? 0);
    a = e;
  }
  return acc;
}

const buf = flat ? new EventBuffer(flat.side, flat.price, flat.qty) : undefined;

const group = `book replay, ${updates} level updates`;
Deno.bench({
  name: "wasm book: apply_buffer per diff message (events copied in once)",
  group,
  baseline: true,
  ignore: !present,
}, () => {
  const s = rec!.snapshot.levels;
  using book = new Book({ tick_size: 0.1 });
  book.apply_snapshot(s.side, s.price, s.qty);
  let a = 0;
  for (const e of flat!.ends) {
    book.apply_buffer(buf!, a, e);
    a = e;
  }
});
Deno.bench(
  { name: "wasm book: apply per diff message (copy per call)", group, ignore: !present },
  () => {
    replay_wasm(false);
  },
);
Deno.bench({ name: "wasm book: apply + best bid/ask per message", group, ignore: !present }, () => {
  replay_wasm(true);
});
Deno.bench({ name: "wasm book: whole replay as one batch", group, ignore: !present }, () => {
  const s = rec!.snapshot.levels, f = flat!;
  using book = new Book({ tick_size: 0.1 });
  book.apply_snapshot(s.side, s.price, s.qty);
  book.apply(f.side, f.price, f.qty);
});
Deno.bench({ name: "TS reference (Map): apply per diff message", group, ignore: !present }, () => {
  replay_ref(false);
});
Deno.bench({
  name: "TS reference (Map): apply + best bid/ask per message",
  group,
  ignore: !present,
}, () => {
  replay_ref(true);
});

let x = 1;
const values = Float64Array.from(
  { length: 1_000_000 },
  () => (x = (x * 48271) % 2147483647) / 2147483647,
);
Deno.bench({ name: "wasm quickselect p95 of 10^6 values (incl. copy in)", group: "p95" }, () => {
  percentile(values, 0.95);
});
Deno.bench({ name: "JS Float64Array sort + nearest rank, 10^6 values", group: "p95" }, () => {
  const s = values.slice().sort();
  if (!(s[Math.ceil(0.95 * s.length) - 1]! > 0)) throw new Error("bad p95");
});
