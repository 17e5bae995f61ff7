/**
 * The KPI summary of one iteration from its EDGE_REPORT (SPEC §1.7), for inputs that are reports
 * rather than engine results (`--mock`, or any EDGE_REPORT file). Every SPEC §1.7 key is present
 * (null when unknown), plus the mmsoak additions of the contract. Without an audit.jsonl the
 * block counts are zero, as in the original. The maker/taker ratio is filled here, before any
 * rule reads it (SPEC §10.1 item 2).
 * @module
 */

type Obj = Record<string, unknown>;

const num = (v: unknown): number | null => typeof v === "number" && Number.isFinite(v) ? v : null;
const obj = (v: unknown): Obj => v && typeof v === "object" && !Array.isArray(v) ? v as Obj : {};

/** Ratio from a block_reasons entry: default 0, values above 1 are percentages. */
function block_ratio(blocks: Obj, key: string): number {
  const r = num(obj(blocks[key]).ratio) ?? 0;
  return r > 1.0 ? r / 100 : r;
}

/**
 * Maker/taker ratio and its source (SPEC §4.4 without the mock/fallback constants): an existing
 * value in (0.05, 1], then fill volumes, then fill counts; null with source "unknown" when the
 * fills say nothing, so that no rule acts on an invented ratio.
 */
export function maker_taker(
  existing: unknown,
  fills: unknown,
): { ratio: number | null; source: string } {
  const e = num(existing);
  if (e !== null && e > 0.05 && e <= 1.0) return { ratio: e, source: "existing" };
  const f = obj(fills);
  const mv = num(f.maker_volume), tv = num(f.taker_volume);
  if (mv !== null && tv !== null && mv + tv > 0) {
    return { ratio: mv / (mv + tv), source: "fills_volume" };
  }
  const mc = num(f.maker_count ?? f.maker_fills), tc = num(f.taker_count ?? f.taker_fills);
  if (mc !== null && tc !== null && mc + tc > 0) {
    return { ratio: mc / (mc + tc), source: "fills_count" };
  }
  return { ratio: null, source: "unknown" };
}

/** The summary keys of SPEC §1.7 and the contract's additions, from an EDGE_REPORT object. */
export function summarize_edge_report(edge: unknown): Obj {
  const e = obj(edge);
  const totals = Object.keys(obj(e.total)).length ? obj(e.total) : obj(e.totals);
  const runtime = obj(e.runtime);
  const blocks = obj(totals.block_reasons);
  const fills = totals.fills ?? null;
  const mt = maker_taker(totals.maker_taker_ratio, fills);
  const drivers = Array.isArray(totals.neg_edge_drivers)
    ? totals.neg_edge_drivers.filter((d): d is string => typeof d === "string")
    : [];
  return {
    runtime_utc: typeof runtime.utc === "string" ? runtime.utc : null,
    version: typeof runtime.version === "string" ? runtime.version : null,
    net_bps: num(totals.net_bps),
    gross_bps: num(totals.gross_bps),
    fees_eff_bps: num(totals.fees_eff_bps),
    slippage_bps: num(totals.slippage_bps),
    adverse_bps: num(totals.adverse_bps),
    inventory_bps: num(totals.inventory_bps),
    adverse_bps_p95: num(totals.adverse_bps_p95) ?? num(totals.adverse_bps),
    slippage_bps_p95: num(totals.slippage_bps_p95) ?? num(totals.slippage_bps),
    order_age_p95_ms: num(totals.order_age_p95_ms) ?? 300,
    p95_latency_ms: num(totals.p95_latency_ms) ?? 0.0,
    risk_ratio: block_ratio(blocks, "risk"),
    min_interval_ratio: block_ratio(blocks, "min_interval"),
    concurrency_ratio: block_ratio(blocks, "concurrency"),
    neg_edge_drivers: drivers,
    blocks: {
      counts: { allowed: 0, concurrency: 0, min_interval: 0, other: 0, risk: 0, throttle: 0 },
      total: 0,
      ratios: {},
    },
    kpi_verdict: null,
    kpi_reasons: [],
    sentinel_advice: [],
    maker_taker_ratio: mt.ratio,
    maker_taker_source: mt.source,
    fills,
    verdict: null,
    verdict_reasons: [],
    risk_ratio_p95: num(totals.risk_ratio_p95),
    latency_p50_ms: num(totals.p50_latency_ms),
    latency_p99_ms: num(totals.p99_latency_ms),
    orders: null,
    cancels: null,
    rejects: null,
    maker_fill_rate: null,
    pnl_usd: null,
    inventory_usd: null,
  };
}
