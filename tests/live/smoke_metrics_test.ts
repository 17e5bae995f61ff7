import { assertEquals } from "../../lib/deps/assert.ts";
import { create_metrics, metrics_text } from "../../lib/metrics/registry.ts";
import { register_smoke_metrics, type SmokeCounts } from "../../lib/live/smoke_metrics.ts";

function value(text: string, m: string): number {
  return Number(new RegExp(`^${m} (\\S+)$`, "m").exec(text)?.[1]);
}

Deno.test("smoke counters follow the loop at scrape time; the breaker gauge goes both ways", async () => {
  const m = create_metrics();
  const c: SmokeCounts = {
    placed: 3,
    fills: 1,
    rejected: 0,
    canceled: 2,
    freeze_events: 0,
    breaker_open: 1,
  };
  register_smoke_metrics(m.registry, () => c);
  let t = await metrics_text(m.registry);
  assertEquals(value(t, "mm_orders_placed_total"), 3);
  assertEquals(value(t, "mm_circuit_breaker_state"), 1);
  assertEquals(t.match(/# TYPE mm_orders_placed_total counter/)?.length, 1);
  Object.assign(c, { placed: 7, fills: 4, freeze_events: 1, breaker_open: 0 });
  t = await metrics_text(m.registry);
  assertEquals(value(t, "mm_orders_placed_total"), 7);
  assertEquals(value(t, "mm_orders_filled_total"), 4);
  assertEquals(value(t, "mm_freeze_events_total"), 1);
  assertEquals(value(t, "mm_circuit_breaker_state"), 0);
  t = await metrics_text(m.registry);
  assertEquals(value(t, "mm_orders_placed_total"), 7, "a second scrape adds nothing");
});
