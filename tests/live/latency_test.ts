import { assertEquals } from "../../lib/deps/assert.ts";
import { LatencyCollector } from "../../lib/live/latency.ts";
import { create_metrics, metrics_text } from "../../lib/metrics/registry.ts";

Deno.test("nearest-rank p95/p99 of 1..100 are 95 and 99; invalid samples ignored", async () => {
  const m = create_metrics();
  const c = new LatencyCollector(m);
  for (let i = 100; i >= 1; i--) c.record_ms(i);
  for (const bad of [-1, NaN, Infinity, "5", null, undefined]) c.record_ms(bad);
  assertEquals(c.count(), 100);
  assertEquals(c.percentiles(), { p50: 50, p95: 95, p99: 99 });
  const text = await metrics_text(m.registry);
  assertEquals(/mm_latency_ms_count (\d+)/.exec(text)![1], "100");
});

Deno.test("a single sample is its own p95; no samples is 0", () => {
  const c = new LatencyCollector();
  assertEquals(c.p95(), 0);
  c.record_ms(123.4);
  assertEquals(c.p95(), 123.4);
});
