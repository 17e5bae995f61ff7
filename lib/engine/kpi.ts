/**
 * KPIs of one session from the engine's own records (DESIGN §4), in the ITER_SUMMARY `summary`
 * field names (SPEC §1.7 + mmsoak additions), plus the EDGE_REPORT. bps are volume-weighted
 * means; net is computed from the components' exact means so the identity holds exactly.
 * @module
 */
import { iteration_verdict } from "../analysis/thresholds.ts";
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import type { EdgeReport } from "../artifacts/edge_report.ts";
import { percentile_sorted } from "../stats/percentile.ts";
import { fill_parts } from "./fills.ts";
import type { SessionRecord } from "./loop.ts";
import type { KpiSummary } from "./types.ts";

/** Version string written into summaries (the engine's KPI semantics version). */
export const ENGINE_VERSION = "mmsoak-engine/1.0";

/** Components are listed as negative-edge drivers when their cost exceeds this, bps. */
const DRIVER_MIN_BPS = 0.5;

/** Nearest-rank percentile including negative values (per-fill bps can be negative). */
function pct(values: number[], q: number): number {
  return percentile_sorted(Float64Array.from(values).sort(), q);
}

interface Agg {
  volume: number;
  gross: number;
  adverse: number;
  slippage: number;
  fees: number;
  maker_count: number;
  taker_count: number;
  maker_volume: number;
  taker_volume: number;
  adverse_bps: number[];
  slippage_bps: number[];
}

function aggregate(rec: SessionRecord, symbol?: number): Agg {
  const a: Agg = {
    volume: 0,
    gross: 0,
    adverse: 0,
    slippage: 0,
    fees: 0,
    maker_count: 0,
    taker_count: 0,
    maker_volume: 0,
    taker_volume: 0,
    adverse_bps: [],
    slippage_bps: [],
  };
  for (const f of rec.fills) {
    if (symbol !== undefined && f.symbol !== symbol) continue;
    const x = fill_parts(f);
    a.volume += x.volume;
    a.gross += x.gross;
    a.adverse += x.adverse;
    a.slippage += x.slippage;
    a.fees += f.fee;
    a.adverse_bps.push(x.adverse / x.volume * 1e4);
    if (f.maker) {
      a.maker_count++;
      a.maker_volume += x.volume;
    } else {
      a.taker_count++;
      a.taker_volume += x.volume;
      a.slippage_bps.push(x.slippage / x.volume * 1e4);
    }
  }
  return a;
}

function edge_totals(a: Agg) {
  const v = a.volume;
  const bps = (x: number) => (v > 0 ? x / v * 1e4 : null);
  const gross = bps(a.gross),
    adverse = bps(a.adverse),
    slippage = bps(a.slippage),
    fees = bps(a.fees);
  const net = gross === null ? null : gross - adverse! - slippage! - fees!;
  return {
    net_bps: net,
    gross_bps: gross,
    adverse_bps: adverse,
    slippage_bps: slippage,
    fees_eff_bps: fees,
    adverse_bps_p95: a.adverse_bps.length ? pct(a.adverse_bps, 0.95) : null,
    slippage_bps_p95: v > 0 ? (a.slippage_bps.length ? pct(a.slippage_bps, 0.95) : 0) : null,
    fills: {
      maker_count: a.maker_count,
      taker_count: a.taker_count,
      maker_volume: a.maker_volume,
      taker_volume: a.taker_volume,
    },
    maker_taker_ratio: v > 0 ? a.maker_volume / v : null,
    volume_usd: v,
  };
}

/** The summary and EDGE_REPORT of a session record. */
export function summarize(rec: SessionRecord): { summary: KpiSummary; edge_report: EdgeReport } {
  const all = aggregate(rec);
  const t = edge_totals(all);
  const lat = Float64Array.from(rec.latency_ms).sort();
  const risk = Float64Array.from(rec.risk_samples).sort();
  const ages = Float64Array.from(rec.order_ages_ms).sort();
  const b = rec.counts.blocks;
  const counts = {
    allowed: b.allowed,
    risk: b.risk,
    min_interval: b.min_interval,
    concurrency: b.concurrency,
    throttle: b.throttle,
    other: 0,
  };
  const total = Object.values(counts).reduce((x, y) => x + y, 0);
  const ratios: Record<string, number> = {};
  if (total > 0) {
    for (const [k, v] of Object.entries(counts)) ratios[k] = Math.round(v / total * 1000) / 10;
  }
  const frac = (n: number) => (total > 0 ? n / total : 0);
  const risk_mean = risk.length ? risk.reduce((x, y) => x + y, 0) / risk.length : 0;
  let pnl = 0, inventory_usd = 0, inv_pnl = 0;
  for (let i = 0; i < rec.symbols.length; i++) {
    const m = rec.mid_end[i]!;
    // The carried position's P&L over the window, from the session's first mid.
    const carried = rec.pos0[i]! === 0 ? 0 : rec.pos0[i]! * (m - rec.mid0[i]!);
    pnl += rec.cash[i]! + (rec.pos[i]! - rec.pos0[i]!) * m + carried;
    inv_pnl += carried;
    inventory_usd += rec.pos[i]! * m;
  }
  const drivers: string[] = [];
  if (t.net_bps !== null) {
    const comp: [string, number][] = [
      ["adverse", t.adverse_bps!],
      ["slippage", t.slippage_bps!],
      ["fees", t.fees_eff_bps!],
    ];
    for (const [k, v] of comp.sort((x, y) => y[1] - x[1])) if (v > DRIVER_MIN_BPS) drivers.push(k);
  }
  const p95_latency = lat.length ? percentile_sorted(lat, 0.95) : 0;
  const kpis = {
    risk_ratio: risk_mean,
    net_bps: t.net_bps,
    adverse_bps_p95: t.adverse_bps_p95,
    p95_latency_ms: p95_latency,
  };
  const v = iteration_verdict(kpis);
  const runtime_utc = new Date(rec.end_ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const filled = rec.counts.filled_orders;
  const summary: KpiSummary = {
    runtime_utc,
    version: ENGINE_VERSION,
    net_bps: t.net_bps,
    gross_bps: t.gross_bps,
    fees_eff_bps: t.fees_eff_bps,
    slippage_bps: t.slippage_bps,
    adverse_bps: t.adverse_bps,
    inventory_bps: t.volume_usd > 0 ? inv_pnl / t.volume_usd * 1e4 : null,
    adverse_bps_p95: t.adverse_bps_p95,
    slippage_bps_p95: t.slippage_bps_p95,
    order_age_p95_ms: ages.length ? percentile_sorted(ages, 0.95) : null,
    p95_latency_ms: p95_latency,
    risk_ratio: risk_mean,
    min_interval_ratio: frac(b.min_interval),
    concurrency_ratio: frac(b.concurrency),
    neg_edge_drivers: drivers,
    blocks: { counts, total, ratios },
    kpi_verdict: v.verdict,
    kpi_reasons: v.reasons,
    sentinel_advice: [],
    maker_taker_ratio: t.maker_taker_ratio,
    maker_taker_source: "fills_volume",
    fills: t.fills,
    verdict: v.verdict,
    verdict_reasons: v.reasons,
    risk_ratio_p95: risk.length ? percentile_sorted(risk, 0.95) : 0,
    latency_p50_ms: lat.length ? percentile_sorted(lat, 0.5) : 0,
    latency_p99_ms: lat.length ? percentile_sorted(lat, 0.99) : 0,
    orders: rec.counts.orders,
    cancels: rec.counts.cancels,
    rejects: rec.counts.rejects,
    maker_fill_rate: rec.counts.accepted > 0 ? filled / rec.counts.accepted : 0,
    pnl_usd: pnl,
    inventory_usd,
    phase: null,
  };
  const symbols: Record<string, unknown> = {};
  rec.symbols.forEach((s, i) => {
    const { volume_usd: _v, ...rest } = edge_totals(aggregate(rec, i));
    symbols[s] = { ...rest, position: rec.pos[i], inventory_usd: rec.pos[i]! * rec.mid_end[i]! };
  });
  const { volume_usd: _vol, ...totals } = t;
  const edge_report: EdgeReport = {
    schema_version: SCHEMA_VERSION,
    totals: {
      ...totals,
      order_age_p95_ms: summary.order_age_p95_ms as number | null,
      p95_latency_ms: p95_latency,
      neg_edge_drivers: drivers,
      block_reasons: Object.fromEntries(
        (["risk", "min_interval", "concurrency", "throttle"] as const).map((
          k,
        ) => [k, { count: b[k], ratio: frac(b[k]) }]),
      ),
      maker_share_pct: t.maker_taker_ratio === null ? null : t.maker_taker_ratio * 100,
    },
    symbols,
    runtime: { utc: runtime_utc, version: ENGINE_VERSION },
  };
  return { summary, edge_report };
}
