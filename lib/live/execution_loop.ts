/**
 * The smoke execution loop (SPEC §5.1 with §10.4 fixed): maker-only quoting around the mid,
 * post-only shaping with symbol filters, risk checks against real mark prices, fills counted as
 * fills, a freeze with cancel-all when the measured net edge of the loop's own fills (or, for
 * comparability with the original, its scripted ramp) falls below the threshold, periodic reconciliation, latency of every request.
 * @module
 */
import type { Clock } from "../exchange/clock.ts";
import { round_to } from "../exchange/grid.ts";
import type { Exchange, Quote, Side, SymbolFilters } from "../exchange/types.ts";
import type { MmMetrics } from "../metrics/registry.ts";
import { cancel_all_open, type CancelAllResult } from "./cancel_all.ts";
import { LatencyCollector } from "./latency.ts";
import { shape_post_only } from "./maker_policy.ts";
import { EDGE_DEFAULTS, MeasuredEdge } from "./measured_edge.ts";
import { type LoopParams, ramp_edge_bps } from "./loop_params.ts";
import { OrderStore } from "./order_store.ts";
import { reconcile, type ReconResult } from "./recon.ts";
import { RiskMonitor } from "./risk_monitor.ts";

export {
  EDGE_THRESHOLD_DEFAULTS,
  LOOP_DEFAULTS,
  type LoopParams,
  ramp_edge_bps,
} from "./loop_params.ts";

/** Counters of a run. */
export interface LoopStats {
  orders_placed: number;
  orders_filled: number;
  fills: number;
  orders_rejected: number;
  orders_canceled: number;
  exchange_canceled: number;
  risk_blocks: number;
  orders_blocked: number;
  blocked_min_qty: number;
  blocked_cross_price: number;
  post_only_adjustments: number;
  freeze_events: number;
  recon_runs: number;
  errors: number;
}

/** One run of the loop against an exchange. */
export class ExecutionLoop {
  readonly exchange: Exchange;
  readonly clock: Clock;
  readonly params: LoopParams;
  readonly store: OrderStore;
  readonly risk: RiskMonitor;
  readonly latency: LatencyCollector;
  /** Measured net edge of our fills per symbol (computed whatever the freeze source). */
  readonly edge: MeasuredEdge;
  readonly stats: LoopStats = {
    orders_placed: 0,
    orders_filled: 0,
    fills: 0,
    orders_rejected: 0,
    orders_canceled: 0,
    exchange_canceled: 0,
    risk_blocks: 0,
    orders_blocked: 0,
    blocked_min_qty: 0,
    blocked_cross_price: 0,
    post_only_adjustments: 0,
    freeze_events: 0,
    recon_runs: 0,
    errors: 0,
  };
  readonly mids = new Map<string, number>();
  /** Result of the freeze cancel-all and of the end-of-run cancel-all. */
  freeze_cancel: CancelAllResult | undefined;
  final_cancel: CancelAllResult | undefined;
  /** The last reconciliation, and the divergences summed over all of them. */
  last_recon: ReconResult | undefined;
  divergences_total = 0;
  /** Working orders left on the exchange after the run (must be 0). */
  open_orders_at_end = 0;
  /** Σ qty · price over fills (maker volume in USD, for the fees report). */
  fill_notional_usd = 0;
  #filters = new Map<string, SymbolFilters>();
  #filled_orders = new Set<string>();
  #log: (event: string, fields?: Record<string, unknown>) => void;
  #last_recon_ms: number;

  constructor(
    exchange: Exchange,
    clock: Clock,
    params: LoopParams,
    options: {
      metrics?: MmMetrics;
      log?: (event: string, fields?: Record<string, unknown>) => void;
      client_id_prefix?: string;
    } = {},
  ) {
    this.exchange = exchange;
    this.clock = clock;
    this.params = params;
    this.store = new OrderStore(options.client_id_prefix);
    this.latency = new LatencyCollector(options.metrics);
    this.edge = new MeasuredEdge({ ...EDGE_DEFAULTS, fees: params.fees });
    this.risk = new RiskMonitor(
      {
        max_inventory_usd_per_symbol: params.max_inventory_usd_per_symbol,
        max_total_notional_usd: params.max_total_notional_usd,
        edge_freeze_threshold_bps: params.edge_freeze_threshold_bps,
      },
      (s) => this.mids.get(s),
      options.metrics,
    );
    this.#log = options.log ?? (() => {});
    this.#last_recon_ms = clock.now_ms();
  }

  /** Await one exchange request and record its latency on the loop's clock. */
  timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t0 = this.clock.now_ms();
    try {
      return await fn();
    } finally {
      this.latency.record_ms(this.clock.now_ms() - t0);
    }
  };

  /** Run every iteration, then cancel what is left, settle and reconcile a last time. */
  async run(): Promise<void> {
    const p = this.params;
    for (const s of p.symbols) {
      this.#filters.set(
        s,
        await this.timed(() => this.exchange.symbol_filters(s)),
      );
    }
    for (let it = 0; it < p.iterations; it++) {
      for (const s of p.symbols) await this.#guard("quote", () => this.#quote_symbol(s));
      await this.#guard("events", () => this.#drain());
      for (const s of p.symbols) {
        const edge = this.#edge_now(it, s);
        if (edge !== undefined && this.risk.on_edge_update(s, edge)) await this.#on_freeze(s);
      }
      // Shadow runs place nothing (and may have no keys): there is nothing to reconcile.
      if (!p.shadow && this.clock.now_ms() - this.#last_recon_ms >= p.recon_interval_s * 1000) {
        await this.#guard("recon", () => this.recon());
      }
      await this.clock.sleep(p.interval_ms);
    }
    if (!p.shadow) {
      this.final_cancel = await cancel_all_open(this.exchange, this.store, p.symbols, {
        timed: this.timed,
      });
      this.stats.orders_canceled += this.final_cancel.canceled_count;
      this.#log("cancel_all_done", { trigger: "end_of_run", ...this.final_cancel });
    }
    await this.clock.sleep(Math.min(p.interval_ms, 200));
    await this.#guard("events", () => this.#drain());
    // Fills still inside their markout horizon are marked at the last mid (as the engine does).
    if (!p.shadow) await this.#guard("quote", () => this.#mark_out_all());
    if (!p.shadow) {
      await this.#guard("recon", () => this.recon());
      await this.#guard("open_orders", async () => {
        this.open_orders_at_end = (await this.timed(() => this.exchange.open_orders())).length;
      });
    }
  }

  /** Reconcile now; a divergence is re-checked once after draining events in flight. */
  async recon(): Promise<ReconResult> {
    const run = async () => {
      await this.#drain();
      return await reconcile(
        this.exchange,
        this.store,
        this.risk.positions,
        this.params.symbols,
        Math.round(this.clock.now_ms()),
        (s) => (this.#filters.get(s)?.step_size ?? 1e-9) / 2,
      );
    };
    let r = await run();
    if (r.divergence_count > 0) {
      await this.clock.sleep(50);
      r = await run();
    }
    this.#last_recon_ms = this.clock.now_ms();
    this.stats.recon_runs += 1;
    this.divergences_total += r.divergence_count;
    this.last_recon = r;
    if (r.divergence_count > 0) this.#log("recon_divergence", { ...r });
    return r;
  }

  /** The edge the freeze check reads at iteration `it` (undefined: no verdict yet). */
  #edge_now(it: number, symbol: string): number | undefined {
    const p = this.params;
    if (p.edge_bps) return p.edge_bps(it, p.iterations, symbol);
    if (p.edge_source === "ramp") return ramp_edge_bps(it, p.iterations);
    return this.edge.value(symbol);
  }

  /**
   * Take a quote's mid (on the half-tick grid: no 2649.0299999999997 in reports) as the mark and
   * markout price. An empty side or a crossed book gives no usable mid: undefined.
   */
  #observe(q: Quote, final = false): number | undefined {
    if (!(q.bid > 0 && q.ask > q.bid)) {
      // As strings: NaN (an empty side) is not JSON.
      this.#log("quote_unusable", { symbol: q.symbol, bid: String(q.bid), ask: String(q.ask) });
      return undefined;
    }
    const tick = this.#filters.get(q.symbol)?.tick_size;
    const mid = tick ? round_to((q.bid + q.ask) / 2, tick / 2) : (q.bid + q.ask) / 2;
    this.mids.set(q.symbol, mid);
    this.edge.on_mid(q.symbol, mid, this.clock.now_ms(), final);
    return mid;
  }

  async #mark_out_all(): Promise<void> {
    for (const s of this.params.symbols) {
      this.#observe(await this.exchange.quote(s), true);
    }
  }

  async #guard(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.stats.errors += 1;
      this.#log("error", { during: what, error: e instanceof Error ? e.message : String(e) });
    }
  }

  async #quote_symbol(symbol: string): Promise<void> {
    // Quotes usually come from a stream (no request to time) except in shadow runs, whose only
    // requests they are; order-path latency is what the report's p95 is about.
    const get = () => this.exchange.quote(symbol);
    const q = await (this.params.shadow ? this.timed(get) : get());
    const mid = this.#observe(q);
    if (mid === undefined || this.params.shadow || this.risk.frozen) return;
    for (const side of ["Buy", "Sell"] as Side[]) {
      await this.#guard("order", () => this.#work_side(symbol, side, mid, q.bid, q.ask));
    }
  }

  async #work_side(symbol: string, side: Side, mid: number, bid: number, ask: number) {
    const p = this.params;
    const f = this.#filters.get(symbol)!;
    const target = side === "Buy" ? bid : ask;
    const shaped = shape_post_only(side, p.order_usd / mid, target, bid, ask, f, p);
    const working = this.store.working(symbol, side);
    if (
      shaped.ok && working.length === 1 &&
      Math.abs(working[0]!.price - shaped.price) / mid * 1e4 <= p.requote_bps
    ) return;
    for (const o of working) {
      const gone = await this.timed(() => this.exchange.cancel(symbol, o.client_order_id));
      this.store.close(o.client_order_id);
      if (gone) this.stats.orders_canceled += 1;
    }
    if (!shaped.ok) {
      this.stats.orders_blocked += 1;
      if (shaped.reason === "min_qty") this.stats.blocked_min_qty += 1;
      else this.stats.blocked_cross_price += 1;
      return;
    }
    if (shaped.adjusted) this.stats.post_only_adjustments += 1;
    if (!this.risk.check_before_order(symbol, side, shaped.qty, shaped.price)) {
      this.stats.risk_blocks += 1;
      return;
    }
    const cid = this.store.next_client_order_id();
    const req = { symbol, side, qty: shaped.qty, price: shaped.price, client_order_id: cid };
    const r = await this.timed(() => this.exchange.place_post_only(req));
    const accepted = r.status !== "Rejected";
    this.store.put({ ...req, order_id: r.order_id, filled_qty: 0, state: r.status });
    if (accepted) this.stats.orders_placed += 1;
    else {
      this.stats.orders_rejected += 1;
      this.#log("order_rejected", { client_order_id: cid, symbol, side, reason: r.reject_reason });
    }
  }

  async #drain(): Promise<void> {
    for (const f of await this.exchange.drain_fills()) {
      const o = this.store.on_fill(f);
      this.stats.fills += 1;
      this.fill_notional_usd += f.qty * f.price;
      if (o && !this.#filled_orders.has(o.client_order_id)) {
        this.#filled_orders.add(o.client_order_id);
        this.stats.orders_filled += 1;
      }
      this.risk.on_fill(f.symbol, f.side, f.qty);
      // The exchange's fill time, unless its clock runs ahead of ours (markouts use our clock).
      const t = Math.min(f.timestamp_ms, this.clock.now_ms());
      this.edge.on_fill(f.symbol, f.side, f.qty, f.price, t, this.mids.get(f.symbol) ?? NaN);
    }
    for (const c of await this.exchange.drain_closed()) {
      if (this.store.close(c.client_order_id, c.status === "Rejected" ? "Rejected" : "Canceled")) {
        this.stats.exchange_canceled += 1;
      }
    }
  }

  async #on_freeze(symbol: string): Promise<void> {
    this.stats.freeze_events += 1;
    this.#log("freeze_triggered", { symbol, reason: this.risk.last_freeze_reason });
    if (this.params.shadow) return;
    this.freeze_cancel = await cancel_all_open(this.exchange, this.store, this.params.symbols, {
      timed: this.timed,
    });
    this.stats.orders_canceled += this.freeze_cancel.canceled_count;
    this.#log("cancel_all_done", { trigger: "edge_below_threshold", ...this.freeze_cancel });
  }
}
