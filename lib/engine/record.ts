/**
 * What a session records (the KPIs are computed from it) and the position limits it ran with.
 * @module
 */
import type { Fill } from "./fills.ts";

/** Position limits, USD. */
export interface Limits {
  max_inventory_usd_per_symbol: number;
  max_total_notional_usd: number;
}

/** Block reasons of a side decision. */
export type BlockReason = "risk" | "min_interval" | "concurrency" | "throttle";

/** Everything the KPIs are computed from. */
export interface SessionRecord {
  symbols: string[];
  fills: Fill[];
  latency_ms: number[];
  risk_samples: number[];
  order_ages_ms: number[];
  counts: {
    /** Order-entry requests (new orders, the new half of replaces, taker hedges). */
    orders: number;
    /** Cancel requests (the cancel half of replaces, risk cancels, retried cancels). */
    cancels: number;
    /** Requests rejected by the exchange (rate limit, post-only cross without re-pricing). */
    rejects: number;
    /** Maker orders that went live on the book. */
    accepted: number;
    /** Maker orders with at least one fill. */
    filled_orders: number;
    /** Outcome of every side decision that wanted to requote. */
    blocks: Record<BlockReason | "allowed", number>;
  };
  /** Per symbol: starting and final position/cash and mids. */
  pos0: number[];
  pos: number[];
  cash: number[];
  mid0: number[];
  mid_end: number[];
  end_price: (number | undefined)[];
  start_ms: number;
  end_ms: number;
}

/** An empty record for `symbols` starting with positions `pos0`. */
export function new_record(
  symbols: string[],
  pos0: number[],
  start_ms: number,
  end_ms: number,
): SessionRecord {
  return {
    symbols,
    fills: [],
    latency_ms: [],
    risk_samples: [],
    order_ages_ms: [],
    counts: {
      orders: 0,
      cancels: 0,
      rejects: 0,
      accepted: 0,
      filled_orders: 0,
      blocks: { allowed: 0, risk: 0, min_interval: 0, concurrency: 0, throttle: 0 },
    },
    pos0: [...pos0],
    pos: [],
    cash: [],
    mid0: [],
    mid_end: [],
    end_price: [],
    start_ms,
    end_ms,
  };
}
