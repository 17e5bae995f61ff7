/**
 * The exchange model of a session: one WASM book per symbol fed with the market's events, own
 * orders with queue positions, request latency and in-flight load, the exchange's rate limit,
 * post-only handling, taker orders walking the book, fees, and the P&L records of every fill.
 * The strategy talks to it only through requests (`send`) and what it reports.
 * @module
 */
import { Book } from "../core/mod.ts";
import {
  apply_snapshot_at,
  EV_SNAPSHOT,
  EV_SNAPSHOT_END,
  EV_TRADE_BUY,
  EventBuffer,
} from "../market/events.ts";
import { Rng } from "../market/rng.ts";
import type { Feed, SymbolFeed } from "./feed.ts";
import { fee_usd, type Fees } from "./fills.ts";
import { InFlight, type LatencyParams, RateLimit, sample_latency } from "./latency.ts";
import type { SessionRecord } from "./record.ts";

/** Markout horizon of the adverse KPI, ms. */
export const MARKOUT_MS = 1000;

/** A quote slot of the strategy: the exchange updates it when its order fills or is rejected. */
export interface OrderSlot {
  /** Id of the slot's current order (0 = none). */
  id: number;
  /** Exchange time the current order went live. */
  placed_at: number;
}

/** A request travelling to the exchange. */
export interface Request {
  sym: number;
  kind: "order" | "cancel" | "taker";
  side: 0 | 1;
  /** New order id ("order"). */
  id: number;
  /** Order to cancel ("cancel"). */
  old_id: number;
  price: number;
  qty: number;
  /** Mid when the strategy decided (taker slippage reference). */
  decision_mid: number;
}

interface Arrival extends Request {
  t: number;
}

/** One symbol's market as the exchange sees it, plus our position there. */
export interface Market {
  i: number;
  feed: SymbolFeed;
  book: Book;
  buf: EventBuffer;
  cursor: number;
  pos: number;
  cash: number;
  /** Last mid (before the batch being applied). */
  mid: number;
  /** Last own fill per side (0 bid, 1 ask). */
  last_fill: [number, number];
  /** Orders whose cancel was rejected: the strategy cancels them again. */
  orphans: number[];
}

/** The exchange side of a session. */
export class Exchange {
  readonly markets: Market[];
  readonly rec: SessionRecord;
  #feed: Feed;
  #lat: LatencyParams;
  #fees: Fees;
  #post_only_offset_bps: number;
  #rng: Rng;
  #inflight = new InFlight();
  #ratelimit: RateLimit;
  #owner = new Map<number, OrderSlot>();
  #filled = new Set<number>();
  #placed_at = new Map<number, number>();
  #arrival_of = new Map<number, number>();
  #actions: Arrival[] = [];
  #marks: number[] = [];
  #next_id = 1;

  constructor(
    feed: Feed,
    lat: LatencyParams,
    fees: Fees,
    post_only_offset_bps: number,
    seed: number,
    pos0: number[],
    rec: SessionRecord,
  ) {
    this.#feed = feed;
    this.#lat = lat;
    this.#fees = fees;
    this.#post_only_offset_bps = post_only_offset_bps;
    this.#rng = new Rng(seed ^ 0x5eed);
    this.#ratelimit = new RateLimit(lat.exchange_limit_per_s);
    this.rec = rec;
    this.markets = feed.symbols.map((f, i) => {
      const m: Market = {
        i,
        feed: f,
        book: new Book({ tick_size: f.tick, lot_size: f.lot, queue_model: "prob_power" }),
        buf: new EventBuffer(1 << 14),
        cursor: 0,
        pos: pos0[i] ?? 0,
        cash: 0,
        mid: NaN,
        last_fill: [-Infinity, -Infinity],
        orphans: [],
      };
      f.init(m.buf);
      this.#apply_range(m, 0, m.buf.length);
      m.mid = m.book.mid();
      rec.mid0.push(m.mid);
      return m;
    });
  }

  /** Load step k's events of every market (applied as the clock advances). */
  load_step(k: number): void {
    for (const m of this.markets) {
      m.buf.clear();
      m.cursor = 0;
      m.feed.step(k, m.buf);
    }
  }

  /** Apply market `m`'s loaded events with time < t. */
  advance(m: Market, t: number): void {
    const buf = m.buf;
    let j = m.cursor;
    while (j < buf.length && buf.ts[j]! < t) j++;
    if (j > m.cursor) this.#apply_range(m, m.cursor, j);
    m.cursor = j;
  }

  /** Time of the next request arriving before `t1`, or Infinity. */
  next_arrival(t1: number): number {
    const a = this.#actions[0];
    return a && a.t < t1 ? a.t : Infinity;
  }

  /** Symbol index of the next arriving request. */
  next_arrival_market(): number {
    return this.#actions[0]!.sym;
  }

  /** Execute the next arriving request. */
  execute_next(): void {
    this.#execute(this.#actions.shift()!);
  }

  /** Requests in flight at `t`. */
  in_flight(t: number): number {
    return this.#inflight.count(t);
  }

  /** A fresh order id owned by `slot`. */
  new_order_id(slot: OrderSlot): number {
    const id = this.#next_id++;
    this.#owner.set(id, slot);
    return id;
  }

  /** True while order `id` is on its way to the book or resting. */
  is_open(id: number): boolean {
    return this.#placed_at.has(id) || this.#arrival_of.has(id);
  }

  /** Σ |position × mid| over the markets, USD. */
  total_notional(): number {
    let n = 0;
    for (const m of this.markets) if (Number.isFinite(m.mid)) n += Math.abs(m.pos * m.mid);
    return n;
  }

  /**
   * Send a request at `t` during step `k`: its round-trip latency is sampled (load = requests in
   * flight), it reaches the exchange after half of it. Returns the arrival time, or −1 when the
   * exchange's rate limit rejects it.
   */
  send(m: Market, t: number, r: Request, k: number): number {
    const n = this.#inflight.count(t);
    const vol = m.feed.volatile(k);
    const l = sample_latency(
      this.#lat,
      this.#rng,
      n,
      vol ? this.#feed.spike_prob : 0,
      this.#feed.spike_ms,
    );
    this.#inflight.add(t + l);
    this.rec.latency_ms.push(l);
    if (!this.#ratelimit.admit(t)) {
      this.rec.counts.rejects++;
      if (r.kind === "cancel" && r.old_id) m.orphans.push(r.old_id);
      return -1;
    }
    // The exchange handles one order's requests in order: a cancel never overtakes its order.
    let at = t + l / 2;
    if (r.kind === "cancel") at = Math.max(at, (this.#arrival_of.get(r.old_id) ?? at) + 1e-3);
    else if (r.kind === "order") this.#arrival_of.set(r.id, at);
    const a = this.#actions;
    let i = a.length;
    while (i > 0 && a[i - 1]!.t > at) i--;
    a.splice(i, 0, { ...r, t: at });
    return at;
  }

  /** Set the markout mid of fills whose horizon has passed by `t`. */
  mark(t: number): void {
    const fills = this.rec.fills;
    while (this.#marks.length && fills[this.#marks[0]!]!.t + MARKOUT_MS <= t) {
      const f = fills[this.#marks.shift()!]!;
      f.mark = this.markets[f.symbol]!.mid;
    }
  }

  /** End of session: pending markouts use the final mid; positions and mids are recorded. */
  finish(): void {
    const rec = this.rec;
    for (const i of this.#marks) rec.fills[i]!.mark = this.markets[rec.fills[i]!.symbol]!.mid;
    this.#marks.length = 0;
    for (const m of this.markets) {
      rec.pos.push(m.pos);
      rec.cash.push(m.cash);
      rec.mid_end.push(m.mid);
      rec.end_price.push(m.feed.end_price());
      m.book.dispose();
    }
  }

  #apply_range(m: Market, a: number, b: number): void {
    const buf = m.buf;
    let i = a;
    while (i < b) {
      if (buf.kind[i] === EV_SNAPSHOT) {
        i = apply_snapshot_at(m.book, buf, i, b);
        continue;
      }
      let j = i;
      let trades = false;
      for (let k = buf.kind[j]!; j < b && k < EV_SNAPSHOT; k = buf.kind[++j]!) {
        if (k >= EV_TRADE_BUY) trades = true;
      }
      if (j > i) {
        m.book.apply(buf.kind.subarray(i, j), buf.price.subarray(i, j), buf.qty.subarray(i, j));
        // Only trades fill own orders: skip copying the (empty) fill arrays out of WASM.
        if (trades) this.#on_fills(m, i);
      }
      i = j;
      if (i < b && buf.kind[i]! > EV_SNAPSHOT_END) i++;
    }
    const mid = m.book.mid();
    if (Number.isFinite(mid)) {
      m.mid = mid;
      // A replay's book is empty until its snapshot: the session's first mid is the first known.
      if (Number.isNaN(this.rec.mid0[m.i])) this.rec.mid0[m.i] = mid;
    }
  }

  #on_fills(m: Market, offset: number): void {
    const f = m.book.fills();
    for (let k = 0; k < f.count; k++) {
      const id = f.id[k]!;
      const t = m.buf.ts[offset + f.event[k]!]!;
      m.last_fill[f.side[k] === 0 ? 0 : 1] = t;
      this.#book_fill(m, t, f.side[k] === 0 ? 1 : -1, f.qty[k]!, f.price[k]!, true, m.mid);
      if (!this.#filled.has(id)) {
        this.#filled.add(id);
        this.rec.counts.filled_orders++;
      }
      if (f.leaves[k]! <= 0) {
        const placed = this.#placed_at.get(id);
        if (placed !== undefined) this.rec.order_ages_ms.push(t - placed);
        this.#placed_at.delete(id);
        this.#arrival_of.delete(id);
        const slot = this.#owner.get(id);
        if (slot?.id === id) slot.id = 0;
        this.#owner.delete(id);
      }
    }
  }

  #book_fill(
    m: Market,
    t: number,
    side: 1 | -1,
    qty: number,
    price: number,
    maker: boolean,
    decision_mid: number,
  ): void {
    const fee = fee_usd(this.#fees, maker, qty * price);
    m.pos += side * qty;
    m.cash -= side * qty * price + fee;
    const mid = Number.isFinite(m.mid) ? m.mid : price;
    this.rec.fills.push({
      symbol: m.i,
      t,
      side,
      qty,
      price,
      maker,
      mid,
      decision_mid: maker ? mid : decision_mid,
      mark: NaN,
      fee,
    });
    this.#marks.push(this.rec.fills.length - 1);
  }

  #execute(a: Arrival): void {
    const m = this.markets[a.sym]!;
    const book = m.book;
    if (a.kind === "taker") {
      // A taker order walks the book (slippage) at its arrival.
      const v = book.vwap(a.side === 0 ? 1 : 0, a.qty);
      if (v.filled > 0) {
        this.#book_fill(m, a.t, a.side === 0 ? 1 : -1, v.filled, v.vwap, false, a.decision_mid);
      }
      return;
    }
    if (a.kind === "cancel") {
      const placed = this.#placed_at.get(a.old_id);
      if (book.cancel_order(a.old_id) && placed !== undefined) {
        this.rec.order_ages_ms.push(a.t - placed);
      }
      this.#owner.delete(a.old_id);
      this.#placed_at.delete(a.old_id);
      this.#arrival_of.delete(a.old_id);
      return;
    }
    // Post-only: an order that would cross is re-priced behind the touch, or rejected.
    let price = a.price;
    const tick = m.feed.tick, off = this.#post_only_offset_bps * 1e-4;
    if (a.side === 0) {
      const ask = book.best_ask();
      if (price >= ask) {
        if (off <= 0) return this.#reject(a);
        price = Math.floor(ask * (1 - off) / tick - 1e-9) * tick;
      }
    } else {
      const bid = book.best_bid();
      if (price <= bid) {
        if (off <= 0) return this.#reject(a);
        price = Math.ceil(bid * (1 + off) / tick + 1e-9) * tick;
      }
    }
    book.add_order(a.id, a.side, price, a.qty);
    this.#placed_at.set(a.id, a.t);
    this.rec.counts.accepted++;
    const slot = this.#owner.get(a.id);
    if (slot?.id === a.id) slot.placed_at = a.t;
  }

  #reject(a: Arrival): void {
    this.rec.counts.rejects++;
    this.#arrival_of.delete(a.id);
    const slot = this.#owner.get(a.id);
    if (slot?.id === a.id) slot.id = 0;
    this.#owner.delete(a.id);
  }
}
