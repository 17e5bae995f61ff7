import { assert, assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import { create_metrics, metrics_text } from "../../lib/metrics/registry.ts";
import { RiskMonitor } from "../../lib/live/risk_monitor.ts";

const LIMITS = {
  max_inventory_usd_per_symbol: 1000,
  max_total_notional_usd: 2000,
  edge_freeze_threshold_bps: 1.5,
};

Deno.test("notional uses the mark price (mid), not 1.0", () => {
  const marks = new Map([["BTCUSDT", 50000]]);
  const r = new RiskMonitor(LIMITS, (s) => marks.get(s));
  r.on_fill("BTCUSDT", "Buy", 0.01);
  assertAlmostEquals(r.total_notional(), 500, 1e-9);
  assertAlmostEquals(r.samples[0]!, 0.25, 1e-12);
  assert(r.check_before_order("BTCUSDT", "Buy", 0.01, 50000));
  assert(!r.check_before_order("BTCUSDT", "Buy", 0.02, 50000), "per-symbol limit");
  assert(r.check_before_order("BTCUSDT", "Sell", 0.03, 50000), "reducing then flipping to 1000");
  assertEquals(r.blocks_total, 1);
});

Deno.test("risk samples above 1.0 are kept and observed (land in +Inf)", async () => {
  const m = create_metrics();
  const r = new RiskMonitor(LIMITS, () => 100, m);
  r.on_fill("X", "Sell", 30); // 3000 / 2000 = 1.5
  assertEquals(r.samples, [1.5]);
  assertEquals(r.risk_ratio_p95(), 1.5);
  const text = await metrics_text(m.registry);
  assert(/mm_risk_ratio_bucket\{le="1"\} 0/.test(text));
  assert(/mm_risk_ratio_bucket\{le="\+Inf"\} 1/.test(text));
});

Deno.test("p95 is nearest-rank over samples taken on every fill", () => {
  const r = new RiskMonitor({ ...LIMITS, max_total_notional_usd: 100 }, () => 1);
  for (let i = 0; i < 100; i++) r.on_fill("X", "Buy", 1);
  assertEquals(r.samples.length, 100);
  assertAlmostEquals(r.risk_ratio_p95(), 0.95, 1e-12);
});

Deno.test("edge below threshold freezes once, frozen monitor blocks orders", () => {
  const r = new RiskMonitor(LIMITS, () => 1);
  assertEquals(r.on_edge_update("BTCUSDT", 2.0), false);
  assertEquals(r.on_edge_update("BTCUSDT", 1.2), true);
  assertEquals(r.on_edge_update("ETHUSDT", 1.0), false, "already frozen");
  assertEquals(r.freezes_total, 1);
  assertEquals(r.last_freeze_symbol, "ETHUSDT");
  assertEquals(r.last_freeze_reason, "Edge degradation: 1.00 BPS < 1.50 BPS");
  assert(!r.check_before_order("BTCUSDT", "Buy", 1, 1));
});
