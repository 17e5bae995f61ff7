/**
 * End-of-run reporting (SPEC §1.4): the trend table, the DECISION line, and the last-8 pass count
 * with the freeze iteration (the gate's rule, SPEC §3, thresholds from lib/analysis/thresholds.ts).
 * @module
 */
import { fmt_num } from "../cli/output.ts";
import { GATE_VERDICT, LAST8_PASS } from "../analysis/thresholds.ts";

/** The KPIs of one iteration the end report reads. */
export interface TrendRow {
  iteration: number;
  net_bps: number | null;
  risk_ratio: number | null;
  adverse_bps_p95: number | null;
  slippage_bps_p95: number | null;
  min_interval_ratio: number | null;
  concurrency_ratio: number | null;
  p95_latency_ms: number | null;
  maker_taker_ratio: number | null;
  verdict: string | null;
  freeze_triggered: boolean;
}

/** A row from a parsed ITER_SUMMARY document. */
export function trend_row(
  doc: { iteration: number; summary?: unknown; tuning?: unknown },
): TrendRow {
  const s = (doc.summary ?? {}) as Record<string, unknown>;
  const t = (doc.tuning ?? {}) as Record<string, unknown>;
  const n = (k: string) => typeof s[k] === "number" ? s[k] as number : null;
  return {
    iteration: doc.iteration,
    net_bps: n("net_bps"),
    risk_ratio: n("risk_ratio"),
    adverse_bps_p95: n("adverse_bps_p95"),
    slippage_bps_p95: n("slippage_bps_p95"),
    min_interval_ratio: n("min_interval_ratio"),
    concurrency_ratio: n("concurrency_ratio"),
    p95_latency_ms: n("p95_latency_ms"),
    maker_taker_ratio: n("maker_taker_ratio"),
    verdict: typeof s.verdict === "string" ? s.verdict : null,
    freeze_triggered: t.freeze_triggered === true,
  };
}

const pct = (v: number | null) => v === null ? "N/A" : `${(v * 100).toFixed(1)}%`;

/** The trend table: `iter | net_bps | risk | adv_p95 | sl_p95 | minInt% | conc%` (+ p95, m/t). */
export function trend_table(rows: readonly TrendRow[]): string {
  const head = [
    "iter",
    "net_bps",
    "risk",
    "adv_p95",
    "sl_p95",
    "minInt%",
    "conc%",
    "p95_ms",
    "m/t",
    "verdict",
  ];
  const body = rows.map((r) => [
    String(r.iteration),
    fmt_num(r.net_bps),
    pct(r.risk_ratio),
    fmt_num(r.adverse_bps_p95),
    fmt_num(r.slippage_bps_p95),
    pct(r.min_interval_ratio),
    pct(r.concurrency_ratio),
    fmt_num(r.p95_latency_ms, 0),
    fmt_num(r.maker_taker_ratio),
    r.verdict ?? "N/A",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join(" | ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("-|-"), ...body.map(line)].join("\n");
}

/** The DECISION of SPEC §1.4 from the first and last rows. */
export function decision(
  rows: readonly TrendRow[],
): { level: "OK" | "WARN" | "INFO"; text: string } {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return { level: "INFO", text: "[INFO] No iterations completed" };
  const risk = last.risk_ratio ?? 0;
  const net = last.net_bps ?? 0;
  if (risk <= 0.40 && net >= 2.9) {
    const a = first.risk_ratio ?? 0;
    const dpp = (risk - a) * 100;
    return {
      level: "OK",
      text: `[OK] SAFE profile stabilized - risk ${pct(a)} -> ${pct(risk)} (delta ${
        dpp >= 0 ? "+" : ""
      }${dpp.toFixed(1)}pp), edge ${net.toFixed(2)} bps.`,
    };
  }
  if (risk > 0.45) {
    return {
      level: "WARN",
      text: `[WARN] Risk above target (${pct(risk)} > 45.0%): rerun with --profile ultra_safe`,
    };
  }
  return { level: "INFO", text: "[INFO] In progress" };
}

/** True when an iteration passes the gate's per-iteration rule (SPEC §3). */
export function last8_pass(r: TrendRow, t: typeof LAST8_PASS = LAST8_PASS): boolean {
  return (r.risk_ratio ?? Infinity) <= t.max_risk_ratio &&
    (r.maker_taker_ratio ?? -Infinity) >= t.min_maker_taker_ratio &&
    (r.net_bps ?? -Infinity) >= t.min_net_bps &&
    (r.p95_latency_ms ?? Infinity) <= t.max_p95_latency_ms;
}

/** KPI means over the last-8 window (null when no iteration reports the KPI). */
export type Last8Means = Record<
  "net_bps" | "risk_ratio" | "p95_latency_ms" | "maker_taker_ratio",
  number | null
>;

/**
 * Pass count and KPI means over the last 8 iterations, and the iterations where freeze was
 * entered.
 */
export function last8_summary(rows: readonly TrendRow[]): {
  pass_count: number;
  window: number;
  freeze_iterations: number[];
  means: Last8Means;
} {
  const tail = rows.slice(-GATE_VERDICT.window);
  const mean = (k: keyof Last8Means) => {
    const xs = tail.map((r) => r[k]).filter((v): v is number => v !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  return {
    pass_count: tail.filter((r) => last8_pass(r)).length,
    window: tail.length,
    freeze_iterations: rows.filter((r) => r.freeze_triggered).map((r) => r.iteration),
    means: {
      net_bps: mean("net_bps"),
      risk_ratio: mean("risk_ratio"),
      p95_latency_ms: mean("p95_latency_ms"),
      maker_taker_ratio: mean("maker_taker_ratio"),
    },
  };
}
