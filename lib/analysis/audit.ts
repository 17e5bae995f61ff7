/**
 * audit-artifacts (SPEC §4.3, with SPEC §10.3 fixed): one row per iteration in numeric order,
 * trend statistics for the overall / steady / last-8 windows, readiness against the READINESS
 * thresholds, the P&L identity checked by the tool (0.05 bps), imputed gross flagged, and the
 * tuning and delta-verification summaries computed from the files (not parsed from Markdown).
 * @module
 */
import { check_identity, impute_gross, PNL_TOLERANCE_BPS, type PnlViolation } from "../pnl.ts";
import type { SoakDir } from "./load.ts";
import { tuning_summary } from "./snapshot.ts";
import { READINESS } from "./thresholds.ts";
import type { VerifyResult } from "./verify.ts";
import { window_stats, type WindowStats } from "./window_stats.ts";

/** CSV columns, in SPEC §4.3 order. */
export const AUDIT_COLUMNS = [
  "iter",
  "net_bps",
  "risk_ratio",
  "slippage_p95",
  "adverse_p95",
  "latency_p95_ms",
  "maker_taker_ratio",
  "gross_bps",
  "fees_bps",
  "gross_imputed",
] as const;

/** One row of POST_SOAK_ITER_TABLE.csv; null = missing (an empty cell). */
export interface AuditRow {
  iter: number;
  net_bps: number | null;
  risk_ratio: number | null;
  slippage_p95: number | null;
  adverse_p95: number | null;
  latency_p95_ms: number | null;
  maker_taker_ratio: number | null;
  gross_bps: number | null;
  fees_bps: number | null;
  gross_imputed: boolean;
}

/** The steady window starts at this iteration (SPEC §4.3). */
export const STEADY_START = 7;
/** Columns with trend statistics, and the readiness KPI each maps to. */
export const TREND_COLUMNS = [
  "net_bps",
  "risk_ratio",
  "latency_p95_ms",
  "maker_taker_ratio",
] as const;

/** One readiness line. */
export interface ReadinessCheck {
  kpi: string;
  target: string;
  actual: number | null;
  ok: boolean;
}

/** The audit summary (POST_SOAK_AUDIT_SUMMARY.json without the file inventory). */
export interface Audit {
  rows: AuditRow[];
  iterations: number;
  max_iter: number;
  steady_start: number;
  last8_start: number;
  trend_stats: Record<string, Record<"overall" | "steady" | "last8", Omit<WindowStats, "trend">>>;
  snapshot_kpis: Record<string, number | null>;
  readiness: {
    pass: boolean;
    verdict: "OK" | "HOLD";
    failures: string[];
    checks: ReadinessCheck[];
  };
  pnl: {
    tolerance_bps: number;
    checked: number;
    violations: PnlViolation[];
    gross_imputed: number[];
  };
  maker_taker_sources: Record<string, number>;
  tuning: { proposed_total: number; applied_total: number; skip_reasons: Record<string, number> };
  delta_verify: VerifyResult["metrics"] & { verdict: string };
  recommendations: string[];
}

/** Rows of the iteration table. Gross is imputed from the means (net + adverse + slippage + fees). */
export function audit_rows(
  dir: SoakDir,
): { rows: AuditRow[]; checked: number; violations: PnlViolation[] } {
  const rows: AuditRow[] = [];
  const pnl_rows = [];
  for (const r of dir.iters) {
    const k = r.kpi;
    const pnl = {
      iteration: r.n,
      net_bps: k.net_bps,
      gross_bps: k.gross_bps,
      adverse_bps: k.adverse_bps,
      slippage_bps: k.slippage_bps,
      fees_bps: k.fees_bps,
    };
    const g = impute_gross(pnl);
    // Only a reported gross can contradict the identity; an imputed one satisfies it by construction.
    if (!g.gross_imputed) pnl_rows.push(pnl);
    rows.push({
      iter: r.n,
      net_bps: k.net_bps,
      risk_ratio: k.risk_ratio,
      slippage_p95: k.slippage_bps_p95,
      adverse_p95: k.adverse_bps_p95,
      latency_p95_ms: k.p95_latency_ms,
      maker_taker_ratio: k.maker_taker_ratio,
      gross_bps: g.gross_bps,
      fees_bps: k.fees_bps,
      gross_imputed: g.gross_imputed,
    });
  }
  const checked = pnl_rows.filter((p) => p.gross_bps !== null && p.net_bps !== null).length;
  return { rows, checked, violations: check_identity(pnl_rows, PNL_TOLERANCE_BPS) };
}

function stats(rows: AuditRow[], col: typeof TREND_COLUMNS[number]): Omit<WindowStats, "trend"> {
  const { trend: _t, ...rest } = window_stats(rows.map((r) => r[col]), undefined, false);
  return rest;
}

/** Run the audit; `verify` is the verify-deltas result of the same directory. */
export function audit(dir: SoakDir, verify: VerifyResult, t: typeof READINESS = READINESS): Audit {
  const { rows, checked, violations } = audit_rows(dir);
  const max_iter = rows[rows.length - 1]!.iter;
  const last8_start = Math.max(1, max_iter - 7);
  const steady = rows.filter((r) => r.iter >= STEADY_START);
  const last8 = rows.filter((r) => r.iter >= last8_start);
  const trend_stats: Audit["trend_stats"] = {};
  for (const c of TREND_COLUMNS) {
    trend_stats[c] = { overall: stats(rows, c), steady: stats(steady, c), last8: stats(last8, c) };
  }
  const med = (c: typeof TREND_COLUMNS[number]) => trend_stats[c]!.last8.median;
  const snapshot_kpis = {
    maker_taker_ratio: med("maker_taker_ratio"),
    net_bps: med("net_bps"),
    p95_latency_ms: med("latency_p95_ms"),
    risk_ratio: med("risk_ratio"),
  };
  const checks: ReadinessCheck[] = [
    {
      kpi: "maker_taker_ratio",
      target: `>= ${t.min_maker_taker_ratio}`,
      actual: snapshot_kpis.maker_taker_ratio,
      ok: false,
    },
    { kpi: "net_bps", target: `>= ${t.min_net_bps}`, actual: snapshot_kpis.net_bps, ok: false },
    {
      kpi: "p95_latency_ms",
      target: `<= ${t.max_p95_latency_ms}`,
      actual: snapshot_kpis.p95_latency_ms,
      ok: false,
    },
    {
      kpi: "risk_ratio",
      target: `<= ${t.max_risk_ratio}`,
      actual: snapshot_kpis.risk_ratio,
      ok: false,
    },
  ];
  const limits = [t.min_maker_taker_ratio, t.min_net_bps, t.max_p95_latency_ms, t.max_risk_ratio];
  checks.forEach((c, i) => {
    c.ok = c.actual !== null &&
      (c.target.startsWith(">=") ? c.actual >= limits[i]! : c.actual <= limits[i]!);
  });
  const failures = checks.filter((c) => !c.ok).map((c) =>
    `${c.kpi}: ${c.actual ?? "missing"} (target ${c.target})`
  );
  const sources: Record<string, number> = {};
  for (const r of dir.iters) {
    sources[r.kpi.maker_taker_source] = (sources[r.kpi.maker_taker_source] ?? 0) + 1;
  }
  const ts = tuning_summary(dir.iters);
  const recommendations = failures.length
    ? failures.map((f) => `Readiness HOLD on ${f}: tune before release`)
    : ["All KPIs within target ranges; no immediate action needed"];
  if (violations.length) {
    recommendations.push(
      `P&L identity off by more than ${PNL_TOLERANCE_BPS} bps in ${violations.length} iteration(s)`,
    );
  }
  return {
    rows,
    iterations: rows.length,
    max_iter,
    steady_start: STEADY_START,
    last8_start,
    trend_stats,
    snapshot_kpis,
    readiness: {
      pass: failures.length === 0,
      verdict: failures.length ? "HOLD" : "OK",
      failures,
      checks,
    },
    pnl: {
      tolerance_bps: PNL_TOLERANCE_BPS,
      checked,
      violations,
      gross_imputed: rows.filter((r) => r.gross_imputed).map((r) => r.iter),
    },
    maker_taker_sources: sources,
    tuning: {
      proposed_total: ts.proposed_count,
      applied_total: ts.applied_count,
      skip_reasons: ts.skip_reasons,
    },
    delta_verify: { ...verify.metrics, verdict: verify.verdict },
    recommendations,
  };
}
