/**
 * The `bybit` exchange: Bybit v5 linear perpetuals over REST (orders, positions, filters) and
 * WebSockets (public `orderbook.50.<S>` / `publicTrade.<S>`, private `order` / `execution` /
 * `position`). Our orders are tracked by client id (`orderLinkId`); fills are de-duplicated by
 * `execId`, so out-of-order or repeated executions are harmless; after a dropped private stream
 * the adapter resyncs executions and open orders over REST.
 * @module
 */
import type { Clock } from "../clock.ts";
import { ResilientCaller } from "../resilience/caller.ts";
import type { ResilienceOptions } from "../resilience/caller.ts";
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
} from "../types.ts";
import { ExchangeError } from "../types.ts";
import { TopOfBook } from "./book.ts";
import type { Credentials } from "./credentials.ts";
import { parse_order, parse_position, type Raw, step_decimals } from "./messages.ts";
import { OrderTracker } from "./order_tracker.ts";
import { BybitRest, DUPLICATE_ORDER_LINK_ID } from "./rest.ts";
import type { BybitEndpoints } from "./sign.ts";
import { BybitStream } from "./ws.ts";

/** Settings of the adapter. */
export interface BybitOptions {
  endpoints: BybitEndpoints;
  /** Required unless `shadow`. */
  credentials?: Credentials;
  clock: Clock;
  /** Market data only: placing or canceling orders throws. */
  shadow: boolean;
  timeout_ms: number;
  resilience?: Partial<ResilienceOptions>;
}

type List = { list?: Raw[]; nextPageCursor?: string };
const CATEGORY = "linear";

/** Bybit v5 behind the {@linkcode Exchange} interface. */
export class BybitExchange implements Exchange {
  readonly name = "bybit";
  readonly options: BybitOptions;
  readonly caller: ResilientCaller;
  readonly rest: BybitRest;
  #symbols: string[] = [];
  #filters = new Map<string, SymbolFilters>();
  #books = new Map<string, TopOfBook>();
  #orders = new OrderTracker();
  #public: BybitStream | undefined;
  #private: BybitStream | undefined;
  #start_ms = 0;
  /** REST resyncs done after a dropped private stream. */
  resyncs = 0;
  /** Retried creates that met their own first attempt (duplicate orderLinkId, not re-placed). */
  duplicates = 0;

  constructor(options: BybitOptions) {
    if (!options.shadow && !options.credentials) {
      throw new ExchangeError("auth", "Bybit trading needs BYBIT_API_KEY and BYBIT_API_SECRET");
    }
    this.options = options;
    this.caller = new ResilientCaller(options.clock, options.resilience);
    this.rest = new BybitRest({
      base_url: options.endpoints.rest,
      credentials: options.credentials,
      clock: options.clock,
      caller: this.caller,
      timeout_ms: options.timeout_ms,
    });
  }

  /** WebSocket drops seen so far (public + private). */
  get ws_drops(): number {
    return (this.#public?.drops ?? 0) + (this.#private?.drops ?? 0);
  }

  async start(symbols: readonly string[]): Promise<void> {
    this.#symbols = [...symbols];
    this.#start_ms = this.options.clock.now_ms();
    for (const s of symbols) await this.symbol_filters(s);
    const o = this.options;
    this.#public = new BybitStream({
      url: o.endpoints.ws_public,
      topics: symbols.flatMap((s) => [`orderbook.50.${s}`, `publicTrade.${s}`]),
      connect_timeout_ms: o.timeout_ms,
      on_message: (m) => this.#on_public(m),
    });
    await this.#public.ensure();
    if (!o.shadow) {
      this.#private = new BybitStream({
        url: o.endpoints.ws_private,
        topics: ["order", "execution", "position"],
        credentials: o.credentials,
        connect_timeout_ms: o.timeout_ms,
        on_message: (m) => this.#orders.on_private(m),
        now_ms: () => o.clock.now_ms(),
      });
      await this.#private.ensure();
    }
  }

  async close(): Promise<void> {
    await this.#public?.close();
    await this.#private?.close();
  }

  async symbol_filters(symbol: string): Promise<SymbolFilters> {
    const cached = this.#filters.get(symbol);
    if (cached) return cached;
    const r = await this.rest.get<List>("/v5/market/instruments-info", {
      category: CATEGORY,
      symbol,
    });
    const info = r?.list?.[0] as
      | { lotSizeFilter?: Raw; priceFilter?: Raw }
      | undefined;
    const f = {
      tick_size: Number(info?.priceFilter?.tickSize),
      step_size: Number(info?.lotSizeFilter?.qtyStep),
      min_qty: Number(info?.lotSizeFilter?.minOrderQty),
    };
    if (!(f.tick_size > 0 && f.step_size > 0 && f.min_qty > 0)) {
      throw new ExchangeError("fatal", `Unknown symbol or filters missing: ${symbol}`);
    }
    this.#filters.set(symbol, f);
    return f;
  }

  async quote(symbol: string): Promise<Quote> {
    try {
      await this.#public?.ensure();
    } catch {
      // Market data falls back to REST below while the stream is down.
    }
    const book = this.#books.get(symbol);
    const best = this.#public?.connected ? book?.best() : undefined;
    if (best) return { symbol, ...best, timestamp_ms: book!.ts };
    const r = await this.rest.get<Raw>("/v5/market/orderbook", {
      category: CATEGORY,
      symbol,
      limit: "1",
    });
    const b = new TopOfBook();
    b.apply("snapshot", r?.b, r?.a, Number(r?.ts) || this.options.clock.now_ms());
    const top = b.best();
    if (!top) throw new ExchangeError("transient", `Empty order book for ${symbol}`);
    return { symbol, ...top, timestamp_ms: b.ts };
  }

  async place_post_only(req: PlaceRequest): Promise<PlaceResult> {
    this.#trading();
    const f = await this.symbol_filters(req.symbol);
    const body = {
      category: CATEGORY,
      symbol: req.symbol,
      side: req.side,
      orderType: "Limit",
      qty: req.qty.toFixed(step_decimals(f.step_size)),
      price: req.price.toFixed(step_decimals(f.tick_size)),
      timeInForce: "PostOnly",
      orderLinkId: req.client_order_id,
    };
    try {
      const r = await this.rest.post<Raw>("/v5/order/create", body);
      const o = this.#orders.accepted(req, String(r?.orderId ?? ""));
      return { client_order_id: req.client_order_id, order_id: o.order_id, status: o.status };
    } catch (e) {
      if (e instanceof ExchangeError && e.code === DUPLICATE_ORDER_LINK_ID) {
        // A retry met its own first attempt, which did reach the exchange: report that order.
        this.duplicates += 1;
        const o = await this.#lookup(req.symbol, req.client_order_id);
        if (o) {
          this.#orders.put(o);
          return { client_order_id: o.client_order_id, order_id: o.order_id, status: o.status };
        }
      }
      if (e instanceof ExchangeError && e.kind === "rejected") {
        return {
          client_order_id: req.client_order_id,
          order_id: "",
          status: "Rejected",
          reject_reason: e.message,
        };
      }
      throw e;
    }
  }

  async cancel(symbol: string, client_order_id: string): Promise<boolean> {
    this.#trading();
    this.#orders.canceling([client_order_id]);
    try {
      await this.rest.post("/v5/order/cancel", {
        category: CATEGORY,
        symbol,
        orderLinkId: client_order_id,
      });
    } catch (e) {
      if (e instanceof ExchangeError && e.kind === "not_found") return false;
      throw e;
    }
    this.#orders.mark(client_order_id, "Canceled");
    return true;
  }

  async cancel_all(symbols: readonly string[]): Promise<string[]> {
    this.#trading();
    this.#orders.canceling({ symbols });
    const out: string[] = [];
    for (const symbol of symbols) {
      const r = await this.rest.post<List>("/v5/order/cancel-all", { category: CATEGORY, symbol });
      for (const o of r?.list ?? []) {
        const cid = String(o.orderLinkId ?? "");
        this.#orders.mark(cid, "Canceled");
        out.push(cid);
      }
    }
    return out;
  }

  async open_orders(symbol?: string): Promise<OrderInfo[]> {
    const out: OrderInfo[] = [];
    for (const s of symbol === undefined ? this.#symbols : [symbol]) {
      let cursor = "";
      for (let page = 0; page < 20; page++) {
        const params: Record<string, string> = { category: CATEGORY, symbol: s, limit: "50" };
        if (cursor) params.cursor = cursor;
        const r = await this.rest.get<List>("/v5/order/realtime", params);
        for (const o of r?.list ?? []) out.push(parse_order(o));
        cursor = r?.nextPageCursor ?? "";
        if (!cursor) break;
      }
    }
    return out.filter((o) => o.status === "Open" || o.status === "PartiallyFilled");
  }

  async positions(): Promise<Position[]> {
    const out: Position[] = [];
    for (const symbol of this.#symbols) {
      const r = await this.rest.get<List>("/v5/position/list", { category: CATEGORY, symbol });
      for (const p of r?.list ?? []) out.push(parse_position(p));
    }
    return out.filter((p) => p.qty !== 0);
  }

  async drain_fills(): Promise<Fill[]> {
    await this.#ensure_private();
    return this.#orders.drain_fills();
  }

  async drain_closed(): Promise<OrderClosed[]> {
    await this.#ensure_private();
    return this.#orders.drain_closed();
  }

  #trading(): void {
    if (this.options.shadow) throw new ExchangeError("fatal", "Shadow mode places no orders");
  }

  async #lookup(symbol: string, cid: string): Promise<OrderInfo | undefined> {
    const r = await this.rest.get<List>("/v5/order/realtime", {
      category: CATEGORY,
      symbol,
      orderLinkId: cid,
    });
    const o = r?.list?.[0];
    return o ? parse_order(o) : undefined;
  }

  /** Reconnect a dropped private stream, then fetch what may have been missed meanwhile. */
  async #ensure_private(): Promise<void> {
    if (!this.#private) return;
    if (await this.#private.ensure()) await this.#resync();
  }

  async #resync(): Promise<void> {
    this.resyncs += 1;
    for (const symbol of this.#symbols) {
      let cursor = "";
      for (let page = 0; page < 20; page++) {
        const params: Record<string, string> = {
          category: CATEGORY,
          symbol,
          startTime: String(this.#start_ms - 1000),
          limit: "100",
        };
        if (cursor) params.cursor = cursor;
        const r = await this.rest.get<List>("/v5/execution/list", params);
        for (const x of r?.list ?? []) this.#orders.on_execution(x);
        cursor = r?.nextPageCursor ?? "";
        if (!cursor) break;
      }
    }
    this.#orders.reconcile_open(new Set((await this.open_orders()).map((o) => o.client_order_id)));
  }

  #on_public(m: { topic: string; type?: string; data: unknown; ts?: number }): void {
    if (!m.topic.startsWith("orderbook.")) return;
    const d = m.data as Raw;
    const symbol = String(d?.s ?? m.topic.split(".").pop());
    let book = this.#books.get(symbol);
    if (!book) this.#books.set(symbol, book = new TopOfBook());
    book.apply(m.type ?? "delta", d?.b, d?.a, Number(m.ts) || this.options.clock.now_ms());
  }
}
