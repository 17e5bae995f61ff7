/**
 * The release gate (DESIGN §3, SPEC §3 without its bugs): snapshot verdict from the last-8 pass
 * count, freeze readiness, and delta quality (ratio, signature_stuck, fail_count). Every check
 * carries its threshold and actual value so the verdict can be read, not trusted.
 * Levels: a failing "fail" check makes the gate FAIL (exit 1); a failing "warn" check makes it
 * WARN (exit 0).
 * @module
 */
import type { Snapshot } from "./snapshot.ts";
import type { GateThresholds } from "./thresholds_file.ts";
import type { VerifyResult } from "./verify.ts";

/** One line of the gate table. */
export interface GateCheck {
  name: string;
  threshold: string;
  actual: string;
  status: "PASS" | "WARN" | "FAIL";
}

/** The gate's result. */
export interface GateResult {
  verdict: "PASS" | "WARN" | "FAIL";
  checks: GateCheck[];
  failures: string[];
  warnings: string[];
}

function fmt(v: number | boolean | null): string {
  if (v === null) return "missing";
  if (typeof v === "boolean") return String(v);
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}

/** Evaluate the gate. `strict` selects the stricter delta ratio threshold. */
export function evaluate_gate(
  snap: Snapshot,
  verify: VerifyResult,
  t: GateThresholds,
  strict: boolean,
): GateResult {
  const checks: GateCheck[] = [];
  const add = (
    name: string,
    threshold: string,
    actual: number | boolean | null,
    ok: boolean,
    level: "FAIL" | "WARN",
  ) => checks.push({ name, threshold, actual: fmt(actual), status: ok ? "PASS" : level });
  const g = t.gate_verdict;
  const lp = t.last8_pass;
  checks.push({
    name: "last8.pass_count",
    threshold:
      `>= ${g.pass_min_count} (WARN >= ${g.warn_min_count}) of ${snap.iterations_analyzed.length}`,
    actual: String(snap.pass_count_last8),
    status: snap.pass_count_last8 >= g.pass_min_count
      ? "PASS"
      : snap.pass_count_last8 >= g.warn_min_count
      ? "WARN"
      : "FAIL",
  });
  if (g.pass_requires_freeze) {
    add("freeze_seen", "= true", snap.freeze_seen, snap.freeze_seen, "FAIL");
  }
  add("freeze_ready", "= true", snap.freeze_ready, snap.freeze_ready, "FAIL");
  const k = snap.kpi_last8;
  const mean = (name: string) => k[name]?.mean ?? null;
  const le = (v: number | null, max: number) => v !== null && v <= max;
  const ge = (v: number | null, min: number) => v !== null && v >= min;
  add(
    "last8.risk_ratio.mean",
    `<= ${lp.max_risk_ratio}`,
    mean("risk_ratio"),
    le(mean("risk_ratio"), lp.max_risk_ratio),
    "WARN",
  );
  add(
    "last8.maker_taker_ratio.mean",
    `>= ${lp.min_maker_taker_ratio}`,
    mean("maker_taker_ratio"),
    ge(mean("maker_taker_ratio"), lp.min_maker_taker_ratio),
    "WARN",
  );
  add(
    "last8.net_bps.mean",
    `>= ${lp.min_net_bps}`,
    mean("net_bps"),
    ge(mean("net_bps"), lp.min_net_bps),
    "WARN",
  );
  add(
    "last8.p95_latency_ms.mean",
    `<= ${lp.max_p95_latency_ms}`,
    mean("p95_latency_ms"),
    le(mean("p95_latency_ms"), lp.max_p95_latency_ms),
    "WARN",
  );
  const dq = t.delta_quality;
  const m = verify.metrics;
  const min_ratio = strict ? dq.min_full_apply_ratio_strict : dq.min_full_apply_ratio;
  add(
    "delta.full_apply_ratio",
    `>= ${min_ratio}${strict ? " (strict)" : ""}`,
    m.full_apply_ratio,
    m.full_apply_ratio >= min_ratio,
    "FAIL",
  );
  add(
    "delta.signature_stuck_count",
    `<= ${dq.max_signature_stuck}`,
    m.signature_stuck_count,
    m.signature_stuck_count <= dq.max_signature_stuck,
    "FAIL",
  );
  add(
    "delta.fail_count",
    `<= ${dq.max_fail_count}`,
    m.fail_count,
    m.fail_count <= dq.max_fail_count,
    "FAIL",
  );
  const drift = verify.unexpected_changes.length;
  add(
    "delta.unexpected_changes",
    "= 0",
    drift,
    drift === 0,
    "FAIL",
  );
  add("delta.unverifiable_count", "= 0", m.unverifiable_count, m.unverifiable_count === 0, "WARN");
  add(
    "tuning.report_consistency",
    "= 0 mismatches",
    verify.inconsistencies.length,
    verify.inconsistencies.length === 0,
    "WARN",
  );
  add("last8.anomalies_count", "= 0", snap.anomalies_count, snap.anomalies_count === 0, "WARN");
  const describe = (c: GateCheck) => `${c.name} = ${c.actual} (threshold ${c.threshold})`;
  const failures = checks.filter((c) => c.status === "FAIL").map(describe);
  const warnings = checks.filter((c) => c.status === "WARN").map(describe);
  return {
    verdict: failures.length ? "FAIL" : warnings.length ? "WARN" : "PASS",
    checks,
    failures,
    warnings,
  };
}

/** The per-iteration pass rule behind last8.pass_count, as text. */
export function pass_rule_text(t: GateThresholds): string {
  const lp = t.last8_pass;
  return `an iteration passes when risk_ratio <= ${lp.max_risk_ratio}, maker_taker_ratio >= ` +
    `${lp.min_maker_taker_ratio}, net_bps >= ${lp.min_net_bps} and p95_latency_ms <= ${lp.max_p95_latency_ms}`;
}

/** The gate table as aligned text lines. */
export function gate_text(r: GateResult): string[] {
  const rows = [
    ["Check", "Threshold", "Actual", "Verdict"],
    ...r.checks.map((c) => [c.name, c.threshold, c.actual, c.status]),
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i < 3 ? cell.padEnd(w[i]!) : cell)).join("  ").trimEnd()
  );
}

/** The gate table as Markdown (GitHub step summary, HTML report source). */
export function gate_markdown(r: GateResult, path: string): string {
  const icon = { PASS: "✅", WARN: "⚠️", FAIL: "❌" };
  const cell = (s: string) => s.replaceAll("|", "\\|");
  return [
    `### mmsoak gate: ${icon[r.verdict]} ${r.verdict}`,
    "",
    `Soak directory: \`${path}\``,
    "",
    "| Check | Threshold | Actual | Verdict |",
    "|---|---|---|---|",
    ...r.checks.map((c) =>
      `| ${cell(c.name)} | ${cell(c.threshold)} | ${cell(c.actual)} | ${
        icon[c.status]
      } ${c.status} |`
    ),
    "",
  ].join("\n");
}
