/**
 * Test helper: reads the hftbacktest collector recording of Binance USD-M BTCUSDT
 * (`<ns timestamp> <raw WebSocket JSON>` per line, gzip) into flat typed arrays: the REST depth
 * snapshot, the diff-depth messages (update ids + levels), the bookTicker stream and the trades.
 * Small and focused on the core's tests and benchmarks (the engine's replay readers live in
 * lib/market/).
 * @module
 */

/** Lines of a gzip text file, streamed. */
export async function* gz_lines(path: string): AsyncGenerator<string> {
  const file = await Deno.open(path);
  const text = file.readable
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(new TextDecoderStream());
  let rest = "";
  for await (const chunk of text) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const p of parts) if (p) yield p;
  }
  if (rest) yield rest;
}

/** Flat levels: side 0 bid / 1 ask, price, qty. */
export interface Levels {
  side: Uint8Array;
  price: Float64Array;
  qty: Float64Array;
}

/** The recording, flattened. Update ids (~5e12) are exact as doubles. */
export interface BinanceRecording {
  snapshot: { last_update_id: number; levels: Levels };
  /** Diff messages in file order: first/last/previous update ids and their slice of `levels`. */
  diffs: {
    U: Float64Array;
    u: Float64Array;
    pu: Float64Array;
    start: Uint32Array;
    end: Uint32Array;
  };
  /** Levels of all diff messages, concatenated. */
  levels: Levels;
  /** bookTicker: update id and best bid/ask price and qty. */
  tickers: { u: Float64Array; b: Float64Array; B: Float64Array; a: Float64Array; A: Float64Array };
  /** Trades: price, qty, aggressor side (0 buyer, 1 seller). */
  trades: { price: Float64Array; qty: Float64Array; aggressor: Uint8Array };
}

type Pair = [string, string];

function push_levels(
  out: { side: number[]; price: number[]; qty: number[] },
  side: number,
  l: Pair[],
) {
  for (const [p, q] of l) {
    out.side.push(side);
    out.price.push(Number(p));
    out.qty.push(Number(q));
  }
}

function to_levels(l: { side: number[]; price: number[]; qty: number[] }): Levels {
  return {
    side: Uint8Array.from(l.side),
    price: Float64Array.from(l.price),
    qty: Float64Array.from(l.qty),
  };
}

/** Reads the recording; throws when the REST snapshot line is missing. */
export async function read_binance_usdm(path: string): Promise<BinanceRecording> {
  const snap = { side: [] as number[], price: [] as number[], qty: [] as number[] };
  const lv = { side: [] as number[], price: [] as number[], qty: [] as number[] };
  let last_update_id = -1;
  const d = {
    U: [] as number[],
    u: [] as number[],
    pu: [] as number[],
    start: [] as number[],
    end: [] as number[],
  };
  const t = {
    u: [] as number[],
    b: [] as number[],
    B: [] as number[],
    a: [] as number[],
    A: [] as number[],
  };
  const tr = { price: [] as number[], qty: [] as number[], aggressor: [] as number[] };
  for await (const line of gz_lines(path)) {
    const msg = JSON.parse(line.slice(line.indexOf(" ") + 1));
    if (msg.lastUpdateId !== undefined) {
      last_update_id = msg.lastUpdateId;
      push_levels(snap, 0, msg.bids);
      push_levels(snap, 1, msg.asks);
      continue;
    }
    const x = msg.data;
    if (x?.e === "depthUpdate") {
      d.U.push(x.U);
      d.u.push(x.u);
      d.pu.push(x.pu);
      d.start.push(lv.side.length);
      push_levels(lv, 0, x.b);
      push_levels(lv, 1, x.a);
      d.end.push(lv.side.length);
    } else if (x?.e === "bookTicker") {
      t.u.push(x.u);
      t.b.push(Number(x.b));
      t.B.push(Number(x.B));
      t.a.push(Number(x.a));
      t.A.push(Number(x.A));
    } else if (x?.e === "trade") {
      tr.price.push(Number(x.p));
      tr.qty.push(Number(x.q));
      tr.aggressor.push(x.m ? 1 : 0); // buyer is maker → the seller was the aggressor
    }
  }
  if (last_update_id < 0) throw new Error(`${path}: no REST depth snapshot line (lastUpdateId)`);
  const f = (x: number[]) => Float64Array.from(x);
  return {
    snapshot: { last_update_id, levels: to_levels(snap) },
    diffs: {
      U: f(d.U),
      u: f(d.u),
      pu: f(d.pu),
      start: Uint32Array.from(d.start),
      end: Uint32Array.from(d.end),
    },
    levels: to_levels(lv),
    tickers: { u: f(t.u), b: f(t.b), B: f(t.B), a: f(t.a), A: f(t.A) },
    trades: { price: f(tr.price), qty: f(tr.qty), aggressor: Uint8Array.from(tr.aggressor) },
  };
}

/** Diff message indices to apply after the snapshot, in update-id order, with gap detection. */
export interface DiffPlan {
  /** Indices into `diffs`, in the order to apply. */
  order: number[];
  /** Messages dropped as older than the snapshot. */
  stale: number;
  /** Breaks of the `pu` = previous `u` chain (each needs a resync from a new snapshot). */
  gaps: number;
  /** Index in `order` of the first message after the first gap (order.length when none). */
  synced_until: number;
}

/**
 * Binance USD-M sync rules: drop diffs with u < lastUpdateId; the first applied one must have
 * U ≤ lastUpdateId ≤ u; each next one must have pu equal to the previous u (else a gap).
 */
export function plan_diffs(rec: BinanceRecording): DiffPlan {
  const { U, u, pu } = rec.diffs;
  const last = rec.snapshot.last_update_id;
  const idx = [...u.keys()].sort((i, j) => u[i]! - u[j]!);
  const order: number[] = [];
  let stale = 0, gaps = 0, synced_until = -1, prev = NaN;
  for (const i of idx) {
    if (u[i]! < last) {
      stale++;
      continue;
    }
    const ok = order.length === 0 ? U[i]! <= last && last <= u[i]! : pu[i] === prev;
    if (!ok) {
      gaps++;
      if (synced_until < 0) synced_until = order.length;
    }
    order.push(i);
    prev = u[i]!;
  }
  return { order, stale, gaps, synced_until: synced_until < 0 ? order.length : synced_until };
}

/** The planned diff messages as one contiguous batch: levels in apply order + message ends. */
export function flatten_plan(
  rec: BinanceRecording,
  plan: DiffPlan,
): Levels & { ends: Uint32Array } {
  const n = plan.order.reduce((s, i) => s + rec.diffs.end[i]! - rec.diffs.start[i]!, 0);
  const out = { side: new Uint8Array(n), price: new Float64Array(n), qty: new Float64Array(n) };
  const ends = new Uint32Array(plan.order.length);
  let k = 0;
  plan.order.forEach((i, m) => {
    const a = rec.diffs.start[i]!, b = rec.diffs.end[i]!;
    out.side.set(rec.levels.side.subarray(a, b), k);
    out.price.set(rec.levels.price.subarray(a, b), k);
    out.qty.set(rec.levels.qty.subarray(a, b), k);
    k += b - a;
    ends[m] = k;
  });
  return { ...out, ends };
}
