/**
 * The seeded sim market of one symbol (DESIGN §4): a fair log-price with regime-switching
 * volatility, Poisson jumps and an optional crash; a background book on the symbol's tick grid
 * with a depth profile, resilience, churn and liquidity gaps, re-centred on the fair price by
 * trades through the stale levels; Poisson aggressive orders with lognormal USD sizes that walk
 * the book, a share of them informed (trading in the direction of the fair price's next move:
 * the source of adverse selection). Output: normalised events, one step at a time.
 * @module
 */
import type { Rng } from "./rng.ts";
import type { ScenarioParams } from "./scenarios.ts";
import type { SymbolSpec } from "./symbols.ts";
import {
  EV_ASK,
  EV_BID,
  EV_SNAPSHOT,
  EV_SNAPSHOT_END,
  EV_TRADE_BUY,
  EV_TRADE_SELL,
  type EventBuffer,
} from "./events.ts";

/** One symbol's generator. The exchange's own view of the book lives here (ground truth). */
export class SimMarket {
  readonly steps: number;
  readonly step_ms: number;
  /** Fair price (in ticks) at each step boundary, precomputed so informed flow can look ahead. */
  readonly fair: Float64Array;
  /** 1 where the step is in the volatile regime. */
  readonly volatile: Uint8Array;
  #p: ScenarioParams;
  #s: SymbolSpec;
  #rng: Rng;
  #start_ms: number;
  #bid: Float64Array;
  #ask: Float64Array;
  /** Levels emptied by trades (1): the only ones resilience refills; churn handles the rest. */
  #bid_hit: Uint8Array;
  #ask_hit: Uint8Array;
  /** Tick of index 0 of the level arrays. */
  #base: number;
  #tb = 0;
  #ta = 0;
  #best_bid = 0;
  #best_ask = 0;
  #range: number;
  #tpb: number;
  #profile: Float64Array;
  #occ: Float64Array;
  #horizon: number;

  /** `price0`: starting fair price (the symbol preset when absent). */
  constructor(
    p: ScenarioParams,
    spec: SymbolSpec,
    rng: Rng,
    start_ms: number,
    window_ms: number,
    price0 = spec.price,
  ) {
    this.#p = p;
    this.#s = spec;
    this.#rng = rng;
    this.#start_ms = start_ms;
    this.step_ms = p.step_ms;
    this.steps = Math.ceil(window_ms / p.step_ms);
    this.#horizon = Math.max(1, Math.round(p.informed_horizon_s * 1000 / p.step_ms));
    const n = this.steps + this.#horizon + 1;
    this.fair = new Float64Array(n);
    this.volatile = new Uint8Array(n);
    const f0 = price0 / spec.tick;
    this.#gen_path(f0);
    this.#tpb = spec.price / spec.tick / 10_000;
    this.#range = Math.max(8, Math.round(p.depth_range_bps * this.#tpb));
    this.#profile = new Float64Array(this.#range + 1);
    const scale = spec.liquidity_scale / spec.price;
    for (let d = 0; d <= this.#range; d++) {
      const b = Math.min(Math.floor(d / this.#tpb), p.depth_usd_per_bps.length - 1);
      this.#profile[d] = (p.depth_usd_per_bps[b]! / this.#tpb) * scale;
    }
    this.#profile[0] = this.#profile[0]! + p.touch_usd * scale;
    this.#occ = new Float64Array(this.#range + 1);
    for (let d = 0; d <= this.#range; d++) {
      const b = Math.min(Math.floor(d / this.#tpb), p.occupancy_by_bps.length - 1);
      this.#occ[d] = p.occupancy_by_bps[b]!;
    }
    // The fair price may wander: keep room for the range plus the path's extremes.
    let lo = Infinity, hi = -Infinity;
    for (const f of this.fair) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    this.#base = Math.floor(lo) - this.#range - p.spread_ticks - 4;
    const size = Math.ceil(hi) - this.#base + this.#range + p.spread_ticks + 8;
    this.#bid = new Float64Array(size);
    this.#ask = new Float64Array(size);
    this.#bid_hit = new Uint8Array(size);
    this.#ask_hit = new Uint8Array(size);
  }

  /** Fair price at step `k` (price units). */
  fair_price(k: number): number {
    return this.fair[Math.min(k, this.fair.length - 1)]! * this.#s.tick;
  }

  /** Initial book as a snapshot at the start time. */
  init(out: EventBuffer): void {
    const t = this.#start_ms;
    this.#target(0);
    out.push(t, EV_SNAPSHOT, 0, 0);
    for (let d = 0; d <= this.#range; d++) {
      const qb = this.#draw(d), qa = this.#draw(d);
      this.#bid[this.#tb - d - this.#base] = qb;
      this.#ask[this.#ta + d - this.#base] = qa;
      out.push(t, EV_BID, this.#px(this.#tb - d), qb);
      out.push(t, EV_ASK, this.#px(this.#ta + d), qa);
    }
    out.push(t, EV_SNAPSHOT_END, 0, 0);
    this.#best_bid = this.#tb;
    this.#best_ask = this.#ta;
  }

  /** Events of step `k` (market time (start + k·step, start + (k+1)·step]). */
  step(k: number, out: EventBuffer): void {
    const p = this.#p, rng = this.#rng;
    const t0 = this.#start_ms + k * this.step_ms;
    const dt = this.step_ms / 1000;
    const n = rng.poisson(p.trade_rate_per_s * dt);
    if (n > 0) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(t0 + rng.next() * this.step_ms);
      times.sort((a, b) => a - b);
      const move = this.fair[Math.min(k + this.#horizon, this.fair.length - 1)]! - this.fair[k]!;
      for (const ts of times) {
        const informed = rng.next() < p.informed_share && move !== 0;
        const buy = informed ? move > 0 : rng.next() < 0.5;
        const usd = rng.lognormal(p.trade_size_log_mu, p.trade_size_log_sigma) *
          this.#s.liquidity_scale;
        this.#sweep(ts, buy, usd / this.#s.price, out);
      }
    }
    const t1 = t0 + this.step_ms;
    this.#recentre(k + 1, t1, dt, out);
  }

  #sweep(ts: number, buy: boolean, qty: number, out: EventBuffer): void {
    const arr = buy ? this.#ask : this.#bid;
    let tick = buy ? this.#best_ask : this.#best_bid;
    const last = buy ? this.#ta + this.#range : this.#tb - this.#range;
    while (qty > 1e-12 && (buy ? tick <= last : tick >= last)) {
      const i = tick - this.#base;
      const q = arr[i]!;
      if (q > 0) {
        const take = Math.min(q, qty);
        qty -= take;
        arr[i] = q - take < 1e-9 ? 0 : q - take;
        (buy ? this.#ask_hit : this.#bid_hit)[i] = 1;
        out.push(ts, buy ? EV_TRADE_BUY : EV_TRADE_SELL, this.#px(tick), take);
        out.push(ts, buy ? EV_ASK : EV_BID, this.#px(tick), arr[i]!);
      }
      if (arr[i]! > 0) break;
      tick += buy ? 1 : -1;
    }
    if (buy) this.#best_ask = tick;
    else this.#best_bid = tick;
  }

  #recentre(k: number, ts: number, dt: number, out: EventBuffer): void {
    const p = this.#p, rng = this.#rng;
    const old_tb = this.#tb, old_ta = this.#ta;
    this.#target(k);
    const tb = this.#tb, ta = this.#ta, R = this.#range;
    // The price moved through stale levels: sellers hit the bids above the new touch, buyers lift
    // the asks below it (this is how a move reaches resting orders).
    for (let t = Math.max(this.#best_bid, old_tb); t > tb; t--) this.#take(ts, false, t, out);
    for (let t = Math.min(this.#best_ask, old_ta); t < ta; t++) this.#take(ts, true, t, out);
    // Levels leaving the kept range are deleted.
    for (let t = old_tb - R; t < tb - R; t++) this.#set(ts, false, t, 0, out);
    for (let t = old_ta + R; t > ta + R; t--) this.#set(ts, true, t, 0, out);
    // Resilience: depleted levels refill towards the profile.
    // Levels newly uncovered by the move are quoted at once (the touch follows the fair price).
    const pr = 1 - Math.exp(-p.refill_per_s * dt);
    const fresh_b = tb - old_tb, fresh_a = old_ta - ta;
    for (let d = 0; d <= R; d++) {
      const target = this.#profile[d]!;
      const bi = tb - d - this.#base, ai = ta + d - this.#base;
      if (d <= fresh_b || (this.#bid_hit[bi] && rng.next() < pr)) {
        this.#bid_hit[bi] = 0;
        if (this.#bid[bi]! < 0.3 * target) this.#set(ts, false, tb - d, this.#draw(d), out);
      }
      if (d <= fresh_a || (this.#ask_hit[ai] && rng.next() < pr)) {
        this.#ask_hit[ai] = 0;
        if (this.#ask[ai]! < 0.3 * target) this.#set(ts, true, ta + d, this.#draw(d), out);
      }
    }
    // Churn: adds and cancels at random levels.
    for (let side = 0; side < 2; side++) {
      const c = rng.poisson(p.churn_per_s * dt);
      for (let j = 0; j < c; j++) {
        const d = Math.floor(rng.next() * (R + 1));
        const t = side === 0 ? tb - d : ta + d;
        this.#set(ts, side === 1, t, this.#draw(d), out);
      }
    }
    if (p.gap_rate_per_s > 0 && rng.next() < 1 - Math.exp(-p.gap_rate_per_s * dt)) {
      const ask = rng.next() < 0.5;
      const w = Math.max(1, Math.round(p.gap_bps * this.#tpb));
      const d0 = 1 + Math.floor(rng.next() * 2 * this.#tpb);
      for (let d = d0; d < d0 + w && d <= R; d++) this.#set(ts, ask, ask ? ta + d : tb - d, 0, out);
    }
    this.#best_bid = tb;
    this.#best_ask = ta;
  }

  #take(ts: number, buy: boolean, tick: number, out: EventBuffer): void {
    const arr = buy ? this.#ask : this.#bid;
    const i = tick - this.#base;
    const q = arr[i]!;
    if (!(q > 0)) return;
    out.push(ts, buy ? EV_TRADE_BUY : EV_TRADE_SELL, this.#px(tick), q);
    arr[i] = 0;
    (buy ? this.#ask_hit : this.#bid_hit)[i] = 1;
    out.push(ts, buy ? EV_ASK : EV_BID, this.#px(tick), 0);
  }

  #set(ts: number, ask: boolean, tick: number, q: number, out: EventBuffer): void {
    const arr = ask ? this.#ask : this.#bid;
    const i = tick - this.#base;
    if (i < 0 || i >= arr.length || arr[i] === q) return;
    arr[i] = q;
    out.push(ts, ask ? EV_ASK : EV_BID, this.#px(tick), q);
  }

  #draw(d: number): number {
    const occ = d === 0 ? 1 : this.#occ[d]!;
    if (occ < 1 && this.#rng.next() >= occ) return 0;
    const sg = this.#p.level_size_log_sigma;
    const q = this.#profile[d]! / occ * this.#rng.lognormal(-sg * sg / 2, sg);
    const lot = this.#s.lot;
    return Math.max(lot, Math.round(q / lot) * lot);
  }

  #px(tick: number): number {
    // Rounded so that prices print as on the exchange (no 61800.100000001).
    return Math.round(tick * this.#s.tick * 1e8) / 1e8;
  }

  #target(k: number): void {
    const f = this.fair[Math.min(k, this.fair.length - 1)]!;
    const s = this.#p.spread_ticks;
    this.#tb = Math.floor(f - s / 2 + 1e-9);
    this.#ta = this.#tb + s;
  }

  #gen_path(f0: number): void {
    const p = this.#p, rng = this.#rng, dt = p.step_ms / 1000;
    const n = this.fair.length;
    let x = Math.log(f0), vol = 0;
    const pv = 1 - Math.exp(-p.to_volatile_per_s * dt);
    const pc = 1 - Math.exp(-p.to_calm_per_s * dt);
    const pj = 1 - Math.exp(-p.jump_rate_per_s * dt);
    const crash_k0 = p.crash_bps > 0 ? Math.floor(p.crash_at * this.steps) : -1;
    const crash_n = Math.max(1, Math.round(p.crash_s / dt));
    for (let k = 0; k < n; k++) {
      this.fair[k] = Math.exp(x);
      this.volatile[k] = vol;
      vol = vol ? (rng.next() < pc ? 0 : 1) : (rng.next() < pv ? 1 : 0);
      const sigma = p.vol_bps_per_sqrt_s * (vol ? p.volatile_vol_mult : 1) * 1e-4;
      x += sigma * Math.sqrt(dt) * rng.normal();
      if (rng.next() < pj) x += p.jump_bps * 1e-4 * rng.normal();
      if (crash_k0 >= 0 && k >= crash_k0 && k < crash_k0 + crash_n) {
        x -= p.crash_bps * 1e-4 / crash_n;
      }
    }
  }
}
