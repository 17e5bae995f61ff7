/**
 * The session loop: event driven on the market clock (no sleeping). Each step applies the feed's
 * events to the WASM books in batches split at the exchange-arrival times of the strategy's
 * requests, handles own fills, and lets the maker decide at step ends and at its own wake-ups.
 * @module
 */
import { Book } from "../core/mod.ts";
import { EV_SNAPSHOT, EV_SNAPSHOT_END, EventBuffer } from "../market/events.ts";
import { Rng } from "../market/rng.ts";
import {
  half_spread_bps,
  type MakerParams,
  order_size,
  quote_price,
  step_towards,
} from "../strategy/maker.ts";
import type { Feed, SymbolFeed } from "./feed.ts";
import { fee_usd, type Fees, type Fill } from "./fills.ts";
import { InFlight, type LatencyParams, RateLimit, sample_latency, TokenBucket } from "./latency.ts";

/** Markout horizon of the adverse KPI, ms. */
export const MARKOUT_MS = 1000;
/** Cadence of risk-ratio samples, ms. */
export const RISK_SAMPLE_MS = 1000;
/** Volatility estimator: EWMA time constant (s) and prior (bps/√s) before data arrives. */
const VOL_TAU_S = 10;
const VOL_PRIOR_BPS = 1.0;

/** Position limits, USD. */
export interface Limits {
  max_inventory_usd_per_symbol: number;
  max_total_notional_usd: number;
}

/** Block reasons of a side decision. */
export type BlockReason = "risk" | "min_interval" | "concurrency" | "throttle";

/** Everything the KPIs are computed from. */
export interface SessionRecord {
  symbols: string[];
  fills: Fill[];
  latency_ms: number[];
  risk_samples: number[];
  order_ages_ms: number[];
  counts: {
    orders: number;
    cancels: number;
    rejects: number;
    accepted: number;
    filled_orders: number;
    blocks: Record<BlockReason | "allowed", number>;
  };
  /** Per symbol: starting and final position/cash and mids. */
  pos0: number[];
  pos: number[];
  cash: number[];
  mid0: number[];
  mid_end: number[];
  end_price: (number | undefined)[];
  start_ms: number;
  end_ms: number;
}

interface Slot {
  bucket: TokenBucket;
  id: number;
  price: number;
  qty: number;
  placed_at: number;
  arrival: number;
}

interface Sym {
  i: number;
  feed: SymbolFeed;
  book: Book;
  buf: EventBuffer;
  cursor: number;
  pos: number;
  cash: number;
  mid: number;
  last_mid: number;
  var_s: number;
  slots: Slot[][];
  last_req: [number, number];
  wake: number;
  hedge_busy_until: number;
}

interface Action {
  t: number;
  sym: number;
  kind: "order" | "cancel" | "taker";
  side: 0 | 1;
  id: number;
  old_id: number;
  price: number;
  qty: number;
  decision_mid: number;
}

/** Runs one session over `feed` and returns its records. Deterministic for (inputs, seed). */
export function simulate(
  feed: Feed,
  p: MakerParams,
  lat: LatencyParams,
  limits: Limits,
  fees: Fees,
  seed: number,
  pos0: number[],
): SessionRecord {
  const rng = new Rng(seed ^ 0x5eed);
  const dt_s = feed.step_ms / 1000;
  const inflight = new InFlight();
  const ratelimit = new RateLimit(lat.exchange_limit_per_s);
  const rec: SessionRecord = {
    symbols: feed.symbols.map((f) => f.symbol),
    fills: [],
    latency_ms: [],
    risk_samples: [],
    order_ages_ms: [],
    counts: {
      orders: 0,
      cancels: 0,
      rejects: 0,
      accepted: 0,
      filled_orders: 0,
      blocks: { allowed: 0, risk: 0, min_interval: 0, concurrency: 0, throttle: 0 },
    },
    pos0: [...pos0],
    pos: [],
    cash: [],
    mid0: [],
    mid_end: [],
    end_price: [],
    start_ms: feed.start_ms,
    end_ms: feed.start_ms + feed.steps * feed.step_ms,
  };
  const owner = new Map<number, [number, 0 | 1, number]>();
  const filled_ids = new Set<number>();
  let next_id = 1;
  const actions: Action[] = [];
  const pending_marks: number[] = [];
  const syms: Sym[] = feed.symbols.map((f, i) => {
    const book = new Book({ tick_size: f.tick, lot_size: f.lot, queue_model: "prob_power" });
    const s: Sym = {
      i,
      feed: f,
      book,
      buf: new EventBuffer(1 << 14),
      cursor: 0,
      pos: pos0[i] ?? 0,
      cash: 0,
      mid: NaN,
      last_mid: NaN,
      var_s: (VOL_PRIOR_BPS * 1e-4) ** 2,
      slots: [0, 1].map(() =>
        Array.from(
          { length: p.levels },
          () => ({
            // Throttle per quote slot: replace_rate_per_min, bursts of two seconds' worth.
            bucket: new TokenBucket(
              p.replace_rate_per_min / 60,
              Math.max(1, p.replace_rate_per_min / 30),
              feed.start_ms,
            ),
            id: 0,
            price: 0,
            qty: 0,
            placed_at: 0,
            arrival: 0,
          }),
        )
      ),
      last_req: [-Infinity, -Infinity],
      wake: Infinity,
      hedge_busy_until: -Infinity,
    };
    f.init(s.buf);
    apply_range(s, 0, s.buf.length);
    s.mid = book.mid();
    s.last_mid = s.mid;
    rec.mid0.push(s.mid);
    return s;
  });

  function apply_range(s: Sym, a: number, b: number): void {
    const buf = s.buf;
    let i = a;
    while (i < b) {
      if (buf.kind[i] === EV_SNAPSHOT) {
        let j = i + 1;
        while (j < b && buf.kind[j] !== EV_SNAPSHOT_END) j++;
        s.book.apply_snapshot(
          buf.kind.subarray(i + 1, j),
          buf.price.subarray(i + 1, j),
          buf.qty.subarray(i + 1, j),
        );
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < b && buf.kind[j]! < EV_SNAPSHOT) j++;
      if (j > i) {
        s.book.apply(buf.kind.subarray(i, j), buf.price.subarray(i, j), buf.qty.subarray(i, j));
        on_fills(s, i);
      }
      i = j;
      if (i < b && buf.kind[i]! > EV_SNAPSHOT_END) i++;
    }
    const m = s.book.mid();
    if (Number.isFinite(m)) s.mid = m;
  }

  function on_fills(s: Sym, offset: number): void {
    const f = s.book.fills();
    for (let k = 0; k < f.count; k++) {
      const id = f.id[k]!, qty = f.qty[k]!, price = f.price[k]!;
      const side: 1 | -1 = f.side[k] === 0 ? 1 : -1;
      const t = s.buf.ts[offset + f.event[k]!]!;
      book_fill(s, t, side, qty, price, true, s.mid);
      if (!filled_ids.has(id)) {
        filled_ids.add(id);
        rec.counts.filled_orders++;
      }
      if (f.leaves[k]! <= 0) {
        const o = owner.get(id);
        if (o) {
          const slot = s.slots[o[1]]![o[2]]!;
          if (slot.id === id) {
            rec.order_ages_ms.push(t - slot.placed_at);
            slot.id = 0;
          }
          owner.delete(id);
        }
      }
    }
  }

  function book_fill(
    s: Sym,
    t: number,
    side: 1 | -1,
    qty: number,
    price: number,
    maker: boolean,
    dmid: number,
  ): void {
    const notional = qty * price;
    const fee = fee_usd(fees, maker, notional);
    s.pos += side * qty;
    s.cash -= side * qty * price + fee;
    const mid = Number.isFinite(s.mid) ? s.mid : price;
    rec.fills.push({
      symbol: s.i,
      t,
      side,
      qty,
      price,
      maker,
      mid,
      decision_mid: maker ? mid : dmid,
      mark: NaN,
      fee,
    });
    pending_marks.push(rec.fills.length - 1);
  }

  function advance(s: Sym, t: number): void {
    const buf = s.buf;
    let j = s.cursor;
    while (j < buf.length && buf.ts[j]! < t) j++;
    if (j > s.cursor) apply_range(s, s.cursor, j);
    s.cursor = j;
  }

  function send(s: Sym, t: number, a: Omit<Action, "t">, k: number): number {
    const n = inflight.count(t);
    const vol = s.feed.volatile(k);
    const l = sample_latency(lat, rng, n, vol ? feed.spike_prob : 0, feed.spike_ms);
    inflight.add(t + l);
    rec.latency_ms.push(l);
    if (!ratelimit.admit(t)) {
      rec.counts.rejects++;
      return -1;
    }
    insert_action({ ...a, t: t + l / 2 });
    return t + l / 2;
  }

  function insert_action(a: Action): void {
    let i = actions.length;
    while (i > 0 && actions[i - 1]!.t > a.t) i--;
    actions.splice(i, 0, a);
  }

  function execute(a: Action): void {
    const s = syms[a.sym]!;
    const book = s.book;
    if (a.kind === "taker") {
      const v = book.vwap(a.side === 0 ? 1 : 0, a.qty);
      if (v.filled > 0) {
        book_fill(s, a.t, a.side === 0 ? 1 : -1, v.filled, v.vwap, false, a.decision_mid);
      }
      return;
    }
    if (a.old_id) {
      const o = book.order(a.old_id);
      if (book.cancel_order(a.old_id) && o) {
        const slot = owner.get(a.old_id);
        if (slot) rec.order_ages_ms.push(a.t - s.slots[slot[1]]![slot[2]]!.placed_at);
      }
      owner.delete(a.old_id);
    }
    if (a.kind === "cancel") return;
    let price = a.price;
    const tick = s.feed.tick;
    if (a.side === 0) {
      const ask = book.best_ask();
      if (price >= ask) {
        if (p.post_only_offset_bps <= 0) return reject(s, a);
        price = Math.floor(ask * (1 - p.post_only_offset_bps * 1e-4) / tick - 1e-9) * tick;
      }
    } else {
      const bid = book.best_bid();
      if (price <= bid) {
        if (p.post_only_offset_bps <= 0) return reject(s, a);
        price = Math.ceil(bid * (1 + p.post_only_offset_bps * 1e-4) / tick + 1e-9) * tick;
      }
    }
    book.add_order(a.id, a.side, price, a.qty);
    rec.counts.accepted++;
    const o = owner.get(a.id);
    if (o) {
      const slot = s.slots[o[1]]![o[2]]!;
      if (slot.id === a.id) slot.placed_at = a.t;
    }
  }

  function reject(s: Sym, a: Action): void {
    rec.counts.rejects++;
    const o = owner.get(a.id);
    if (o) {
      const slot = s.slots[o[1]]![o[2]]!;
      if (slot.id === a.id) slot.id = 0;
      owner.delete(a.id);
    }
  }

  function total_notional(): number {
    let n = 0;
    for (const x of syms) if (Number.isFinite(x.mid)) n += Math.abs(x.pos * x.mid);
    return n;
  }

  function decide(s: Sym, t: number, k: number): void {
    s.wake = Infinity;
    const mid = s.mid;
    if (!Number.isFinite(mid)) return;
    const book = s.book, tick = s.feed.tick, lot = s.feed.lot;
    const h = half_spread_bps(p, Math.sqrt(s.var_s) * 1e4);
    const inv_usd = s.pos * mid;
    const total = total_notional();
    // Taker hedge when the total risk is high: trade this symbol back towards hedge_to.
    if (
      total / limits.max_total_notional_usd > p.hedge_trigger && s.pos !== 0 &&
      t >= s.hedge_busy_until
    ) {
      const reduce_usd = Math.min(
        Math.abs(inv_usd),
        total - p.hedge_to * limits.max_total_notional_usd,
      );
      const qty = Math.floor(reduce_usd / mid / lot) * lot;
      if (qty > 0) {
        if (inflight.count(t) >= p.concurrency_limit) rec.counts.blocks.concurrency++;
        else {
          rec.counts.orders++;
          const side: 0 | 1 = s.pos > 0 ? 1 : 0;
          const at = send(s, t, {
            sym: s.i,
            kind: "taker",
            side,
            id: 0,
            old_id: 0,
            price: 0,
            qty,
            decision_mid: mid,
          }, k);
          s.hedge_busy_until = at > 0 ? at : t + 1000;
        }
      }
    }
    const best_bid = book.best_bid(), best_ask = book.best_ask();
    for (const side of [0, 1] as const) {
      const depth = book.depth_sum(side, 5);
      const size = order_size(p, depth, lot);
      const sign = side === 0 ? 1 : -1;
      const new_pos = (s.pos + sign * size) * mid;
      const increases = Math.abs(new_pos) > Math.abs(inv_usd);
      const slots = s.slots[side]!;
      if (
        size <= 0 ||
        (increases &&
          (Math.abs(new_pos) > limits.max_inventory_usd_per_symbol ||
            total - Math.abs(inv_usd) + Math.abs(new_pos) > limits.max_total_notional_usd))
      ) {
        rec.counts.blocks.risk++;
        for (const slot of slots) {
          if (slot.id && inflight.count(t) < p.concurrency_limit) {
            rec.counts.cancels++;
            send(s, t, {
              sym: s.i,
              kind: "cancel",
              side,
              id: 0,
              old_id: slot.id,
              price: 0,
              qty: 0,
              decision_mid: mid,
            }, k);
            slot.id = 0;
          }
        }
        continue;
      }
      const inv_ratio = inv_usd / limits.max_inventory_usd_per_symbol;
      const changes: [number, number][] = [];
      const thr = p.requote_ratio * h * 1e-4 * mid;
      for (let l = 0; l < p.levels; l++) {
        const slot = slots[l]!;
        let want = quote_price(p, side, l, mid, h, inv_ratio, tick);
        if (side === 0 && want >= best_ask) want = best_ask - tick;
        if (side === 1 && want <= best_bid) want = best_bid + tick;
        if (!slot.id) changes.push([l, want]);
        else {
          const target = step_towards(p, side, slot.price, want, h, mid, tick);
          const stale = t - slot.placed_at >= p.tail_age_ms && t >= slot.arrival;
          if (Math.abs(target - slot.price) >= thr || stale) changes.push([l, target]);
        }
      }
      if (!changes.length) continue;
      if (t - s.last_req[side] < p.min_interval_ms) {
        rec.counts.blocks.min_interval++;
        s.wake = Math.min(s.wake, s.last_req[side] + p.min_interval_ms);
        continue;
      }
      let sent = 0;
      let blocked: BlockReason | undefined;
      for (const [l, price] of changes) {
        if (inflight.count(t) >= p.concurrency_limit) {
          blocked = "concurrency";
          break;
        }
        if (!slots[l]!.bucket.take(t)) {
          blocked = "throttle";
          break;
        }
        const slot = slots[l]!;
        const id = next_id++;
        owner.set(id, [s.i, side, l]);
        rec.counts.orders++;
        if (slot.id) rec.counts.cancels++;
        const at = send(s, t, {
          sym: s.i,
          kind: "order",
          side,
          id,
          old_id: slot.id,
          price,
          qty: size,
          decision_mid: mid,
        }, k);
        slot.id = at > 0 ? id : slot.id;
        slot.price = at > 0 ? price : slot.price;
        slot.qty = size;
        slot.arrival = at > 0 ? at : slot.arrival;
        sent++;
      }
      if (sent) {
        rec.counts.blocks.allowed++;
        s.last_req[side] = t;
      } else if (blocked) {
        rec.counts.blocks[blocked]++;
        s.wake = Math.min(s.wake, t + feed.step_ms / 2);
      }
    }
  }

  let next_risk = feed.start_ms + RISK_SAMPLE_MS;
  for (let k = 0; k < feed.steps; k++) {
    const t0 = feed.start_ms + k * feed.step_ms, t1 = t0 + feed.step_ms;
    for (const s of syms) {
      s.buf.clear();
      s.cursor = 0;
      s.feed.step(k, s.buf);
      // A mid-step decision: trades arrive inside steps, and min_interval_ms (40-100 ms) must be
      // able to bind between step-end decisions.
      s.wake = Math.min(s.wake, t0 + feed.step_ms / 2);
    }
    for (;;) {
      let best = Infinity, who = -1, is_action = false;
      if (actions.length && actions[0]!.t < t1) {
        best = actions[0]!.t;
        who = actions[0]!.sym;
        is_action = true;
      }
      for (const s of syms) {
        if (s.wake < best && s.wake < t1) {
          best = s.wake;
          who = s.i;
          is_action = false;
        }
      }
      if (who < 0) break;
      const s = syms[who]!;
      advance(s, best);
      if (is_action) execute(actions.shift()!);
      else decide(s, Math.max(best, t0), k);
    }
    for (const s of syms) {
      advance(s, Infinity);
      if (Number.isFinite(s.mid) && Number.isFinite(s.last_mid) && s.last_mid > 0) {
        const r = Math.log(s.mid / s.last_mid);
        const a = Math.exp(-dt_s / VOL_TAU_S);
        s.var_s = a * s.var_s + (1 - a) * r * r / dt_s;
      }
      s.last_mid = s.mid;
    }
    for (const s of syms) decide(s, t1, k);
    while (pending_marks.length && rec.fills[pending_marks[0]!]!.t + MARKOUT_MS <= t1) {
      const f = rec.fills[pending_marks.shift()!]!;
      f.mark = syms[f.symbol]!.mid;
    }
    while (next_risk <= t1) {
      rec.risk_samples.push(total_notional() / limits.max_total_notional_usd);
      next_risk += RISK_SAMPLE_MS;
    }
  }
  for (const i of pending_marks) rec.fills[i]!.mark = syms[rec.fills[i]!.symbol]!.mid;
  for (const s of syms) {
    rec.pos.push(s.pos);
    rec.cash.push(s.cash);
    rec.mid_end.push(s.mid);
    rec.end_price.push(s.feed.end_price());
    s.book.dispose();
  }
  return rec;
}
