/**
 * The loop's local view of its orders, keyed by client order id. Fills move orders to
 * PartiallyFilled / Filled (the original left them OPEN, SPEC §10.4 item 43), so a freeze never
 * "cancels" orders that already filled.
 * @module
 */
import type { Fill, OrderInfo, OrderStatus, Side } from "../exchange/types.ts";

/** A local order: the exchange's view of it, with the state the loop tracks. */
export type LocalOrder = Omit<OrderInfo, "status"> & { state: OrderStatus };

/** True when the order may still trade. */
export function is_working(o: LocalOrder): boolean {
  return o.state === "Open" || o.state === "PartiallyFilled";
}

/** In-memory order store with `CLI` + 8-digit client ids (a prefix keeps runs apart). */
export class OrderStore {
  #orders = new Map<string, LocalOrder>();
  #seq = 0;
  readonly prefix: string;

  constructor(prefix = "") {
    this.prefix = prefix;
  }

  /** A new, never used client order id, e.g. `CLI00000001`. */
  next_client_order_id(): string {
    return `${this.prefix}CLI${String(++this.#seq).padStart(8, "0")}`;
  }

  /** Add or replace an order. */
  put(o: LocalOrder): void {
    this.#orders.set(o.client_order_id, o);
  }

  /** The order of `cid`. */
  get(cid: string): LocalOrder | undefined {
    return this.#orders.get(cid);
  }

  /** Working orders, optionally of one symbol (and side). */
  working(symbol?: string, side?: Side): LocalOrder[] {
    return [...this.#orders.values()].filter((o) =>
      is_working(o) && (symbol === undefined || o.symbol === symbol) &&
      (side === undefined || o.side === side)
    );
  }

  /** Apply a fill; returns the order when known. */
  on_fill(f: Fill): LocalOrder | undefined {
    const o = this.#orders.get(f.client_order_id);
    if (!o) return undefined;
    o.filled_qty += f.qty;
    if (f.order_done || o.filled_qty >= o.qty - 1e-12) o.state = "Filled";
    else if (is_working(o)) o.state = "PartiallyFilled";
    return o;
  }

  /** Close a working order (Canceled or Rejected); false when it was not working. */
  close(cid: string, state: "Canceled" | "Rejected" = "Canceled"): boolean {
    const o = this.#orders.get(cid);
    if (!o || !is_working(o)) return false;
    o.state = state;
    return true;
  }
}
