/**
 * The engine's entry-point types (CONTRACT.md): market spec, session config, iteration result.
 * @module
 */
import type { EdgeReport } from "../artifacts/edge_report.ts";

/** Where the market comes from. */
export type MarketSpec =
  | { kind: "sim"; scenario: string }
  /** `window_index`: which window of the recording to replay (wraps; soak passes n − 1). */
  | { kind: "replay"; data: string; window_index?: number };

/** One session's configuration. */
export interface SessionConfig {
  market: MarketSpec;
  /** Market time of the session, seconds (default 300). */
  window_s: number;
  /** Market-clock start, epoch ms (soak passes start + (n−1)·window for iteration n). */
  start_ms: number;
  symbols: string[];
  /** Flat registry values in effect (lib/tuning/registry.ts); missing keys take defaults. */
  params: Record<string, number>;
  limits?: { max_inventory_usd_per_symbol?: number; max_total_notional_usd?: number };
  fees?: { maker_fee_bps?: number; maker_rebate_bps?: number; taker_fee_bps?: number };
}

/** The KPI summary: the ITER_SUMMARY `summary` keys (SPEC §1.7 + mmsoak additions). */
export type KpiSummary = Record<string, unknown>;

/** What one session returns. */
export interface IterationResult {
  summary: KpiSummary;
  edge_report: EdgeReport;
  /** Every order-entry/cancel latency sample, ms. */
  latency_ms: Float64Array;
  /** Risk-ratio samples on the fixed cadence (values > 1 kept). */
  risk_samples: Float64Array;
  /** State for the next iteration (JSON-serialisable). */
  carry?: unknown;
}
