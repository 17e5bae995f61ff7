/**
 * The one exchange interface the smoke command's execution loop talks to, implemented by the
 * seeded simulator (`sim.ts`) and the Bybit v5 adapter (`bybit/adapter.ts`).
 * @module
 */

/** Order side, spelled as Bybit does. */
export type Side = "Buy" | "Sell";

/** Order status after placement. Post-only orders are Open or Rejected on arrival. */
export type OrderStatus = "Open" | "PartiallyFilled" | "Filled" | "Canceled" | "Rejected";

/** Price and quantity rules of a symbol (Bybit `lotSizeFilter` / `priceFilter`). */
export interface SymbolFilters {
  tick_size: number;
  step_size: number;
  min_qty: number;
}

/** Top of book. */
export interface Quote {
  symbol: string;
  bid: number;
  ask: number;
  timestamp_ms: number;
}

/** A post-only limit order to place. `client_order_id` makes retries idempotent. */
export interface PlaceRequest {
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  client_order_id: string;
}

/** Exchange answer to a placement. */
export interface PlaceResult {
  client_order_id: string;
  order_id: string;
  status: OrderStatus;
  /** Why it was rejected (exchange code and message), when rejected. */
  reject_reason?: string;
}

/** An order as the exchange lists it. */
export interface OrderInfo {
  client_order_id: string;
  order_id: string;
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  filled_qty: number;
  status: OrderStatus;
}

/** A position; `qty` is signed (+ long, − short). */
export interface Position {
  symbol: string;
  qty: number;
  avg_price: number;
}

/** One execution of one of our orders. `exec_id` is unique: fills are de-duplicated by it. */
export interface Fill {
  exec_id: string;
  client_order_id: string;
  order_id: string;
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  timestamp_ms: number;
  /** True when the order is completely filled by this execution. */
  order_done: boolean;
}

/** An accepted order the exchange closed on its own (post-only cancel, expiry), not by our cancel. */
export interface OrderClosed {
  client_order_id: string;
  symbol: string;
  status: OrderStatus;
  reason: string;
}

/** Everything the execution loop needs from an exchange. */
export interface Exchange {
  /** `sim` or `bybit`. */
  readonly name: string;
  /** Connect market data (and private streams) for `symbols`. */
  start(symbols: readonly string[]): Promise<void>;
  /** Release connections and timers; idempotent. */
  close(): Promise<void>;
  /** Tick size, step size and minimum quantity of `symbol`. */
  symbol_filters(symbol: string): Promise<SymbolFilters>;
  /** Current top of book of `symbol`. */
  quote(symbol: string): Promise<Quote>;
  /** Place a post-only limit order. */
  place_post_only(req: PlaceRequest): Promise<PlaceResult>;
  /** Cancel one order by client id; false when the exchange no longer has it open. */
  cancel(symbol: string, client_order_id: string): Promise<boolean>;
  /** Bulk-cancel every open order of `symbols`; resolves to the canceled client ids. */
  cancel_all(symbols: readonly string[]): Promise<string[]>;
  /** Open orders (optionally of one symbol). */
  open_orders(symbol?: string): Promise<OrderInfo[]>;
  /** Non-zero positions. */
  positions(): Promise<Position[]>;
  /** Fills received since the last call (the fills stream, drained). */
  drain_fills(): Promise<Fill[]>;
  /** Orders the exchange closed on its own since the last call. */
  drain_closed(): Promise<OrderClosed[]>;
}

/** What kind of failure an exchange call met; decides retry and circuit-breaker behaviour. */
export type ExchangeErrorKind =
  | "rate_limit" // 10006, HTTP 403/429: trip the breaker, retry after the reset
  | "transient" // 5xx, timeout, dropped connection: retry with backoff
  | "rejected" // the exchange refused this request (bad price, post-only cross): do not retry
  | "not_found" // unknown order
  | "auth" // bad key or signature: fatal
  | "fatal"; // anything else that retrying cannot fix

/** A failed exchange call. Messages never contain credentials. */
export class ExchangeError extends Error {
  readonly kind: ExchangeErrorKind;
  /** Exchange or HTTP code, when known. */
  readonly code?: number;
  /** For rate limits: epoch ms when the limit resets, when the exchange said so. */
  readonly reset_at_ms?: number;
  constructor(
    kind: ExchangeErrorKind,
    message: string,
    options: { code?: number; reset_at_ms?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ExchangeError";
    this.kind = kind;
    this.code = options.code;
    this.reset_at_ms = options.reset_at_ms;
  }
}

/** True for errors worth retrying (transient or rate-limited). */
export function is_retryable(e: unknown): boolean {
  return e instanceof ExchangeError && (e.kind === "transient" || e.kind === "rate_limit");
}
