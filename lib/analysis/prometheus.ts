/**
 * POST_SOAK_METRICS.prom: the snapshot's metrics under the original's names (SPEC §4.2) and the
 * delta-quality block the original gate appended (SPEC §3 step 3) — every metric with its HELP
 * and TYPE lines this time, so the textfile collector accepts the whole file.
 * @module
 */
import type { Snapshot } from "./snapshot.ts";
import type { VerifyMetrics } from "./verify.ts";

type Metric = [name: string, type: "gauge" | "counter", help: string, value: number | null];

function render(metrics: Metric[]): string {
  let out = "";
  for (const [name, type, help, value] of metrics) {
    // Prometheus has no null: a missing KPI is NaN, which the exposition format allows.
    out += `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${
      value === null ? "NaN" : value
    }\n\n`;
  }
  return out;
}

/** The snapshot block (the original's ten metrics, in its order, then mmsoak's additions). */
export function snapshot_prom(s: Snapshot): string {
  const k = s.kpi_last8;
  return render([
    [
      "soak_kpi_risk_ratio_mean",
      "gauge",
      "Risk ratio mean (last 8 iterations)",
      k.risk_ratio!.mean,
    ],
    ["soak_kpi_maker_taker_mean", "gauge", "Maker/Taker ratio mean", k.maker_taker_ratio!.mean],
    ["soak_kpi_net_bps_mean", "gauge", "Net BPS mean", k.net_bps!.mean],
    ["soak_kpi_latency_p95_mean", "gauge", "P95 latency mean (ms)", k.p95_latency_ms!.mean],
    // The original declared the three guard counts and the anomalies as counters; a count over
    // the last 8 iterations goes down as well as up, so it is a gauge.
    [
      "soak_guards_velocity_count",
      "gauge",
      "Velocity violation count",
      s.guards_last8.velocity_count,
    ],
    [
      "soak_guards_cooldown_count",
      "gauge",
      "Cooldown activation count",
      s.guards_last8.cooldown_count,
    ],
    [
      "soak_guards_oscillation_count",
      "gauge",
      "Oscillation detection count",
      s.guards_last8.oscillation_count,
    ],
    ["soak_verdict_pass_count", "gauge", "Passing iterations (last 8)", s.pass_count_last8],
    [
      "soak_freeze_ready",
      "gauge",
      "Freeze readiness (1=ready, 0=not ready)",
      s.freeze_ready ? 1 : 0,
    ],
    ["soak_anomalies_count", "gauge", "Anomaly count (last 8)", s.anomalies_count],
    [
      "soak_freeze_seen",
      "gauge",
      "A freeze was entered during the run (1/0)",
      s.freeze_seen ? 1 : 0,
    ],
    [
      "soak_iteration_files",
      "gauge",
      "ITER_SUMMARY files in the soak directory",
      s.iterations_total,
    ],
    [
      "soak_verdict_code",
      "gauge",
      "Snapshot verdict (0=PASS, 1=WARN, 2=FAIL)",
      ["PASS", "WARN", "FAIL"].indexOf(s.verdict),
    ],
  ]);
}

/** The gate's own verdict (snapshot + freeze + delta quality). */
export function gate_prom(verdict: "PASS" | "WARN" | "FAIL"): string {
  return render([[
    "soak_gate_verdict_code",
    "gauge",
    "Gate verdict (0=PASS, 1=WARN, 2=FAIL)",
    ["PASS", "WARN", "FAIL"].indexOf(verdict),
  ]]);
}

/** The delta-quality block (the original printed the ratio with 3 decimals; same value here). */
export function delta_prom(m: VerifyMetrics): string {
  return "# Delta application quality\n" + render([
    [
      "soak_delta_full_apply_ratio",
      "gauge",
      "(full_apply + partial_ok) / proposed",
      m.full_apply_ratio,
    ],
    [
      "soak_delta_full_apply_count",
      "gauge",
      "Proposals whose values took effect",
      m.full_apply_count,
    ],
    [
      "soak_delta_partial_ok_count",
      "gauge",
      "Proposals skipped by a guard or no-op",
      m.partial_ok_count,
    ],
    ["soak_delta_fail_count", "gauge", "Proposals whose values did not take effect", m.fail_count],
    [
      "soak_delta_unverifiable_count",
      "gauge",
      "Applied proposals whose values cannot be checked",
      m.unverifiable_count,
    ],
    [
      "soak_delta_signature_stuck_count",
      "gauge",
      "Applied proposals that left the state unchanged",
      m.signature_stuck_count,
    ],
    [
      "soak_delta_proposed_count",
      "gauge",
      "Iterations with a non-empty proposal",
      m.proposed_count,
    ],
  ]);
}
