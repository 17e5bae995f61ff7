/**
 * The `sim` exchange: the engine's exchange model behind the {@linkcode Exchange} interface, on
 * simulated time (no real sleeping), seeded. Per symbol, the engine's market generator (a
 * `lib/market` scenario) feeds a WASM `Book` whose queue model fills resting orders: an order
 * joins the queue at its level and fills, often partially, only when trades consume the queue
 * ahead of it (`sim_market.ts`). Every request costs the engine's lognormal latency with rare
 * spikes and reaches the matching engine half-way through its round trip; the engine's rolling
 * rate limit applies to order entry; post-only orders that would cross on arrival are rejected,
 * a few others are rejected at random. The engine's session exchange (lib/engine/exchange.ts) is
 * not driven directly: its fill records carry no order id and it has no cancel result, bulk
 * cancel or position query; this adapter assembles the same parts (generator, book, queue model,
 * latency sampler, rate limit) behind the request/response interface.
 * @module
 */
import type { QueueModelName } from "../core/mod.ts";
import { DEFAULT_LATENCY, RateLimit, sample_latency } from "../engine/latency.ts";
import { Rng } from "../market/rng.ts";
import { scenario, type ScenarioParams } from "../market/scenarios.ts";
import { SimClock } from "./clock.ts";
import { next_avg_price, round_to } from "./grid.ts";
import { type BookFill, sim_symbol_spec, SymbolMarket } from "./sim_market.ts";
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
  /** Market scenario of `lib/market/scenarios.ts`: a preset name or a parameter set. */
  scenario: string | ScenarioParams;
  /** Market time the scenario's path is generated for (beyond it the fair price stays put). */
  window_ms: number;
  /** Queue model of the book for own orders. */
  queue_model: QueueModelName;
  /** Median request latency (ms) and its log-sigma. */
  latency_median_ms: number;
  latency_sigma: number;
  /** Probability of a latency spike and its mean extra delay (exponential, ms). */
  spike_prob: number;
  spike_ms: number;
  /** Probability that the exchange rejects an order for a reason other than post-only. */
  reject_rate: number;
  /** Order-entry requests (places and cancels) per rolling second; more are refused (10006). */
  exchange_limit_per_s: number;
  /** Test hooks: the bulk cancel endpoint fails; single cancels fail with this probability. */
  bulk_cancel_fails: boolean;
  cancel_fail_prob: number;
}

/** Defaults: the calibrated default market, a ~40 ms median round trip, Bybit-like limits. */
export const SIM_DEFAULTS: SimOptions = {
  seed: 42,
  scenario: "default",
  window_ms: 120_000,
  queue_model: "prob_power",
  latency_median_ms: 38,
  latency_sigma: 0.45,
  spike_prob: 0.03,
  spike_ms: 120,
  reject_rate: 0.03,
  exchange_limit_per_s: DEFAULT_LATENCY.exchange_limit_per_s,
  bulk_cancel_fails: false,
  cancel_fail_prob: 0,
};

interface SimOrder extends OrderInfo {
  /** Id of the order in its symbol's book. */
  book_id: number;
}

/** Symbol rules and starting price of a symbol (the market generator's grid). */
export function sim_symbol(symbol: string): { price: number; filters: SymbolFilters } {
  const s = sim_symbol_spec(symbol);
  return { price: s.price, filters: { tick_size: s.tick, step_size: s.lot, min_qty: s.lot } };
}

/** A stable per-symbol salt, so that a symbol's market does not depend on the others. */
function symbol_salt(symbol: string): number {
  let h = 2166136261;
  for (let i = 0; i < symbol.length; i++) h = Math.imul(h ^ symbol.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The simulated exchange. */
export class SimExchange implements Exchange {
  readonly name = "sim";
  readonly clock: SimClock;
  readonly options: SimOptions;
  #rng: Rng;
  #market_rng: Rng;
  #scenario: ScenarioParams;
  #limit: RateLimit;
  #markets = new Map<string, SymbolMarket>();
  #orders = new Map<string, SimOrder>();
  #by_book_id = new Map<string, Map<number, SimOrder>>();
  #positions = new Map<string, Position>();
  #fills: Fill[] = [];
  #seq = 0;
  #exec_seq = 0;

  constructor(clock: SimClock, options: Partial<SimOptions> = {}) {
    this.clock = clock;
    this.options = { ...SIM_DEFAULTS, ...options };
    const sc = this.options.scenario;
    this.#scenario = typeof sc === "string" ? scenario(sc) : sc;
    this.#rng = new Rng(this.options.seed);
    this.#market_rng = new Rng(this.options.seed ^ 0x5eed);
    this.#limit = new RateLimit(this.options.exchange_limit_per_s);
  }

  start(symbols: readonly string[]): Promise<void> {
    for (const s of symbols) this.#market(s);
    return Promise.resolve();
  }

  close(): Promise<void> {
    for (const m of this.#markets.values()) m.dispose();
    this.#markets.clear();
    return Promise.resolve();
  }

  symbol_filters(symbol: string): Promise<SymbolFilters> {
    return this.#round_trip(() => sim_symbol(symbol).filters);
  }

  quote(symbol: string): Promise<Quote> {
    return this.#round_trip(() => this.#quote(symbol));
  }

  place_post_only(req: PlaceRequest): Promise<PlaceResult> {
    return this.#round_trip(() => this.#place(req));
  }

  cancel(_symbol: string, client_order_id: string): Promise<boolean> {
    return this.#round_trip(() => {
      if (this.#rng.next() < this.options.cancel_fail_prob) {
        throw new ExchangeError("transient", "simulated cancel failure", { code: 10016 });
      }
      if (!this.#limit.admit(this.clock.now_ms())) {
        throw new ExchangeError("rate_limit", "10006: too many visits", { code: 10006 });
      }
      const o = this.#orders.get(client_order_id);
      if (!o || !is_open(o)) return false;
      this.#cancel(o);
      return true;
    });
  }

  cancel_all(symbols: readonly string[]): Promise<string[]> {
    return this.#round_trip(() => {
      if (this.options.bulk_cancel_fails) {
        throw new ExchangeError("transient", "simulated bulk cancel failure", { code: 10016 });
      }
      const out: string[] = [];
      for (const o of this.#orders.values()) {
        if (is_open(o) && symbols.includes(o.symbol)) {
          this.#cancel(o);
          out.push(o.client_order_id);
        }
      }
      return out;
    });
  }

  open_orders(symbol?: string): Promise<OrderInfo[]> {
    return this.#round_trip(() =>
      [...this.#orders.values()]
        .filter((o) => is_open(o) && (symbol === undefined || o.symbol === symbol))
        .map(info)
    );
  }

  positions(): Promise<Position[]> {
    return this.#round_trip(() =>
      [...this.#positions.values()].filter((p) => p.qty !== 0).map((p) => ({ ...p }))
    );
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
    return this.#quote(symbol);
  }

  /** Mid of `symbol`'s book now, without spending a request (tests, markouts). */
  peek_mid(symbol: string): number {
    this.#advance_market();
    return this.#market(symbol).book.mid();
  }

  /** Any order by client id, whatever its status (for a server built on this model). */
  order(client_order_id: string): OrderInfo | undefined {
    const o = this.#orders.get(client_order_id);
    return o ? info(o) : undefined;
  }

  /**
   * Queue position of a resting order as the book's queue model estimates it now (the market is
   * not advanced): quantity ahead of it and quantity left; undefined when not resting.
   */
  queue_position(client_order_id: string): { queue_ahead: number; leaves: number } | undefined {
    const o = this.#orders.get(client_order_id);
    const r = o && is_open(o) ? this.#market(o.symbol).book.order(o.book_id) : undefined;
    return r && { queue_ahead: r.queue_ahead, leaves: r.leaves };
  }

  /** Displayed quantity at `price` on a side of `symbol`'s book now (market not advanced). */
  displayed_qty(symbol: string, side: "Buy" | "Sell", price: number): number {
    return this.#market(symbol).book.qty_at(side === "Buy" ? 0 : 1, price);
  }

  /** Post-only crosses are rejected synchronously here, so the sim never closes orders itself. */
  drain_closed(): Promise<OrderClosed[]> {
    return Promise.resolve([]);
  }

  /**
   * One request: half the sampled round trip to reach the exchange, the market runs meanwhile,
   * `fn` runs there, then the other half back. A throwing `fn` still costs the round trip.
   */
  #round_trip<T>(fn: () => T): Promise<T> {
    const latency = this.#latency();
    this.clock.advance(latency / 2);
    this.#advance_market();
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    } finally {
      this.clock.advance(latency / 2);
    }
  }

  #quote(symbol: string): Quote {
    return { symbol, ...this.#market(symbol).touch(), timestamp_ms: this.clock.now_ms() };
  }

  #place(req: PlaceRequest): PlaceResult {
    const dup = this.#orders.get(req.client_order_id);
    if (dup) {
      return { client_order_id: dup.client_order_id, order_id: dup.order_id, status: dup.status };
    }
    const m = this.#market(req.symbol);
    const { bid, ask } = m.touch();
    const book_id = ++this.#seq;
    const order_id = `SIM${String(book_id).padStart(8, "0")}`;
    let reject: string | undefined;
    if (!this.#limit.admit(this.clock.now_ms())) {
      reject = "10006: too many visits";
    } else if (req.side === "Buy" ? req.price >= ask : req.price <= bid) {
      reject = "170218: post-only order would take liquidity";
    } else if (this.#rng.next() < this.options.reject_rate) {
      reject = "10001: simulated exchange reject";
    }
    const status = reject ? "Rejected" : "Open";
    const o: SimOrder = { ...req, order_id, filled_qty: 0, status, book_id };
    this.#orders.set(req.client_order_id, o);
    if (!reject) {
      m.add_order(book_id, req.side === "Buy" ? 0 : 1, req.price, req.qty);
      this.#resting(req.symbol).set(book_id, o);
    }
    return { client_order_id: req.client_order_id, order_id, status, reject_reason: reject };
  }

  #cancel(o: SimOrder): void {
    this.#market(o.symbol).book.cancel_order(o.book_id);
    this.#resting(o.symbol).delete(o.book_id);
    o.status = "Canceled";
  }

  /** The engine's latency model (lognormal base + spikes); requests here are sequential. */
  #latency(): number {
    const o = this.options;
    const params = {
      base_median_ms: o.latency_median_ms,
      base_log_sigma: o.latency_sigma,
      load_ms_per_inflight: 0,
      exchange_limit_per_s: o.exchange_limit_per_s,
    };
    const ms = sample_latency(params, this.#rng, 0, o.spike_prob, o.spike_ms);
    return Math.round(ms * 100) / 100;
  }

  #market(symbol: string): SymbolMarket {
    let m = this.#markets.get(symbol);
    if (!m) {
      const o = this.options;
      m = new SymbolMarket(
        sim_symbol_spec(symbol),
        this.#scenario,
        this.#market_rng.fork(symbol_salt(symbol)),
        this.clock.now_ms(),
        o.window_ms,
        o.queue_model,
      );
      this.#markets.set(symbol, m);
    }
    return m;
  }

  #resting(symbol: string): Map<number, SimOrder> {
    let r = this.#by_book_id.get(symbol);
    if (!r) this.#by_book_id.set(symbol, r = new Map());
    return r;
  }

  /** Run every symbol's market up to the clock; the book's queue model fills resting orders. */
  #advance_market(): void {
    const now = this.clock.now_ms();
    for (const [symbol, m] of this.#markets) {
      for (const f of m.advance(now)) this.#fill(symbol, m.spec.lot, f);
    }
  }

  #fill(symbol: string, step: number, f: BookFill): void {
    const resting = this.#resting(symbol);
    const ord = resting.get(f.id);
    if (!ord) return;
    const qty = round_to(f.qty, step);
    const done = f.leaves <= step / 2;
    ord.filled_qty = round_to(ord.qty - (done ? 0 : f.leaves), step);
    ord.status = done ? "Filled" : "PartiallyFilled";
    if (done) resting.delete(f.id);
    const pos = this.#positions.get(symbol) ?? { symbol, qty: 0, avg_price: 0 };
    const signed = ord.side === "Buy" ? qty : -qty;
    pos.avg_price = next_avg_price(pos.qty, pos.avg_price, signed, ord.price);
    pos.qty = round_to(pos.qty + signed, step);
    this.#positions.set(symbol, pos);
    this.#fills.push({
      exec_id: `X${String(++this.#exec_seq).padStart(8, "0")}`,
      client_order_id: ord.client_order_id,
      order_id: ord.order_id,
      symbol,
      side: ord.side,
      qty,
      price: ord.price,
      timestamp_ms: f.t,
      order_done: done,
    });
  }
}

function info(o: SimOrder): OrderInfo {
  const { book_id: _, ...rest } = o;
  return { ...rest };
}

function is_open(o: OrderInfo): boolean {
  return o.status === "Open" || o.status === "PartiallyFilled";
}
