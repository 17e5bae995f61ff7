/**
 * EDGE_REPORT.json (SPEC §1.5, §1.7): the per-iteration market-making P&L report the summary is
 * built from. `totals` (or the golden file's `total`) holds the aggregates.
 * @module
 */
import { z } from "zod";
import { opt_num, schema_version } from "./common.ts";
import { Fills } from "./iter_summary.ts";

const BlockReason = z.looseObject({ count: opt_num, ratio: opt_num });

/** The aggregate block of an EDGE_REPORT. */
export const EdgeTotals = z.looseObject({
  net_bps: opt_num,
  gross_bps: opt_num,
  fees_eff_bps: opt_num,
  adverse_bps: opt_num,
  slippage_bps: opt_num,
  inventory_bps: opt_num,
  adverse_bps_p95: opt_num,
  slippage_bps_p95: opt_num,
  cancel_ratio: opt_num,
  order_age_p95_ms: opt_num,
  ws_lag_p95_ms: opt_num,
  maker_share_pct: opt_num,
  p95_latency_ms: opt_num,
  fills: z.union([Fills, z.number(), z.null()]).optional(),
  component_breakdown: z.record(z.string(), z.number()).optional(),
  neg_edge_drivers: z.array(z.string()).optional(),
  block_reasons: z.record(z.string(), BlockReason).optional(),
});

/** EDGE_REPORT.json. */
export const EdgeReport = z.looseObject({
  schema_version,
  totals: EdgeTotals.optional(),
  total: EdgeTotals.optional(),
  symbols: z.record(z.string(), z.unknown()).optional(),
  runtime: z.looseObject({
    utc: z.string().nullable().optional(),
    version: z.string().nullable().optional(),
  }).optional(),
});

/** A parsed EDGE_REPORT. */
export type EdgeReport = z.output<typeof EdgeReport>;
