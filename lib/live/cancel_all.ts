/**
 * Cancel-all on freeze (seed 004 task 1, SPEC §10.4 item 43 fixed): bulk cancel first; if it
 * fails, cancel order by order with retries; then check the exchange and cancel anything still
 * open, so no order is left open afterwards.
 * @module
 */
import type { Exchange } from "../exchange/types.ts";
import { ExchangeError } from "../exchange/types.ts";
import type { OrderStore } from "./order_store.ts";

/** Outcome of a cancel-all. */
export interface CancelAllResult {
  canceled_count: number;
  /** Client ids that could not be canceled. */
  failed: string[];
  method: "bulk" | "per_order_fallback" | "none";
  /** Orders still open on the exchange after the sweep (0 unless the exchange kept failing). */
  remaining_open: number;
}

/** Options: `force` skips the bulk path; `attempts` per order in the fallback. */
export interface CancelAllOptions {
  force?: boolean;
  attempts?: number;
  /** Called once per request with its latency source (for the latency collector). */
  timed?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Cancel every working order of `symbols`, locally and on the exchange. */
export async function cancel_all_open(
  exchange: Exchange,
  store: OrderStore,
  symbols: readonly string[],
  options: CancelAllOptions = {},
): Promise<CancelAllResult> {
  const timed = options.timed ?? ((fn) => fn());
  const attempts = options.attempts ?? 3;
  const result: CancelAllResult = {
    canceled_count: 0,
    failed: [],
    method: "none",
    remaining_open: 0,
  };
  if (!options.force) {
    try {
      const ids = await timed(() => exchange.cancel_all(symbols));
      for (const cid of ids) store.close(cid);
      result.canceled_count = ids.length;
      result.method = "bulk";
    } catch {
      // Fall through to the per-order path.
    }
  }
  if (result.method !== "bulk") {
    result.method = "per_order_fallback";
    for (const o of store.working().filter((o) => symbols.includes(o.symbol))) {
      const ok = await cancel_one(exchange, o.symbol, o.client_order_id, attempts, timed);
      if (ok === "failed") result.failed.push(o.client_order_id);
      else {
        store.close(o.client_order_id);
        if (ok === "canceled") result.canceled_count += 1;
      }
    }
  }
  // Sweep: whatever the exchange still lists (orders we never heard back about included).
  let left: { symbol: string; client_order_id: string }[] = [];
  try {
    left = (await timed(() => exchange.open_orders())).filter((o) => symbols.includes(o.symbol));
  } catch {
    result.remaining_open = -1; // unknown
    return result;
  }
  // Local orders the exchange no longer lists are closed there (canceled by a bulk request whose
  // answer was lost, or filled: their fills still arrive and mark them Filled).
  const listed = new Set(left.map((o) => o.client_order_id));
  for (const o of store.working().filter((o) => symbols.includes(o.symbol))) {
    if (!listed.has(o.client_order_id) && !result.failed.includes(o.client_order_id)) {
      store.close(o.client_order_id);
    }
  }
  for (const o of left) {
    const ok = await cancel_one(exchange, o.symbol, o.client_order_id, attempts, timed);
    if (ok === "failed") {
      if (!result.failed.includes(o.client_order_id)) result.failed.push(o.client_order_id);
      result.remaining_open += 1;
    } else {
      store.close(o.client_order_id);
      if (ok === "canceled") result.canceled_count += 1;
    }
  }
  return result;
}

async function cancel_one(
  exchange: Exchange,
  symbol: string,
  cid: string,
  attempts: number,
  timed: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<"canceled" | "gone" | "failed"> {
  for (let i = 0; i < attempts; i++) {
    try {
      return (await timed(() => exchange.cancel(symbol, cid))) ? "canceled" : "gone";
    } catch (e) {
      if (e instanceof ExchangeError && (e.kind === "auth" || e.kind === "fatal")) break;
    }
  }
  return "failed";
}
