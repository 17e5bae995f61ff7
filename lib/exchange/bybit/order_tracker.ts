/**
 * The Bybit adapter's record of our orders and executions, fed by REST answers, the private
 * `order` / `execution` topics and REST resyncs. Executions are de-duplicated by `execId`, so
 * repeated or out-of-order deliveries count once; an order the exchange closes on its own (not
 * by our cancel) is reported once through {@linkcode OrderTracker.drain_closed}.
 * @module
 */
import type { Fill, OrderClosed, OrderInfo, PlaceRequest } from "../types.ts";
import { parse_execution, parse_order, type Raw } from "./messages.ts";

function is_open(o: OrderInfo): boolean {
  return o.status === "Open" || o.status === "PartiallyFilled";
}

function close_reason(raw: Raw): string {
  const r = String(raw.rejectReason ?? "");
  return r && r !== "EC_NoError" ? r : String(raw.cancelType ?? "") || "closed by the exchange";
}

/** Orders by client id, new fills, exchange-side closures. */
export class OrderTracker {
  #orders = new Map<string, OrderInfo>();
  #seen_exec = new Set<string>();
  #fills: Fill[] = [];
  #closed: OrderClosed[] = [];
  /** Orders we asked to cancel: their "Cancelled" updates are ours, not the exchange's. */
  #canceling = new Set<string>();

  /** The order of `cid`, if known. */
  get(cid: string): OrderInfo | undefined {
    return this.#orders.get(cid);
  }

  /** An accepted create: record it unless a stream update got here first (kept as is). */
  accepted(req: PlaceRequest, order_id: string): OrderInfo {
    const known = this.#orders.get(req.client_order_id);
    if (known) return known;
    const o: OrderInfo = { ...req, order_id, filled_qty: 0, status: "Open" };
    this.#orders.set(req.client_order_id, o);
    return o;
  }

  /** Record an order as looked up over REST. */
  put(o: OrderInfo): void {
    this.#orders.set(o.client_order_id, o);
  }

  /** We are about to cancel these orders (all of `symbols` when `cids` is omitted). */
  canceling(cids: readonly string[] | { symbols: readonly string[] }): void {
    if (Array.isArray(cids)) { for (const c of cids) this.#canceling.add(c); }
    else {
      const symbols = (cids as { symbols: readonly string[] }).symbols;
      for (const o of this.#orders.values()) {
        if (symbols.includes(o.symbol)) this.#canceling.add(o.client_order_id);
      }
    }
  }

  /** Set a status; with `closed_reason`, an open order's closure is reported to the loop. */
  mark(cid: string, status: OrderInfo["status"], closed_reason?: string): void {
    const o = this.#orders.get(cid);
    if (!o) return;
    const was_open = is_open(o);
    o.status = status;
    if (closed_reason && was_open) {
      this.#closed.push({ client_order_id: cid, symbol: o.symbol, status, reason: closed_reason });
    }
  }

  /** A message of the private stream. */
  on_private(m: { topic: string; data: unknown }): void {
    const list = Array.isArray(m.data) ? (m.data as Raw[]) : [];
    if (m.topic === "execution") { for (const x of list) this.on_execution(x); }
    if (m.topic !== "order") return;
    for (const raw of list) {
      const o = parse_order(raw);
      const known = this.#orders.get(o.client_order_id);
      if (!known) {
        this.#orders.set(o.client_order_id, o);
        continue;
      }
      known.filled_qty = Math.max(known.filled_qty, o.filled_qty);
      const closed = o.status === "Canceled" || o.status === "Rejected";
      if (closed && this.#canceling.has(o.client_order_id)) known.status = "Canceled";
      else if (closed) this.mark(o.client_order_id, o.status, close_reason(raw));
      else if (o.status === "Filled") known.status = "Filled";
    }
  }

  /** One execution (stream or `/v5/execution/list`); duplicates are ignored. */
  on_execution(x: Raw): void {
    if (x.execType !== undefined && x.execType !== "Trade") return;
    const f = parse_execution(x);
    if (!f.exec_id || this.#seen_exec.has(f.exec_id)) return;
    this.#seen_exec.add(f.exec_id);
    this.#fills.push(f);
    const o = this.#orders.get(f.client_order_id);
    if (o && f.order_done) o.status = "Filled";
  }

  /** After a gap: orders we think open that the exchange no longer lists were closed meanwhile. */
  reconcile_open(open_ids: ReadonlySet<string>): void {
    for (const o of this.#orders.values()) {
      if (is_open(o) && !open_ids.has(o.client_order_id)) {
        this.mark(o.client_order_id, "Canceled", "closed while the stream was down");
      }
    }
  }

  /** New fills since the last call. */
  drain_fills(): Fill[] {
    const out = this.#fills;
    this.#fills = [];
    return out;
  }

  /** New exchange-side closures since the last call. */
  drain_closed(): OrderClosed[] {
    const out = this.#closed;
    this.#closed = [];
    return out;
  }
}
