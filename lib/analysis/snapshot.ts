/**
 * POST_SOAK_SNAPSHOT.json, schema 1.2 (SPEC §4.2): the last-8 verdict of SPEC §3 with the
 * DESIGN §3 thresholds, per-KPI mean/median/min/max/trend, goals, guard counts and a tuning
 * summary of the whole run. It keeps every schema 1.1 field. Deterministic: `timestamp` is the
 * market time of the last iteration, never the wall clock.
 * @module
 */
import type { IterRecord } from "./iter_record.ts";
import type { KpiKey } from "./kpi.ts";
import type { SoakDir } from "./load.ts";
import { GATE_VERDICT, LAST8_PASS } from "./thresholds.ts";
import { round_to, window_stats } from "./window_stats.ts";

/** Schema version written by mmsoak. */
export const SNAPSHOT_SCHEMA = "1.2";

/** KPIs of the last-8 window, in output order. */
export const SNAPSHOT_KPIS: readonly KpiKey[] = [
  "risk_ratio",
  "maker_taker_ratio",
  "net_bps",
  "p95_latency_ms",
  "adverse_bps_p95",
  "slippage_bps_p95",
  "cancel_ratio",
];

/** One KPI over the window (values rounded to 3 decimals). */
export interface KpiSummary {
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  trend: string | null;
}

/** The snapshot document. */
export interface Snapshot {
  schema_version: string;
  timestamp: string | null;
  verdict: "PASS" | "WARN" | "FAIL";
  pass_count_last8: number;
  freeze_seen: boolean;
  freeze_ready: boolean;
  iterations_total: number;
  iterations_analyzed: number[];
  kpi_last8: Record<string, KpiSummary>;
  goals_met: Record<string, boolean>;
  guards_last8: {
    oscillation_count: number;
    velocity_count: number;
    cooldown_count: number;
    freeze_events: number;
    counts: Record<string, number>;
    iterations: Record<string, number[]>;
  };
  tuning_summary: {
    proposed_count: number;
    applied_count: number;
    applied_iterations: number[];
    changed_keys: string[];
    skip_reasons: Record<string, number>;
    freeze_events: number;
  };
  time_range: { from: string | null; to: string | null };
  kpi_gate_parity: boolean | null;
  anomalies_count: number;
  signature_loops: number;
}

/** Thresholds the snapshot applies. */
export interface SnapshotThresholds {
  last8_pass: { [K in keyof typeof LAST8_PASS]: number };
  gate_verdict: {
    pass_min_count: number;
    pass_requires_freeze: boolean;
    warn_min_count: number;
    window: number;
  };
}

/** Default thresholds (DESIGN §3). */
export const SNAPSHOT_THRESHOLDS: SnapshotThresholds = {
  last8_pass: LAST8_PASS,
  gate_verdict: GATE_VERDICT,
};

/** The SPEC §3 pass rule of one iteration; missing KPIs fail (risk 1.0, mt 0, net 0, p95 9999). */
export function iteration_passes(r: IterRecord, t: SnapshotThresholds["last8_pass"]): boolean {
  const k = r.kpi;
  return (k.risk_ratio ?? 1) <= t.max_risk_ratio &&
    (k.maker_taker_ratio ?? 0) >= t.min_maker_taker_ratio &&
    (k.net_bps ?? 0) >= t.min_net_bps &&
    (k.p95_latency_ms ?? 9999) <= t.max_p95_latency_ms;
}

/** Names of the guards that stopped iteration `r` (skip reason and the tuning flags). */
export function guards_of(r: IterRecord): string[] {
  const t = r.tuning;
  const out = new Set<string>();
  if (t.skip && !t.applied) out.add(t.skip.reason);
  if (t.partial_skip) out.add(t.partial_skip.reason);
  if (t.oscillation_detected) out.add("oscillation");
  if (t.velocity_violation) out.add("velocity");
  if (t.cooldown_active) out.add("cooldown");
  if (t.panic_revert) out.add("panic_revert");
  return [...out];
}

function anomalies(win: IterRecord[]): number {
  let n = 0;
  for (let i = 0; i < win.length; i++) {
    const k = win[i]!.kpi;
    if ((k.p95_latency_ms ?? 0) > 400) n++;
    const prev = win[i - 1]?.kpi.risk_ratio;
    if (i > 0 && k.risk_ratio !== null && prev != null && k.risk_ratio - prev > 0.15) n++;
    if ((k.maker_taker_ratio ?? 1) < 0.75) n++;
  }
  return n;
}

function signature_loops(win: IterRecord[]): number {
  const s = win.map((r) => r.tuning.signature ?? r.tuning.state_hash ?? "na");
  let n = 0;
  for (let j = 0; j + 2 < s.length; j++) if (s[j] === s[j + 2] && s[j] !== s[j + 1]) n++;
  return n;
}

/** Tuning over the whole run: proposals, applies, changed keys, skip reasons, freezes. */
export function tuning_summary(iters: IterRecord[]): Snapshot["tuning_summary"] {
  const applied: number[] = [];
  const keys = new Set<string>();
  const skips: Record<string, number> = {};
  let proposed = 0;
  let freezes = 0;
  for (const r of iters) {
    const t = r.tuning;
    if (Object.keys(t.proposed).length) proposed++;
    if (t.freeze_triggered) freezes++;
    if (t.applied) {
      applied.push(r.n);
      for (const k of Object.keys(t.applied_deltas ?? t.proposed)) keys.add(k);
    } else if (t.skip) skips[t.skip.reason] = (skips[t.skip.reason] ?? 0) + 1;
  }
  return {
    proposed_count: proposed,
    applied_count: applied.length,
    applied_iterations: applied,
    changed_keys: [...keys].sort(),
    skip_reasons: skips,
    freeze_events: freezes,
  };
}

/** Build the snapshot of a loaded soak directory. */
export function build_snapshot(
  dir: SoakDir,
  t: SnapshotThresholds = SNAPSHOT_THRESHOLDS,
): Snapshot {
  const iters = dir.iters;
  const win = iters.slice(-t.gate_verdict.window);
  const xs = win.map((r) => r.n);
  const kpi_last8: Record<string, KpiSummary> = {};
  for (const key of SNAPSHOT_KPIS) {
    const s = window_stats(win.map((r) => r.kpi[key]), xs);
    kpi_last8[key] = {
      mean: round_to(s.mean),
      median: round_to(s.median),
      min: round_to(s.min),
      max: round_to(s.max),
      trend: s.trend,
    };
  }
  const pass = win.filter((r) => iteration_passes(r, t.last8_pass)).length;
  const freeze_seen = iters.some((r) => r.tuning.freeze_triggered || r.tuning.freeze_active);
  const g = t.gate_verdict;
  const freeze_ok = freeze_seen || !g.pass_requires_freeze;
  const verdict = pass >= g.pass_min_count && freeze_ok
    ? "PASS"
    : pass >= g.warn_min_count
    ? "WARN"
    : "FAIL";
  const counts: Record<string, number> = {};
  const at: Record<string, number[]> = {};
  for (const r of win) {
    for (const name of guards_of(r)) {
      counts[name] = (counts[name] ?? 0) + 1;
      (at[name] ??= []).push(r.n);
    }
  }
  let from: string | null = null;
  let to: string | null = null;
  for (const r of iters) {
    const u = r.kpi.runtime_utc;
    if (u === null) continue;
    if (from === null || u < from) from = u;
    if (to === null || u > to) to = u;
  }
  const m = (k: string) => kpi_last8[k]!.mean;
  const lp = t.last8_pass;
  const last = iters[iters.length - 1]!;
  return {
    schema_version: SNAPSHOT_SCHEMA,
    timestamp: last.kpi.runtime_utc,
    verdict,
    pass_count_last8: pass,
    freeze_seen,
    freeze_ready: verdict !== "FAIL" && pass >= g.pass_min_count && freeze_seen,
    iterations_total: iters.length,
    iterations_analyzed: xs,
    kpi_last8,
    goals_met: {
      risk_ok: m("risk_ratio") !== null && m("risk_ratio")! <= lp.max_risk_ratio,
      maker_taker_ok: m("maker_taker_ratio") !== null &&
        m("maker_taker_ratio")! >= lp.min_maker_taker_ratio,
      net_bps_ok: m("net_bps") !== null && m("net_bps")! >= lp.min_net_bps,
      p95_latency_ok: m("p95_latency_ms") !== null && m("p95_latency_ms")! <= lp.max_p95_latency_ms,
    },
    guards_last8: {
      oscillation_count: counts.oscillation ?? 0,
      velocity_count: counts.velocity ?? 0,
      cooldown_count: counts.cooldown ?? 0,
      freeze_events: win.filter((r) => r.tuning.freeze_triggered).length,
      counts,
      iterations: at,
    },
    tuning_summary: tuning_summary(iters),
    time_range: { from, to },
    // The KPI gate file describes the last iteration: parity = same verdict as that iteration.
    kpi_gate_parity: dir.kpi_gate?.verdict == null
      ? null
      : dir.kpi_gate.verdict === last.kpi.kpi_verdict,
    anomalies_count: anomalies(win),
    signature_loops: signature_loops(win),
  };
}
