/**
 * One named threshold set per tool (DESIGN §3), with the original's values (SPEC §1.10, §3, §4.3).
 * Every set can be overridden by flag or file and is printed next to its verdict.
 * @module
 */

/** Per-iteration verdict of the soak (SPEC §1.10, with p95 > 350 a warning in every mode). */
export const ITERATION_VERDICT = {
  fail_risk_above: 0.50,
  fail_net_below: 2.0,
  warn_risk_above: 0.40,
  warn_adverse_p95_above: 3.0,
  warn_p95_latency_above: 350,
} as const;

/** The "pass" rule of one iteration among the last 8 (SPEC §3). */
export const LAST8_PASS = {
  max_risk_ratio: 0.42,
  min_maker_taker_ratio: 0.85,
  min_net_bps: 2.7,
  max_p95_latency_ms: 350,
} as const;

/** Gate verdict from the last-8 pass count (SPEC §3). */
export const GATE_VERDICT = {
  pass_min_count: 6,
  pass_requires_freeze: true,
  warn_min_count: 5,
  window: 8,
} as const;

/** Delta application quality (SPEC §2.5, §3; DESIGN §3 adds fail_count 0). */
export const DELTA_QUALITY = {
  min_full_apply_ratio: 0.90,
  min_full_apply_ratio_strict: 0.95,
  max_signature_stuck: 1,
  max_fail_count: 0,
} as const;

/** verify-deltas' own verdict on the full-apply ratio (SPEC §2.5: 0.60, --strict 0.95). */
export const VERIFY_DELTAS = {
  min_full_apply_ratio: 0.60,
  min_full_apply_ratio_strict: 0.95,
} as const;

/** Audit readiness (SPEC §4.3). */
export const READINESS = {
  min_maker_taker_ratio: 0.83,
  min_net_bps: 2.9,
  max_p95_latency_ms: 330,
  max_risk_ratio: 0.40,
} as const;

/** Freeze entry: two consecutive stable iterations (DESIGN §3). */
export const FREEZE_ENTRY = {
  max_risk_ratio: 0.35,
  min_net_bps: 2.7,
  consecutive: 2,
  freeze_iterations: 4,
} as const;

/** KPIs read by the per-iteration verdict. */
export interface VerdictInput {
  risk_ratio?: number | null;
  net_bps?: number | null;
  adverse_bps_p95?: number | null;
  p95_latency_ms?: number | null;
}

/** Per-iteration verdict and its reasons; missing KPIs count as 0, as in the original. */
export function iteration_verdict(
  s: VerdictInput,
  t: typeof ITERATION_VERDICT = ITERATION_VERDICT,
): { verdict: "OK" | "WARN" | "FAIL"; reasons: string[] } {
  const risk = s.risk_ratio ?? 0;
  const net = s.net_bps ?? 0;
  const adv = s.adverse_bps_p95 ?? 0;
  const p95 = s.p95_latency_ms ?? 0;
  const fail: string[] = [];
  const warn: string[] = [];
  if (risk > t.fail_risk_above) fail.push(`risk=${pct(risk)}>${pct(t.fail_risk_above)}`);
  if (net < t.fail_net_below) fail.push(`net_bps=${net.toFixed(2)}<${t.fail_net_below}`);
  if (risk > t.warn_risk_above && risk <= t.fail_risk_above) {
    warn.push(`risk=${pct(risk)}>${pct(t.warn_risk_above)}`);
  }
  if (adv > t.warn_adverse_p95_above) {
    warn.push(`adverse_p95=${adv.toFixed(2)}>${t.warn_adverse_p95_above}`);
  }
  if (p95 > t.warn_p95_latency_above) {
    warn.push(`p95=${p95.toFixed(0)}ms>${t.warn_p95_latency_above}ms`);
  }
  if (fail.length) return { verdict: "FAIL", reasons: [...fail, ...warn] };
  return { verdict: warn.length ? "WARN" : "OK", reasons: warn };
}

function pct(v: number): string {
  return `${(v * 100).toFixed(2)}%`;
}
