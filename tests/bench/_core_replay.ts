/**
 * Shared by the core benchmarks: the Binance USD-M diffs in apply order, and one replay of them
 * through the WASM book (copying or buffer path) or the TS reference, timed without set-up.
 * @module
 */
import { Book, EventBuffer } from "../../lib/core/mod.ts";
import { data_path, has_data } from "../_data.ts";
import {
  type BinanceRecording,
  flatten_plan,
  plan_diffs,
  read_binance_usdm,
} from "../core/_binance_fixture.ts";
import { RefBook } from "../core/_ref_book.ts";

/** The data set the benchmarks replay. */
export const REL = "market/hftbacktest/usdm_btcusdt_20240808.gz";

/** Replay paths: WASM `apply` (copy per call), WASM `apply_buffer`, Map-based reference. */
export type Path = "wasm" | "wasm_buffer" | "ref";

/** Loaded data and a timed replay function. */
export interface Replay {
  rec: BinanceRecording;
  /** Level updates after the snapshot. */
  updates: number;
  /** Diff messages. */
  messages: number;
  /** One replay on `path` (best bid/ask read after each message when `top`); on-CPU ms. */
  run(path: Path, top?: boolean): number;
}

/**
 * On-CPU time of this thread in ms (Linux `/proc/thread-self/schedstat`), else wall time: on a
 * machine shared with other builds, wall time measures the load more than the code.
 */
export function cpu_ms(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/thread-self/schedstat").split(" ")[0]) / 1e6;
  } catch {
    return performance.now();
  }
}

/** Loads the recording, or undefined (with one line on stderr) when the data set is absent. */
export async function load_replay(): Promise<Replay | undefined> {
  if (!has_data(REL)) {
    console.error(`skipping core book benchmarks: data set ${REL} not found`);
    return undefined;
  }
  const rec = await read_binance_usdm(data_path(REL));
  const f = flatten_plan(rec, plan_diffs(rec));
  const s = rec.snapshot.levels;
  const buf = new EventBuffer(f.side, f.price, f.qty);
  const run = (path: Path, top = false): number => {
    using book = path === "ref" ? undefined : new Book({ tick_size: 0.1 });
    const ref = new RefBook(0.1, { kind: 1, n: 3, lot: 1e-9 });
    const b = book ?? ref;
    b.apply(s.side, s.price, s.qty);
    let a = 0, acc = 0;
    const t0 = cpu_ms();
    for (const e of f.ends) {
      if (path === "wasm_buffer") book!.apply_buffer(buf, a, e);
      else b.apply(f.side.subarray(a, e), f.price.subarray(a, e), f.qty.subarray(a, e));
      if (top) acc += book ? book.best_bid() + book.best_ask() : ref.best(0)! + ref.best(1)!;
      a = e;
    }
    const dt = cpu_ms() - t0;
    if (Number.isNaN(acc)) throw new Error("empty book side during the replay");
    return dt;
  };
  return { rec, updates: f.side.length, messages: f.ends.length, run };
}

/** 10^6 values of a Lehmer generator (the native bench uses the same sequence). */
export function lehmer_values(n = 1_000_000): Float64Array {
  let x = 1;
  return Float64Array.from({ length: n }, () => (x = (x * 48271) % 2147483647) / 2147483647);
}
