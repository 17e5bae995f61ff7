/**
 * Test helper: in-memory loaded soak directories built from KPI rows, for unit tests of the
 * snapshot, gate and audit logic without files.
 * @module
 */
import type { IterRecord, TuningView } from "../../lib/analysis/iter_record.ts";
import type { Kpis } from "../../lib/analysis/kpi.ts";
import type { SoakDir } from "../../lib/analysis/load.ts";

/** A passing iteration's KPIs (every last-8 threshold met with margin). */
export const GOOD: Partial<Kpis> = {
  net_bps: 3.5,
  risk_ratio: 0.3,
  maker_taker_ratio: 0.9,
  p95_latency_ms: 250,
};

/** One record; `kpi` and `tuning` override the defaults. */
export function record(
  n: number,
  kpi: Partial<Kpis> = GOOD,
  tuning: Partial<TuningView> = {},
): IterRecord {
  return {
    n,
    overrides: null,
    kpi: {
      runtime_utc: `2026-01-01T00:${String(n % 60).padStart(2, "0")}:00Z`,
      verdict: "OK",
      kpi_verdict: "PASS",
      net_bps: null,
      gross_bps: null,
      fees_bps: null,
      adverse_bps: null,
      slippage_bps: null,
      adverse_bps_p95: null,
      slippage_bps_p95: null,
      p95_latency_ms: null,
      risk_ratio: null,
      maker_taker_ratio: null,
      maker_taker_source: "existing",
      cancel_ratio: null,
      ...kpi,
    },
    tuning: {
      applied: false,
      proposed: {},
      applied_deltas: null,
      skip: null,
      partial_skip: null,
      state_hash: null,
      old_hash: null,
      signature: null,
      changed_keys: [],
      freeze_triggered: false,
      freeze_active: false,
      oscillation_detected: false,
      velocity_violation: false,
      cooldown_active: false,
      late_iteration: false,
      panic_revert: false,
      ...tuning,
    },
  };
}

/** A loaded directory of `iters`. */
export function soak_dir(iters: IterRecord[]): SoakDir {
  return {
    dir: "/soak",
    names: [],
    iters,
    tuning_report: { entries: new Map(), summary: null },
    overrides: null,
    kpi_gate: null,
  };
}
