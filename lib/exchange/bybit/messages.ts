/**
 * Parsers from Bybit v5 JSON (strings for numbers, "Cancelled", "" side for flat positions) to
 * the exchange interface's types.
 * @module
 */
import type { Fill, OrderInfo, OrderStatus, Position, Side } from "../types.ts";

/** A Bybit object with string fields. */
export type Raw = Record<string, unknown>;

/** Bybit `orderStatus` → our status (New/Untriggered → Open, Cancelled/Deactivated → Canceled). */
export function order_status(s: unknown): OrderStatus {
  switch (s) {
    case "New":
    case "Created":
    case "Untriggered":
    case "Triggered":
      return "Open";
    case "PartiallyFilled":
      return "PartiallyFilled";
    case "Filled":
      return "Filled";
    case "Rejected":
      return "Rejected";
    default:
      return "Canceled";
  }
}

function side(v: unknown): Side {
  return v === "Sell" ? "Sell" : "Buy";
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

/** An order of `/v5/order/realtime` or the `order` topic. */
export function parse_order(o: Raw): OrderInfo {
  return {
    client_order_id: String(o.orderLinkId ?? ""),
    order_id: String(o.orderId ?? ""),
    symbol: String(o.symbol ?? ""),
    side: side(o.side),
    qty: num(o.qty),
    price: num(o.price),
    filled_qty: num(o.cumExecQty),
    status: order_status(o.orderStatus),
  };
}

/** An execution of the `execution` topic or `/v5/execution/list`. */
export function parse_execution(x: Raw): Fill {
  return {
    exec_id: String(x.execId ?? ""),
    client_order_id: String(x.orderLinkId ?? ""),
    order_id: String(x.orderId ?? ""),
    symbol: String(x.symbol ?? ""),
    side: side(x.side),
    qty: num(x.execQty),
    price: num(x.execPrice),
    timestamp_ms: num(x.execTime),
    order_done: num(x.leavesQty) === 0,
  };
}

/** A position of `/v5/position/list` (side "" = flat). */
export function parse_position(p: Raw): Position {
  const size = num(p.size);
  return {
    symbol: String(p.symbol ?? ""),
    qty: p.side === "Sell" ? -size : p.side === "Buy" ? size : 0,
    avg_price: num(p.avgPrice),
  };
}

/** Decimals needed to print multiples of `step` exactly. */
export function step_decimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}
