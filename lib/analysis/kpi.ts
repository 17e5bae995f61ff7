/**
 * The KPIs of one iteration, read from an ITER_SUMMARY `summary` with the original's fallback
 * names (SPEC §4.3) and maker/taker source chain (SPEC §4.4) — but a present 0 is a value, never
 * "missing" (SPEC §10 item 33): only absent, null (and NaN) fall through to the next source.
 * @module
 */
import { as_num, as_obj, type Obj, opt_num, opt_str } from "./fields.ts";

/** The KPIs every analysis command reads; null = missing. */
export interface Kpis {
  runtime_utc: string | null;
  /** mmsoak per-iteration verdict (OK/WARN/FAIL), else the original's kpi_verdict. */
  verdict: string | null;
  /** The KPI gate verdict of the iteration (the original's kpi_verdict, mirrored by KPI_GATE.json). */
  kpi_verdict: string | null;
  net_bps: number | null;
  gross_bps: number | null;
  fees_bps: number | null;
  adverse_bps: number | null;
  slippage_bps: number | null;
  adverse_bps_p95: number | null;
  slippage_bps_p95: number | null;
  p95_latency_ms: number | null;
  risk_ratio: number | null;
  maker_taker_ratio: number | null;
  maker_taker_source: string;
  cancel_ratio: number | null;
}

/** KPI keys that are plain numbers, in report order. */
export const KPI_NUMBERS = [
  "net_bps",
  "risk_ratio",
  "maker_taker_ratio",
  "p95_latency_ms",
  "adverse_bps_p95",
  "slippage_bps_p95",
  "gross_bps",
  "fees_bps",
  "adverse_bps",
  "slippage_bps",
  "cancel_ratio",
] as const;

/** A numeric KPI key. */
export type KpiKey = typeof KPI_NUMBERS[number];

/** The first of `keys` that holds a number (0 included); every present key is type-checked. */
function first_num(s: Obj, keys: readonly string[], file: string, prefix: string): number | null {
  let found: number | null = null;
  for (const k of keys) {
    const v = opt_num(s, k, file, prefix);
    if (found === null && v !== null) found = v;
  }
  return found;
}

/**
 * Maker/taker ratio and its source (SPEC §4.4 without the truthiness bug and without invented
 * values: no mock default, no 0.6 fallback — an unknown ratio is missing).
 */
export function maker_taker(
  s: Obj,
  file: string,
  prefix = "summary",
): { ratio: number | null; source: string } {
  const existing = opt_num(s, "maker_taker_ratio", file, prefix);
  opt_str(s, "maker_taker_source", file, prefix);
  const fv = s.fills;
  let fills: Obj | null = null;
  if (typeof fv === "number") as_num(fv, file, `${prefix}.fills`);
  else if (fv !== undefined && fv !== null) fills = as_obj(fv, file, `${prefix}.fills`);
  const fp = `${prefix}.fills`;
  const mv = fills ? opt_num(fills, "maker_volume", file, fp) : null;
  const tv = fills ? opt_num(fills, "taker_volume", file, fp) : null;
  const mc = fills ? first_num(fills, ["maker_count", "maker_fills"], file, fp) : null;
  const tc = fills ? first_num(fills, ["taker_count", "taker_fills"], file, fp) : null;
  const imf = opt_num(s, "maker_fills", file, prefix);
  const itf = opt_num(s, "taker_fills", file, prefix);
  const maker_ratio = opt_num(s, "maker_ratio", file, prefix);
  if (existing !== null && existing > 0.05 && existing <= 1.0) {
    return { ratio: existing, source: "existing" };
  }
  if (mv !== null && tv !== null && mv + tv > 0) {
    return { ratio: mv / (mv + tv), source: "fills_volume" };
  }
  if (mc !== null && tc !== null && mc + tc > 0) {
    return { ratio: mc / (mc + tc), source: "fills_count" };
  }
  if (imf !== null && itf !== null && imf + itf > 0) {
    return { ratio: imf / (imf + itf), source: "internal_fills" };
  }
  if (maker_ratio !== null) return { ratio: maker_ratio, source: "maker_ratio" };
  if (existing !== null) return { ratio: existing, source: "existing_out_of_range" };
  return { ratio: null, source: "missing" };
}

/** Read and check the KPIs of a `summary` object. */
export function extract_kpis(s: Obj, file: string, prefix = "summary"): Kpis {
  const mt = maker_taker(s, file, prefix);
  const risk = first_num(s, ["risk_ratio", "risk"], file, prefix);
  const risk_pct = opt_num(s, "risk_percent", file, prefix);
  const orders = opt_num(s, "orders", file, prefix);
  const cancels = opt_num(s, "cancels", file, prefix);
  const mm_verdict = opt_str(s, "verdict", file, prefix);
  const kpi_verdict = opt_str(s, "kpi_verdict", file, prefix);
  return {
    runtime_utc: opt_str(s, "runtime_utc", file, prefix),
    verdict: mm_verdict ?? kpi_verdict,
    kpi_verdict,
    net_bps: first_num(s, ["net_bps", "net", "edge_bps"], file, prefix),
    gross_bps: opt_num(s, "gross_bps", file, prefix),
    // The runner writes fees_eff_bps; the original audit read only fees_bps (SPEC §10 item 34).
    fees_bps: first_num(s, ["fees_bps", "fees_eff_bps"], file, prefix),
    adverse_bps: opt_num(s, "adverse_bps", file, prefix),
    slippage_bps: opt_num(s, "slippage_bps", file, prefix),
    adverse_bps_p95: first_num(s, ["adverse_bps_p95", "adv_p95", "adverse_p95"], file, prefix),
    slippage_bps_p95: first_num(s, ["slippage_bps_p95", "sl_p95", "slippage_p95"], file, prefix),
    p95_latency_ms: first_num(
      s,
      ["p95_latency_ms", "latency_p95_ms", "p95", "latency_p95"],
      file,
      prefix,
    ),
    risk_ratio: risk ?? (risk_pct === null ? null : risk_pct / 100),
    maker_taker_ratio: mt.ratio,
    maker_taker_source: mt.source,
    cancel_ratio: orders !== null && cancels !== null && orders > 0 ? cancels / orders : null,
  };
}
