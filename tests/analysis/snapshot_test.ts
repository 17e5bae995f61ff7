/**
 * Snapshot 1.2: the SPEC §3 pass rule at its boundaries, the verdict ladder, freeze, guard and
 * tuning counts, Prometheus HELP/TYPE for every metric, and --compare deltas.
 * @module
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { compare_snapshots, comparison_lines } from "../../lib/analysis/compare.ts";
import { delta_prom, snapshot_prom } from "../../lib/analysis/prometheus.ts";
import { build_snapshot, iteration_passes } from "../../lib/analysis/snapshot.ts";
import { LAST8_PASS } from "../../lib/analysis/thresholds.ts";
import { verify_deltas } from "../../lib/analysis/verify.ts";
import { GOOD, record, soak_dir } from "./_records.ts";

Deno.test("snapshot: pass rule holds at the thresholds and fails just past them or when missing", () => {
  const at = { net_bps: 2.7, risk_ratio: 0.42, maker_taker_ratio: 0.85, p95_latency_ms: 350 };
  assert(iteration_passes(record(1, at), LAST8_PASS));
  for (
    const [k, v] of [["net_bps", 2.69], ["risk_ratio", 0.421], ["maker_taker_ratio", 0.849], [
      "p95_latency_ms",
      350.1,
    ]] as const
  ) {
    assert(!iteration_passes(record(1, { ...at, [k]: v }), LAST8_PASS), k);
    assert(!iteration_passes(record(1, { ...at, [k]: null }), LAST8_PASS), `${k} missing`);
  }
  // Zero is a value: risk 0 passes (the original's truthiness bug made it missing).
  assert(iteration_passes(record(1, { ...at, risk_ratio: 0 }), LAST8_PASS));
});

Deno.test("snapshot: verdict ladder on the last 8 (PASS needs 6 and a freeze, WARN 5)", () => {
  const bad = { ...GOOD, net_bps: 1 };
  const run = (passes: number, freeze: boolean) => {
    const iters = Array.from(
      { length: 12 },
      (_, i) =>
        record(i + 1, i >= 4 && i - 4 < passes ? GOOD : bad, { freeze_active: freeze && i === 2 }),
    );
    return build_snapshot(soak_dir(iters));
  };
  assertEquals([run(6, true).verdict, run(6, true).freeze_ready], ["PASS", true]);
  assertEquals([run(8, false).verdict, run(8, false).freeze_ready], ["WARN", false]);
  assertEquals(run(5, true).verdict, "WARN");
  assertEquals([run(4, true).verdict, run(4, true).pass_count_last8], ["FAIL", 4]);
  assertEquals(run(6, true).iterations_analyzed, [5, 6, 7, 8, 9, 10, 11, 12]);
});

Deno.test("snapshot: KPI stats, guards of the last 8 and the tuning summary of the run", () => {
  const iters = [
    record(1, { ...GOOD, net_bps: 1 }, {
      applied: true,
      proposed: { min_interval_ms: 5 },
      applied_deltas: { min_interval_ms: 5 },
    }),
    record(2, GOOD, {
      proposed: { min_interval_ms: 5 },
      skip: { reason: "velocity", note: "" },
      velocity_violation: true,
    }),
    record(3, { ...GOOD, net_bps: 5 }, {
      skip: { reason: "no_deltas", note: "" },
      freeze_triggered: true,
    }),
  ];
  const s = build_snapshot(soak_dir(iters));
  assertEquals(s.kpi_last8.net_bps, { mean: 3.167, median: 3.5, min: 1, max: 5, trend: "up" });
  assertEquals(s.guards_last8.velocity_count, 1);
  assertEquals(s.guards_last8.counts, { velocity: 1, no_deltas: 1 });
  assertEquals(s.guards_last8.freeze_events, 1);
  assertEquals(s.tuning_summary, {
    proposed_count: 2,
    applied_count: 1,
    applied_iterations: [1],
    changed_keys: ["min_interval_ms"],
    skip_reasons: { velocity: 1, no_deltas: 1 },
    freeze_events: 1,
  });
  assertEquals(s.time_range, { from: "2026-01-01T00:01:00Z", to: "2026-01-01T00:03:00Z" });
});

Deno.test("snapshot: every Prometheus sample has HELP and TYPE, names unique", () => {
  const d = soak_dir([record(1), record(2, { ...GOOD, maker_taker_ratio: null })]);
  const text = snapshot_prom(build_snapshot(d)) + delta_prom(verify_deltas(d).metrics);
  const samples = text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) =>
    l.split(" ")[0]!
  );
  assertEquals(new Set(samples).size, samples.length);
  for (const name of samples) {
    assert(text.includes(`# HELP ${name} `), name);
    assert(new RegExp(`# TYPE ${name} (gauge|counter)\\n${name} `).test(text), name);
  }
  assert(samples.includes("soak_delta_full_apply_ratio"));
});

Deno.test("snapshot: --compare gives per-KPI deltas and the verdict change", () => {
  const s = build_snapshot(soak_dir([record(1), record(2)]));
  const c = compare_snapshots(s, {
    verdict: "PASS",
    kpi_last8: { net_bps: { mean: 2.8 }, risk_ratio: { mean: 0 } },
  }, "base.json");
  assertEquals(c.kpis.net_bps, { base: 2.8, current: 3.5, delta: 0.7, delta_pct: 25 });
  assertEquals(c.kpis.risk_ratio!.delta_pct, null);
  assertEquals(c.verdict, { base: "PASS", current: "FAIL", changed: true });
  assert(comparison_lines(c).includes("  net_bps.mean: 2.8 → 3.5 (+25.0%)"));
});
