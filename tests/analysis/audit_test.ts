/**
 * audit: CSV columns and cells, zero kept as a value, the P&L identity checked by the tool with
 * violations listed, gross imputation flagged, the maker/taker chain, numeric order, readiness.
 * @module
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { parse_csv, stringify_csv } from "../../lib/deps/csv.ts";
import { audit } from "../../lib/analysis/audit.ts";
import { audit_csv, audit_table } from "../../lib/analysis/audit_output.ts";
import { extract_kpis, maker_taker } from "../../lib/analysis/kpi.ts";
import { verify_deltas } from "../../lib/analysis/verify.ts";
import { GOOD, record, soak_dir } from "./_records.ts";

const run = (iters: ReturnType<typeof record>[]) => {
  const d = soak_dir(iters);
  return audit(d, verify_deltas(d));
};

Deno.test("audit: CSV in SPEC §4.3 column order, empty cells for missing, true/false", () => {
  const a = run([
    record(1, { ...GOOD, gross_bps: 5, adverse_bps: 1, slippage_bps: 0.5, fees_bps: 0 }),
    record(2, {
      ...GOOD,
      risk_ratio: 0,
      adverse_bps: 1,
      slippage_bps: 0.2,
      fees_bps: 0.3,
      maker_taker_ratio: null,
    }),
  ]);
  const rows = parse_csv(audit_csv(a));
  assertEquals(rows[0], [
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
  ]);
  assertEquals(rows[1], ["1", "3.5", "0.3", "", "", "250", "0.9", "5", "0", "false"]);
  // risk 0 is a value; gross imputed = 3.5 + 1 + 0.2 + 0.3.
  assertEquals(rows[2], ["2", "3.5", "0", "", "", "250", "", "5", "0.3", "true"]);
  assertEquals(a.pnl.gross_imputed, [2]);
});

Deno.test("audit: P&L identity violations beyond 0.05 bps are listed with iteration and size", () => {
  const a = run([
    record(1, { ...GOOD, gross_bps: 5.04, adverse_bps: 1, slippage_bps: 0.5, fees_bps: 0 }), // off by 0.04: ok
    record(2, { ...GOOD, gross_bps: 5.3, adverse_bps: 1, slippage_bps: 0.5, fees_bps: 0 }), // off by 0.3
    record(3, { ...GOOD, gross_bps: 4.0, adverse_bps: 0.5 }), // costs missing count as 0: exact
  ]);
  assertEquals(a.pnl.checked, 3);
  assertEquals(a.pnl.violations.length, 1);
  assertEquals(a.pnl.violations[0]!.iteration, 2);
  assert(Math.abs(a.pnl.violations[0]!.residual_bps - 0.3) < 1e-9);
  assert(a.recommendations.some((r) => r.includes("P&L identity")));
});

Deno.test("audit: windows by iteration number, median of two middles, readiness HOLD on a miss", () => {
  const iters = Array.from(
    { length: 20 },
    (_, i) => record(i + 1, { ...GOOD, net_bps: i + 1, p95_latency_ms: i === 19 ? 400 : 250 }),
  );
  const a = run(iters);
  assertEquals([a.max_iter, a.last8_start, a.steady_start], [20, 13, 7]);
  assertEquals(a.trend_stats.net_bps!.last8, {
    count: 8,
    mean: 16.5,
    median: 16.5,
    min: 13,
    max: 20,
  });
  assertEquals(a.trend_stats.net_bps!.steady.min, 7);
  assertEquals(a.readiness.verdict, "OK"); // p95 median of the last 8 is 250
  const hold = run(iters.map((r) => ({ ...r, kpi: { ...r.kpi, maker_taker_ratio: 0.8 } })));
  assertEquals(hold.readiness.verdict, "HOLD");
  assertEquals(hold.readiness.failures, ["maker_taker_ratio: 0.8 (target >= 0.83)"]);
});

Deno.test("kpi: maker/taker chain keeps zeros and falls through missing values only", () => {
  assertEquals(maker_taker({ maker_taker_ratio: 0.7 }, "f"), { ratio: 0.7, source: "existing" });
  assertEquals(
    maker_taker({ maker_taker_ratio: null, fills: { maker_volume: 0, taker_volume: 10 } }, "f"),
    { ratio: 0, source: "fills_volume" },
  );
  // A zero count is a count, not a reason to read maker_fills (SPEC §10 item 33).
  assertEquals(maker_taker({ fills: { maker_count: 0, taker_count: 4, maker_fills: 9 } }, "f"), {
    ratio: 0,
    source: "fills_count",
  });
  assertEquals(maker_taker({ maker_fills: 3, taker_fills: 1 }, "f"), {
    ratio: 0.75,
    source: "internal_fills",
  });
  assertEquals(maker_taker({}, "f"), { ratio: null, source: "missing" });
  const k = extract_kpis({
    net_bps: 0,
    edge_bps: 5,
    risk_percent: 20,
    fees_eff_bps: 0.4,
    latency_p95_ms: 100,
  }, "f");
  assertEquals([k.net_bps, k.risk_ratio, k.fees_bps, k.p95_latency_ms], [0, 0.2, 0.4, 100]);
});

Deno.test("audit: the fast CSV writer is byte-identical to csv-stringify", () => {
  const iters = Array.from({ length: 50 }, (_, i) =>
    record(i + 1, {
      ...GOOD,
      net_bps: i % 7 === 0 ? null : (i - 20) / 3,
      risk_ratio: i % 5 === 0 ? 0 : 0.1 * i,
      gross_bps: i % 3 ? 1e-7 * i : null,
      adverse_bps: i % 4 ? 0.3 : null,
      maker_taker_ratio: i % 9 ? 1 / (i + 1) : null,
    }));
  const a = run(iters);
  assertEquals(audit_csv(a), stringify_csv(audit_table(a)));
});
