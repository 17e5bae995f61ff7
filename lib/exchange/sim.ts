/**
 * The `sim` exchange: a small seeded model behind the {@linkcode Exchange} interface, on simulated
 * time (no real sleeping). Mid price: Gaussian random walk; spread: a few ticks; every request
 * costs a lognormal latency with rare spikes; post-only orders that would cross on arrival are
 * rejected, a few others are rejected at random; resting orders fill with an intensity that decays
 * with their distance from the touch (queue-ish), sometimes partially, and fill at once when the
 * market trades through them.
 * @module
 */
import { SimClock } from "./clock.ts";
import { sample_latency } from "../engine/latency.ts";
import { Rng } from "../market/rng.ts";
import type {
  Exchange,
  Fill,
  OrderClosed,
  OrderInfo,
  PlaceRequest,
  PlaceResult,
  Position,
  Quote,
  SymbolFilters,
} from "./types.ts";
import { ExchangeError } from "./types.ts";

/** Parameters of the simulator; every field has a default. */
export interface SimOptions {
  seed: number;
  /** Median request latency (ms) and its log-sigma. */
  latency_median_ms: number;
  latency_sigma: number;
  /** Probability of a latency spike and its mean extra delay (exponential, ms). */
  spike_prob: number;
  spike_ms: number;
  /** Probability that the exchange rejects an order for a reason other than post-only. */
  reject_rate: number;
  /** Fill intensity at the touch, per second. */
  fill_intensity_per_s: number;
  /** Distance from the touch (bps) over which the intensity falls by e. */
  queue_decay_bps: number;
  /** Probability that a fill is partial. */
  partial_fill_rate: number;
  /** Mid volatility in bps per sqrt(second). */
  vol_bps_per_sqrt_s: number;
  /** Test hooks: the bulk cancel endpoint fails; single cancels fail with this probability. */
  bulk_cancel_fails: boolean;
  cancel_fail_prob: number;
}

/** Defaults: a liquid perpetual with a ~40 ms median round trip. */
export const SIM_DEFAULTS: SimOptions = {
  seed: 42,
  latency_median_ms: 38,
  latency_sigma: 0.45,
  spike_prob: 0.03,
  spike_ms: 120,
  reject_rate: 0.03,
  fill_intensity_per_s: 0.5,
  queue_decay_bps: 1,
  partial_fill_rate: 0.25,
  vol_bps_per_sqrt_s: 1.5,
  bulk_cancel_fails: false,
  cancel_fail_prob: 0,
};

interface Book {
  mid: number;
  filters: SymbolFilters;
  half_spread_ticks: number;
}

interface SimOrder extends OrderInfo {
  placed_at_ms: number;
}

/** Symbol rules and starting price of a symbol (Bybit linear perpetual values for the majors). */
export function sim_symbol(symbol: string): { price: number; filters: SymbolFilters } {
  if (symbol.startsWith("BTC")) {
    return { price: 50000, filters: { tick_size: 0.1, step_size: 0.001, min_qty: 0.001 } };
  }
  if (symbol.startsWith("ETH")) {
    return { price: 3000, filters: { tick_size: 0.01, step_size: 0.01, min_qty: 0.01 } };
  }
  return { price: 100, filters: { tick_size: 0.001, step_size: 0.1, min_qty: 0.1 } };
}

const STEP_MS = 100;

/** The simulated exchange. */
export class SimExchange implements Exchange {
  readonly name = "sim";
  readonly clock: SimClock;
  readonly options: SimOptions;
  #rng: Rng;
  #books = new Map<string, Book>();
  #orders = new Map<string, SimOrder>();
  #positions = new Map<string, Position>();
  #fills: Fill[] = [];
  #market_ms: number;
  #seq = 0;
  #exec_seq = 0;

  constructor(clock: SimClock, options: Partial<SimOptions> = {}) {
    this.clock = clock;
    this.options = { ...SIM_DEFAULTS, ...options };
    this.#rng = new Rng(this.options.seed);
    this.#market_ms = clock.now_ms();
  }

  start(symbols: readonly string[]): Promise<void> {
    for (const s of symbols) this.#book(s);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async symbol_filters(symbol: string): Promise<SymbolFilters> {
    await this.#request();
    return { ...this.#book(symbol).filters };
  }

  async quote(symbol: string): Promise<Quote> {
    await this.#request();
    return { symbol, ...this.#touch(this.#book(symbol)), timestamp_ms: this.clock.now_ms() };
  }

  place_post_only(req: PlaceRequest): Promise<PlaceResult> {
    // The order reaches the matching engine half-way through the round trip.
    const latency = this.#latency();
    this.clock.advance(latency / 2);
    this.#advance_market();
    const dup = this.#orders.get(req.client_order_id);
    if (dup) {
      this.clock.advance(latency / 2);
      return Promise.resolve({
        client_order_id: dup.client_order_id,
        order_id: dup.order_id,
        status: dup.status,
      });
    }
    const book = this.#book(req.symbol);
    const { bid, ask } = this.#touch(book);
    const order_id = `SIM${String(++this.#seq).padStart(8, "0")}`;
    let reject: string | undefined;
    if (req.side === "Buy" ? req.price >= ask : req.price <= bid) {
      reject = "170218: post-only order would take liquidity";
    } else if (this.#rng.next() < this.options.reject_rate) {
      reject = "10001: simulated exchange reject";
    }
    const status = reject ? "Rejected" : "Open";
    this.#orders.set(req.client_order_id, {
      ...req,
      order_id,
      filled_qty: 0,
      status,
      placed_at_ms: this.clock.now_ms(),
    });
    this.clock.advance(latency / 2);
    return Promise.resolve({
      client_order_id: req.client_order_id,
      order_id,
      status,
      reject_reason: reject,
    });
  }

  async cancel(_symbol: string, client_order_id: string): Promise<boolean> {
    await this.#request();
    if (this.#rng.next() < this.options.cancel_fail_prob) {
      throw new ExchangeError("transient", "simulated cancel failure", { code: 10016 });
    }
    const o = this.#orders.get(client_order_id);
    if (!o || !is_open(o)) return false;
    o.status = "Canceled";
    return true;
  }

  async cancel_all(symbols: readonly string[]): Promise<string[]> {
    await this.#request();
    if (this.options.bulk_cancel_fails) {
      throw new ExchangeError("transient", "simulated bulk cancel failure", { code: 10016 });
    }
    const out: string[] = [];
    for (const o of this.#orders.values()) {
      if (is_open(o) && symbols.includes(o.symbol)) {
        o.status = "Canceled";
        out.push(o.client_order_id);
      }
    }
    return out;
  }

  async open_orders(symbol?: string): Promise<OrderInfo[]> {
    await this.#request();
    return [...this.#orders.values()]
      .filter((o) => is_open(o) && (symbol === undefined || o.symbol === symbol))
      .map(({ placed_at_ms: _, ...o }) => ({ ...o }));
  }

  async positions(): Promise<Position[]> {
    await this.#request();
    return [...this.#positions.values()].filter((p) => p.qty !== 0).map((p) => ({ ...p }));
  }

  drain_fills(): Promise<Fill[]> {
    this.#advance_market();
    const out = this.#fills;
    this.#fills = [];
    return Promise.resolve(out);
  }

  /** Top of book now, without spending a request (for a server built on this model). */
  peek_quote(symbol: string): Quote {
    this.#advance_market();
    return { symbol, ...this.#touch(this.#book(symbol)), timestamp_ms: this.clock.now_ms() };
  }

  /** Any order by client id, whatever its status (for a server built on this model). */
  order(client_order_id: string): OrderInfo | undefined {
    const o = this.#orders.get(client_order_id);
    if (!o) return undefined;
    const { placed_at_ms: _, ...info } = o;
    return { ...info };
  }

  /** Post-only crosses are rejected synchronously here, so the sim never closes orders itself. */
  drain_closed(): Promise<OrderClosed[]> {
    return Promise.resolve([]);
  }

  /** One request round trip: spend its latency, let the market move meanwhile. */
  #request(): Promise<void> {
    this.clock.advance(this.#latency());
    this.#advance_market();
    return Promise.resolve();
  }

  /** The engine's latency model (lognormal base + spikes); requests here are sequential. */
  #latency(): number {
    const o = this.options;
    const params = {
      base_median_ms: o.latency_median_ms,
      base_log_sigma: o.latency_sigma,
      load_ms_per_inflight: 0,
      exchange_limit_per_s: Infinity,
    };
    const ms = sample_latency(params, this.#rng, 0, o.spike_prob, o.spike_ms);
    return Math.round(ms * 100) / 100;
  }

  #book(symbol: string): Book {
    let b = this.#books.get(symbol);
    if (!b) {
      const s = sim_symbol(symbol);
      b = {
        mid: s.price,
        filters: s.filters,
        half_spread_ticks: 1 + Math.floor(this.#rng.next() * 3),
      };
      this.#books.set(symbol, b);
    }
    return b;
  }

  #touch(b: Book): { bid: number; ask: number } {
    const t = b.filters.tick_size;
    const bid = Math.floor(b.mid / t - b.half_spread_ticks + 0.5) * t;
    const ask = bid + 2 * b.half_spread_ticks * t;
    return { bid: round_to(bid, t), ask: round_to(ask, t) };
  }

  /** Step the market in STEP_MS slices up to the clock, filling resting orders on the way. */
  #advance_market(): void {
    const o = this.options;
    while (this.#market_ms + STEP_MS <= this.clock.now_ms()) {
      this.#market_ms += STEP_MS;
      const dt_s = STEP_MS / 1000;
      for (const b of this.#books.values()) {
        b.mid *= 1 + (o.vol_bps_per_sqrt_s / 1e4) * Math.sqrt(dt_s) * this.#rng.normal();
      }
      for (const ord of this.#orders.values()) {
        if (!is_open(ord)) continue;
        const b = this.#books.get(ord.symbol)!;
        const { bid, ask } = this.#touch(b);
        const through = ord.side === "Buy" ? ask <= ord.price : bid >= ord.price;
        const away = ord.side === "Buy" ? bid - ord.price : ord.price - ask;
        const dist_bps = (Math.max(0, away) / b.mid) * 1e4;
        const intensity = o.fill_intensity_per_s * Math.exp(-dist_bps / o.queue_decay_bps);
        const p = 1 - Math.exp(-intensity * dt_s);
        if (through || this.#rng.next() < p) this.#fill(ord, through);
      }
    }
  }

  #fill(ord: SimOrder, full: boolean): void {
    const step = this.#books.get(ord.symbol)!.filters.step_size;
    const left = ord.qty - ord.filled_qty;
    let qty = left;
    if (!full && this.#rng.next() < this.options.partial_fill_rate) {
      qty = Math.floor((left * (0.3 + 0.5 * this.#rng.next())) / step + 1e-9) * step;
      if (qty <= 0) qty = left;
    }
    qty = round_to(qty, step);
    ord.filled_qty = round_to(ord.filled_qty + qty, step);
    const done = ord.filled_qty >= ord.qty - step / 2;
    ord.status = done ? "Filled" : "PartiallyFilled";
    const pos = this.#positions.get(ord.symbol) ?? { symbol: ord.symbol, qty: 0, avg_price: 0 };
    const signed = ord.side === "Buy" ? qty : -qty;
    pos.avg_price = next_avg_price(pos.qty, pos.avg_price, signed, ord.price);
    pos.qty = round_to(pos.qty + signed, step);
    this.#positions.set(ord.symbol, pos);
    this.#fills.push({
      exec_id: `X${String(++this.#exec_seq).padStart(8, "0")}`,
      client_order_id: ord.client_order_id,
      order_id: ord.order_id,
      symbol: ord.symbol,
      side: ord.side,
      qty,
      price: ord.price,
      timestamp_ms: this.#market_ms,
      order_done: done,
    });
  }
}

function is_open(o: OrderInfo): boolean {
  return o.status === "Open" || o.status === "PartiallyFilled";
}

/** Round `v` to the nearest multiple of `step`, without binary noise in the decimals. */
export function round_to(v: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number((Math.round(v / step) * step).toFixed(decimals));
}

/** Average entry price after adding `signed` at `price` to a position `qty` at `avg`. */
export function next_avg_price(qty: number, avg: number, signed: number, price: number): number {
  const next = qty + signed;
  if (next === 0) return 0;
  if (qty === 0 || Math.sign(qty) !== Math.sign(next)) return price;
  if (Math.sign(signed) !== Math.sign(qty)) return avg; // reducing keeps the entry price
  return (qty * avg + signed * price) / next;
}
