/**
 * The micro-tuning rules of SPEC §1.8 (risk zones, maker boost, latency buffer, drivers, conflict
 * guard) with the DESIGN §3 fixes: current values come from the registry-complete overrides (no
 * private defaults), the maker boost reads the real maker/taker ratio, MODERATE never moves a
 * value the wrong way, and "stable" only silences the driver rules — NORMALIZE, maker boost and
 * the latency buffer exist for the stable case and survive it.
 * Every delta is `target − current`, rounded to the parameter's decimals; zero deltas are omitted.
 * @module
 */
import { param_spec, round_param } from "./registry.ts";

/** The KPIs the rules read (ITER_SUMMARY `summary` keys). */
export interface RuleInput {
  net_bps?: number | null;
  risk_ratio?: number | null;
  adverse_bps_p95?: number | null;
  slippage_bps_p95?: number | null;
  order_age_p95_ms?: number | null;
  min_interval_ratio?: number | null;
  concurrency_ratio?: number | null;
  maker_taker_ratio?: number | null;
  p95_latency_ms?: number | null;
}

/** A proposal: deltas, the reasons joined as the original's rationale, and the inputs seen. */
export interface Proposal {
  deltas: Record<string, number>;
  rationale: string;
  reasons: string[];
  conditions: Record<string, number | null>;
}

/**
 * Rule caps and steps of SPEC §1.8. They are targets of individual rules (e.g. AGGRESSIVE never
 * pushes min_interval_ms past 80), distinct from the registry bounds, which clamp every apply.
 */
export const RULES = {
  aggressive_risk: 0.60,
  moderate_risk: 0.40,
  normalize_risk: 0.35,
  normalize_net: 3.0,
  stable_risk: 0.40,
  stable_net: 3.0,
  boost_max_risk: 0.40,
  boost_target_ratio: 0.85,
  boost_min_net: 2.7,
  latency_soft_ms: 330,
  latency_hard_ms: 360,
  adverse_p95_above: 3.5,
  slippage_p95_above: 2.5,
} as const;

/** Propose deltas for `summary` given the tuned values `current` (every registry key present). */
export function propose(summary: RuleInput, current: Readonly<Record<string, number>>): Proposal {
  const net = summary.net_bps ?? null;
  const risk = summary.risk_ratio ?? 0;
  const conditions: Record<string, number | null> = {
    net_bps: net,
    risk_ratio: risk,
    adverse_p95: summary.adverse_bps_p95 ?? null,
    slippage_p95: summary.slippage_bps_p95 ?? null,
    order_age_p95_ms: summary.order_age_p95_ms ?? null,
    min_interval_ratio: summary.min_interval_ratio ?? null,
    concurrency_ratio: summary.concurrency_ratio ?? null,
    maker_taker_ratio: summary.maker_taker_ratio ?? null,
    p95_latency_ms: summary.p95_latency_ms ?? null,
  };
  if (net === null) {
    return { deltas: {}, rationale: "No net_bps data available", reasons: [], conditions };
  }
  const b = new Builder(current);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

  // A. Risk zones (mutually exclusive).
  if (risk >= RULES.aggressive_risk) {
    const why = `AGGRESSIVE: risk=${pct(risk)} >= 60%`;
    b.to(
      "min_interval_ms",
      Math.min(b.cur("min_interval_ms") + 5, 80),
      `${why} -> min_interval +5ms (cap 80)`,
    );
    b.to(
      "impact_cap_ratio",
      Math.max(b.cur("impact_cap_ratio") - 0.01, 0.08),
      `${why} -> impact_cap -0.01 (floor 0.08)`,
    );
    b.to(
      "tail_age_ms",
      Math.min(b.cur("tail_age_ms") + 30, 800),
      `${why} -> tail_age +30ms (cap 800)`,
    );
  } else if (risk >= RULES.moderate_risk) {
    const why = `MODERATE: risk=${pct(risk)} >= 40%`;
    // Only in the intended direction (SPEC §10.1 item 13).
    if (b.cur("min_interval_ms") < 75) {
      b.to(
        "min_interval_ms",
        Math.min(b.cur("min_interval_ms") + 5, 75),
        `${why} -> min_interval +5ms (cap 75)`,
      );
    }
    if (b.cur("impact_cap_ratio") > 0.09) {
      b.to(
        "impact_cap_ratio",
        Math.max(b.cur("impact_cap_ratio") - 0.005, 0.09),
        `${why} -> impact_cap -0.005 (floor 0.09)`,
      );
    }
  } else if (risk < RULES.normalize_risk && net >= RULES.normalize_net) {
    const why = `NORMALIZE: risk=${pct(risk)} < 35% and net_bps=${net.toFixed(2)} >= 3.0`;
    if (b.cur("min_interval_ms") > 50) {
      b.to(
        "min_interval_ms",
        Math.max(b.cur("min_interval_ms") - 3, 50),
        `${why} -> min_interval -3ms (floor 50)`,
      );
    }
    if (b.cur("impact_cap_ratio") < 0.10) {
      b.to(
        "impact_cap_ratio",
        Math.min(b.cur("impact_cap_ratio") + 0.005, 0.10),
        `${why} -> impact_cap +0.005 (cap 0.10)`,
      );
    }
  }

  // B. Maker boost, on the real ratio (SPEC §10.1 item 2); no ratio known → no boost.
  const mt = summary.maker_taker_ratio;
  if (
    typeof mt === "number" && risk <= RULES.boost_max_risk && mt < RULES.boost_target_ratio &&
    net >= RULES.boost_min_net
  ) {
    const why = `MAKER_BOOST: maker_taker=${pct(mt)} < 85%`;
    const spread = b.cur("base_spread_bps");
    const rate = b.cur("replace_rate_per_min");
    const mi = b.cur("min_interval_ms");
    b.add_new(
      "base_spread_bps",
      Math.min(spread + 0.015, spread * 1.5),
      `${why} -> base_spread +0.015bps`,
    );
    b.add_new(
      "replace_rate_per_min",
      Math.max(rate * 0.85, rate * 0.5),
      `${why} -> replace_rate x0.85`,
    );
    b.add_new(
      "min_interval_ms",
      Math.min(mi + 25, mi * 2, 100),
      `${why} -> min_interval +25ms (cap 100)`,
    );
  }

  // C. Latency buffer.
  const p95 = summary.p95_latency_ms ?? 0;
  if (p95 > 0 && p95 >= RULES.latency_soft_ms) {
    const hard = p95 > RULES.latency_hard_ms;
    const why = `${hard ? "LATENCY_HARD" : "LATENCY_BUFFER"}: p95=${p95.toFixed(0)}ms`;
    const conc = b.cur("concurrency_limit");
    b.add_new(
      "concurrency_limit",
      Math.max(Math.trunc(conc * (hard ? 0.85 : 0.90)), 1),
      `${why} -> concurrency x${hard ? "0.85" : "0.90"}`,
    );
    b.add_new(
      "tail_age_ms",
      Math.min(b.cur("tail_age_ms") + (hard ? 75 : 50), 800),
      `${why} -> tail_age +${hard ? 75 : 50}ms (cap 800)`,
    );
  }

  // D. Drivers: problem rules, silenced when the iteration is stable (E).
  const stable = risk < RULES.stable_risk && net >= RULES.stable_net;
  const adv = summary.adverse_bps_p95 ?? null;
  const slip = summary.slippage_bps_p95 ?? null;
  const driver_reasons: string[] = [];
  if (!stable) {
    if (adv !== null && adv > RULES.adverse_p95_above) {
      const why = `DRIVER: adverse_p95=${adv.toFixed(2)} > 3.5`;
      b.add_new(
        "impact_cap_ratio",
        Math.max(b.cur("impact_cap_ratio") - 0.01, 0.08),
        `${why} -> impact_cap -0.01 (floor 0.08)`,
      );
      b.add_new(
        "max_delta_ratio",
        Math.max(b.cur("max_delta_ratio") - 0.01, 0.10),
        `${why} -> max_delta -0.01 (floor 0.10)`,
      );
    }
    if (slip !== null && slip > RULES.slippage_p95_above) {
      const why = `DRIVER: slippage_p95=${slip.toFixed(2)} > 2.5`;
      b.add_new(
        "base_spread_bps_delta",
        Math.min(b.cur("base_spread_bps_delta") + 0.02, 0.25),
        `${why} -> spread_delta +0.02 (cap 0.25)`,
      );
      b.add_new(
        "tail_age_ms",
        Math.min(b.cur("tail_age_ms") + 30, 800),
        `${why} -> tail_age +30ms (cap 800)`,
      );
    }
  } else if ((adv ?? 0) > RULES.adverse_p95_above || (slip ?? 0) > RULES.slippage_p95_above) {
    driver_reasons.push(
      `STABLE: risk=${pct(risk)} < 40% and net_bps=${
        net.toFixed(2)
      } >= 3.0 -> driver rules skipped`,
    );
  }

  // F. Conflict guard.
  b.reasons = resolve_conflicts(b.deltas, b.reasons, risk);

  const reasons = [...b.reasons, ...driver_reasons];
  return {
    deltas: b.deltas,
    rationale: reasons.length ? reasons.join(" | ") : "No micro-adjustments needed",
    reasons,
    conditions,
  };
}

/**
 * Conflict guard (SPEC §1.8 F): never speed up requotes (min_interval_ms < 0) while widening the
 * spread for risk (base_spread_bps_delta > 0, risk ≥ 0.40). Removes the speed-up from `deltas` in
 * place and returns the reasons without the dropped NORMALIZE line, plus a GUARD line.
 * With the current rule set the two cannot co-occur (NORMALIZE needs risk < 0.35); the guard
 * stays as the invariant for any rule added later.
 */
export function resolve_conflicts(
  deltas: Record<string, number>,
  reasons: string[],
  risk: number,
): string[] {
  if (
    (deltas.base_spread_bps_delta ?? 0) > 0 && (deltas.min_interval_ms ?? 0) < 0 &&
    risk >= RULES.moderate_risk
  ) {
    delete deltas.min_interval_ms;
    return [
      ...reasons.filter((r) => !(r.startsWith("NORMALIZE") && r.includes("min_interval"))),
      "GUARD: conflict=spread_widen_vs_speedup resolved=prefer_risk",
    ];
  }
  return reasons;
}

/** Collects deltas against the current values. */
class Builder {
  deltas: Record<string, number> = {};
  reasons: string[] = [];
  constructor(private readonly current: Readonly<Record<string, number>>) {}

  cur(name: string): number {
    const v = this.current[name];
    if (typeof v !== "number") throw new Error(`Overrides lack parameter ${name}`);
    return v;
  }

  /** Set the delta of `name` to reach `target` (replacing an earlier delta); omit zero moves. */
  to(name: string, target: number, reason: string): void {
    const spec = param_spec(name);
    if (!spec) throw new Error(`Unknown parameter ${name}`);
    const d = round_param(spec, target - this.cur(name));
    if (d === 0) return;
    this.deltas[name] = d;
    this.reasons.push(reason);
  }

  /** Like {@linkcode to}, only when no earlier rule already moved `name`. */
  add_new(name: string, target: number, reason: string): void {
    if (name in this.deltas) return;
    this.to(name, target, reason);
  }
}
