import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { propose, resolve_conflicts } from "../../lib/tuning/rules.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";

const cur = param_defaults();

Deno.test("AGGRESSIVE zone: min_interval +5, impact -0.01, tail +30 from the registry values", () => {
  const p = propose({ net_bps: 3.0, risk_ratio: 0.68, maker_taker_ratio: 0.9 }, cur);
  assertEquals(p.deltas, { min_interval_ms: 5, impact_cap_ratio: -0.01, tail_age_ms: 30 });
  assert(p.rationale.startsWith("AGGRESSIVE: risk=68.0% >= 60%"));
});

Deno.test("AGGRESSIVE at its caps omits zero moves instead of emitting 0.0", () => {
  const c = { ...cur, min_interval_ms: 80, impact_cap_ratio: 0.08, tail_age_ms: 800 };
  assertEquals(propose({ net_bps: 3, risk_ratio: 0.7, maker_taker_ratio: 0.9 }, c).deltas, {});
});

Deno.test("MODERATE never moves a value the wrong way (SPEC §10.1 item 13)", () => {
  const c = { ...cur, min_interval_ms: 90, impact_cap_ratio: 0.05 };
  assertEquals(propose({ net_bps: 3, risk_ratio: 0.45, maker_taker_ratio: 0.9 }, c).deltas, {});
  assertEquals(propose({ net_bps: 3, risk_ratio: 0.45, maker_taker_ratio: 0.9 }, cur).deltas, {
    min_interval_ms: 5,
    impact_cap_ratio: -0.005,
  });
});

Deno.test("STABLE keeps NORMALIZE (the original voided it, SPEC §10.1 item 3)", () => {
  const c = { ...cur, impact_cap_ratio: 0.09 };
  const p = propose({ net_bps: 3.5, risk_ratio: 0.2, maker_taker_ratio: 0.9 }, c);
  assertEquals(p.deltas, { min_interval_ms: -3, impact_cap_ratio: 0.005 });
});

Deno.test("latency buffer survives a stable iteration: p95 335, risk 0.30, net 3.5", () => {
  // The original's own latency-buffer test case, which failed there.
  const p = propose(
    { net_bps: 3.5, risk_ratio: 0.30, p95_latency_ms: 335, maker_taker_ratio: 0.9 },
    { ...cur, min_interval_ms: 50, impact_cap_ratio: 0.1 },
  );
  assertEquals(p.deltas, { concurrency_limit: -1, tail_age_ms: 50 });
  const hard = propose(
    { net_bps: 3.5, risk_ratio: 0.30, p95_latency_ms: 400, maker_taker_ratio: 0.9 },
    { ...cur, min_interval_ms: 50 },
  );
  assertEquals(hard.deltas, { concurrency_limit: -2, tail_age_ms: 75 });
});

Deno.test("maker boost reads the real ratio: fires at 0.70, not at 0.90, never without a ratio", () => {
  const c = { ...cur, min_interval_ms: 50, impact_cap_ratio: 0.1 };
  const s = { net_bps: 3.5, risk_ratio: 0.30 };
  assertEquals(propose({ ...s, maker_taker_ratio: 0.70 }, c).deltas, {
    base_spread_bps: 0.015,
    replace_rate_per_min: -45,
    min_interval_ms: 25,
  });
  assertEquals(propose({ ...s, maker_taker_ratio: 0.90 }, c).deltas, {});
  assertEquals(propose({ ...s, maker_taker_ratio: null }, c).deltas, {});
});

Deno.test("NORMALIZE wins min_interval over the maker boost (first rule keeps the key)", () => {
  const p = propose({ net_bps: 3.5, risk_ratio: 0.2, maker_taker_ratio: 0.6 }, cur);
  assertEquals(p.deltas.min_interval_ms, -3);
  assertEquals(p.deltas.base_spread_bps, 0.015);
});

Deno.test("driver rules act when not stable and are silenced (with a reason) when stable", () => {
  const bad = { adverse_bps_p95: 5, slippage_bps_p95: 3.5, maker_taker_ratio: 0.9 };
  assertEquals(propose({ ...bad, net_bps: -1.5, risk_ratio: 0.17 }, cur).deltas, {
    impact_cap_ratio: -0.01,
    max_delta_ratio: -0.01,
    base_spread_bps_delta: 0.02,
    tail_age_ms: 30,
  });
  const stable = propose({ ...bad, net_bps: 3.5, risk_ratio: 0.36 }, cur);
  assertEquals(stable.deltas, {});
  assert(stable.rationale.includes("driver rules skipped"));
});

Deno.test("conflict guard drops a min_interval speed-up while widening at risk ≥ 0.40", () => {
  const d: Record<string, number> = {
    base_spread_bps_delta: 0.02,
    min_interval_ms: -3,
    tail_age_ms: 30,
  };
  const r = resolve_conflicts(d, ["NORMALIZE: x -> min_interval -3ms", "DRIVER: y"], 0.45);
  assertEquals(d, { base_spread_bps_delta: 0.02, tail_age_ms: 30 });
  assertEquals(r, ["DRIVER: y", "GUARD: conflict=spread_widen_vs_speedup resolved=prefer_risk"]);
  const low = { base_spread_bps_delta: 0.02, min_interval_ms: -3 };
  resolve_conflicts(low, [], 0.30);
  assertEquals(low.min_interval_ms, -3);
});

Deno.test("no net_bps: no deltas and the original's rationale", () => {
  const p = propose({ net_bps: null, risk_ratio: 0.9 }, cur);
  assertEquals(p.deltas, {});
  assertEquals(p.rationale, "No net_bps data available");
});

Deno.test("deltas are rounded to the parameter's decimals (no 0.009999999999999995)", () => {
  const p = propose({ net_bps: 3, risk_ratio: 0.7, maker_taker_ratio: 0.9 }, cur);
  assertEquals(p.deltas.impact_cap_ratio, -0.01);
});
