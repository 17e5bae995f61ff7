/**
 * The reference maker's decisions for one symbol: hedge when risk is high, then for each side
 * compute the wanted ladder, apply position limits (risk blocks), the fill cooldown and
 * min_interval_ms (min_interval blocks), the per-quote throttle (throttle blocks) and the
 * in-flight cap (concurrency blocks), and send cancel + new requests. Every side decision that
 * wanted to requote is counted once: allowed or its first block reason.
 * @module
 */
import type { Exchange, Market, OrderSlot } from "../engine/exchange.ts";
import { TokenBucket } from "../engine/latency.ts";
import type { BlockReason, Limits } from "../engine/record.ts";
import {
  half_spread_bps,
  type MakerParams,
  order_size,
  quote_price,
  step_towards,
} from "./maker.ts";

/** Volatility estimator: EWMA time constant (s) and prior (bps/√s) before data arrives. */
const VOL_TAU_S = 10;
const VOL_PRIOR_BPS = 1.0;
/** Levels that make up the "touch depth" of the order size cap (the best level). */
const TOUCH_LEVELS = 1;
/** Orders cut by the position limits below this share of their normal size are not sent. */
const MIN_SIZE_SHARE = 0.25;

interface Slot extends OrderSlot {
  bucket: TokenBucket;
  price: number;
  /** Size of the slot's current order. */
  qty: number;
  /** Exchange-arrival time of the slot's last order request. */
  arrival: number;
}

/** The maker's state and decisions for one market. */
export class Quoter {
  /** Next time the quoter wants to decide again (a blocked requote's retry). */
  wake = Infinity;
  #p: MakerParams;
  #limits: Limits;
  #ex: Exchange;
  #m: Market;
  #slots: Slot[][];
  #last_req: [number, number] = [-Infinity, -Infinity];
  #hedge_busy_until = -Infinity;
  #var_s = (VOL_PRIOR_BPS * 1e-4) ** 2;
  #last_mid: number;

  constructor(p: MakerParams, limits: Limits, ex: Exchange, m: Market, start_ms: number) {
    this.#p = p;
    this.#limits = limits;
    this.#ex = ex;
    this.#m = m;
    this.#last_mid = m.mid;
    this.#slots = [0, 1].map(() =>
      Array.from({ length: p.levels }, () => ({
        // Throttle per quote: replace_rate_per_min, bursts of two seconds' worth.
        bucket: new TokenBucket(
          p.replace_rate_per_min / 60,
          Math.max(1, p.replace_rate_per_min / 30),
          start_ms,
        ),
        id: 0,
        price: 0,
        qty: 0,
        placed_at: 0,
        arrival: 0,
      }))
    );
  }

  /** Update the volatility estimate with the mid at the end of a step of `dt_s` seconds. */
  observe(dt_s: number): void {
    const mid = this.#m.mid;
    if (Number.isFinite(mid) && Number.isFinite(this.#last_mid) && this.#last_mid > 0) {
      const r = Math.log(mid / this.#last_mid);
      const a = Math.exp(-dt_s / VOL_TAU_S);
      this.#var_s = a * this.#var_s + (1 - a) * r * r / dt_s;
    }
    this.#last_mid = mid;
  }

  /** Decide at market time `t` (step `k`). */
  decide(t: number, k: number): void {
    this.wake = Infinity;
    const m = this.#m, ex = this.#ex, p = this.#p;
    const mid = m.mid;
    if (!Number.isFinite(mid)) return;
    while (m.orphans.length && ex.in_flight(t) < p.concurrency_limit) {
      const old_id = m.orphans.shift()!;
      if (!ex.is_open(old_id)) continue;
      this.#cancel(old_id, 0, t, k, mid);
    }
    const h = half_spread_bps(p, Math.sqrt(this.#var_s) * 1e4);
    const inv_usd = m.pos * mid;
    const total = ex.total_notional();
    this.#hedge(t, k, inv_usd, total);
    for (const side of [0, 1] as const) {
      const outcome = this.#quote_side(side, t, k, h, inv_usd, total);
      if (outcome) ex.rec.counts.blocks[outcome]++;
    }
  }

  /** Taker hedge when the symbol's or the total risk is high: back to hedge_to of the limit. */
  #hedge(t: number, k: number, inv_usd: number, total: number): void {
    const m = this.#m, p = this.#p, lim = this.#limits, ex = this.#ex;
    const ratio = Math.max(
      Math.abs(inv_usd) / lim.max_inventory_usd_per_symbol,
      total / lim.max_total_notional_usd,
    );
    if (ratio <= p.hedge_trigger || m.pos === 0 || t < this.#hedge_busy_until) return;
    const reduce_usd = Math.min(
      Math.abs(inv_usd),
      Math.max(
        Math.abs(inv_usd) - p.hedge_to * lim.max_inventory_usd_per_symbol,
        total - p.hedge_to * lim.max_total_notional_usd,
      ),
    );
    const qty = Math.floor(reduce_usd / m.mid / m.feed.lot) * m.feed.lot;
    if (qty <= 0) return;
    if (ex.in_flight(t) >= p.concurrency_limit) {
      ex.rec.counts.blocks.concurrency++;
      return;
    }
    ex.rec.counts.orders++;
    const side: 0 | 1 = m.pos > 0 ? 1 : 0;
    const r = { sym: m.i, kind: "taker" as const, side, id: 0, old_id: 0, price: 0, qty };
    const at = ex.send(m, t, { ...r, decision_mid: m.mid }, k);
    this.#hedge_busy_until = at > 0 ? at : t + 1000;
  }

  /** One side's decision; returns its counted outcome, or undefined when nothing was wanted. */
  #quote_side(
    side: 0 | 1,
    t: number,
    k: number,
    h: number,
    inv_usd: number,
    total: number,
  ): BlockReason | "allowed" | undefined {
    const m = this.#m, ex = this.#ex, p = this.#p, lim = this.#limits;
    const { book } = m, { lot } = m.feed, mid = m.mid;
    const full = order_size(p, book.depth_sum(side, TOUCH_LEVELS), lot);
    // Position limits (as the original's RuntimeRiskMonitor): an order that adds to the
    // position is cut to the room left under both limits; too little room is a risk block.
    // Open orders on the side count against the room (if they all filled, the position must
    // still fit), so one sweep through the ladder cannot overshoot the limits.
    let room = Infinity;
    if ((side === 0 ? 1 : -1) * m.pos >= 0) {
      room = Math.max(
        0,
        Math.min(
          lim.max_inventory_usd_per_symbol - Math.abs(inv_usd),
          lim.max_total_notional_usd - total,
        ) / mid,
      );
    }
    const size = Math.min(full, Math.floor(room / lot) * lot);
    const slots = this.#slots[side]!;
    if (size <= 0 || size < MIN_SIZE_SHARE * full) {
      for (const slot of slots) {
        if (slot.id && ex.in_flight(t) < p.concurrency_limit) {
          this.#cancel(slot.id, side, t, k, mid);
          slot.id = 0;
        }
      }
      return "risk";
    }
    const changes = this.#wanted(side, slots, t, h, inv_usd / lim.max_inventory_usd_per_symbol);
    // After a fill the side waits fill_cooldown_mult·min_interval_ms before adding new orders
    // (no quoting back into a sweep); moving resting orders stays allowed.
    const cool_until = m.last_fill[side] + p.fill_cooldown_mult * p.min_interval_ms;
    if (t < cool_until) {
      const moves = changes.filter(([l]) => slots[l]!.id !== 0);
      if (moves.length < changes.length) {
        if (!moves.length) {
          this.wake = Math.min(this.wake, cool_until);
          return "min_interval";
        }
        changes.splice(0, changes.length, ...moves);
      }
    }
    if (!changes.length) return undefined;
    if (t - this.#last_req[side] < p.min_interval_ms) {
      this.wake = Math.min(this.wake, this.#last_req[side] + p.min_interval_ms);
      return "min_interval";
    }
    let sent = 0;
    let blocked: BlockReason | undefined;
    for (const [l, price] of changes) {
      const slot = slots[l]!;
      let others = 0;
      slots.forEach((o, j) => others += j !== l && o.id ? o.qty : 0);
      const qty = Math.min(size, Math.floor(Math.max(0, room - others) / lot) * lot);
      if (qty < MIN_SIZE_SHARE * full) continue;
      // A requote is cancel + new order: two requests, each with its own latency.
      if (ex.in_flight(t) + (slot.id ? 2 : 1) > p.concurrency_limit) {
        blocked = "concurrency";
        break;
      }
      if (!slot.bucket.take(t)) {
        blocked = "throttle";
        break;
      }
      if (slot.id) this.#cancel(slot.id, side, t, k, mid);
      const id = ex.new_order_id(slot);
      ex.rec.counts.orders++;
      const r = { sym: m.i, kind: "order" as const, side, id, old_id: 0, price, qty };
      const at = ex.send(m, t, { ...r, decision_mid: mid }, k);
      slot.id = at > 0 ? id : 0;
      slot.price = price;
      slot.qty = qty;
      if (at > 0) slot.arrival = at;
      sent++;
    }
    if (sent) {
      this.#last_req[side] = t;
      return "allowed";
    }
    if (blocked) this.wake = Math.min(this.wake, t + 50);
    // Nothing sent and nothing blocked: every wanted level lacked room under the limits.
    return blocked ?? "risk";
  }

  /** The ladder levels of `side` that need a new price: [level, price] pairs. */
  #wanted(
    side: 0 | 1,
    slots: Slot[],
    t: number,
    h: number,
    inv_ratio: number,
  ): [number, number][] {
    const m = this.#m, p = this.#p, mid = m.mid, tick = m.feed.tick;
    const best_bid = m.book.best_bid(), best_ask = m.book.best_ask();
    const thr = p.requote_ratio * h * 1e-4 * mid;
    const out: [number, number][] = [];
    for (let l = 0; l < p.levels; l++) {
      const slot = slots[l]!;
      let want = quote_price(p, side, l, mid, h, inv_ratio, tick);
      if (side === 0 && want >= best_ask) want = best_ask - tick;
      if (side === 1 && want <= best_bid) want = best_bid + tick;
      want = this.#empty_tick_behind(side, want, h * p.gap_search * 1e-4 * mid);
      if (!slot.id) out.push([l, want]);
      else {
        const target = step_towards(p, side, slot.price, want, h, mid, tick);
        const stale = t - slot.placed_at >= p.tail_age_ms && t >= slot.arrival;
        if (Math.abs(target - slot.price) >= thr || stale) out.push([l, target]);
      }
    }
    return out;
  }

  /**
   * Queue-aware placement: the first tick at or behind `price` (away from the mid, within
   * `reach`) with no displayed quantity, so the order has no queue ahead; `price` when none.
   */
  #empty_tick_behind(side: 0 | 1, price: number, reach: number): number {
    const tick = this.#m.feed.tick;
    const n = Math.floor(reach / tick + 1e-9);
    for (let k = 0; k <= n; k++) {
      const px = side === 0 ? price - k * tick : price + k * tick;
      if (this.#m.book.qty_at(side, px) === 0) return px;
    }
    return price;
  }

  #cancel(old_id: number, side: 0 | 1, t: number, k: number, mid: number): void {
    const m = this.#m;
    this.#ex.rec.counts.cancels++;
    const r = { sym: m.i, kind: "cancel" as const, side, id: 0, old_id, price: 0, qty: 0 };
    this.#ex.send(m, t, { ...r, decision_mid: mid }, k);
  }
}
