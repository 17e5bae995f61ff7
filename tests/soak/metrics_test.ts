import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import {
  create_soak_metrics,
  restore_histogram,
  snapshot_histogram,
} from "../../lib/soak/metrics.ts";
import { mock_run, temp_dir } from "./_helpers.ts";

Deno.test("histogram snapshot/restore round-trips prom-client state exactly", async () => {
  const a = create_soak_metrics();
  for (const v of [3, 17, 250, 999, 5000, 0.1]) a.observe_latency_ms(v);
  const snap = JSON.parse(JSON.stringify(snapshot_histogram(a.latency_ms)));
  const b = create_soak_metrics();
  restore_histogram(b.latency_ms, snap);
  a.observe_latency_ms(42);
  b.observe_latency_ms(42);
  assertEquals(await b.registry.metrics(), await a.registry.metrics());
});

Deno.test("metrics.prom: histograms with SPEC §5.5 buckets and the soak gauges", async () => {
  const d = await temp_dir();
  await mock_run(d, { iterations: 5 });
  const text = await Deno.readTextFile(`${d}/metrics.prom`);
  assertStringIncludes(text, "# HELP mm_latency_ms Latency per operation (milliseconds)");
  assertStringIncludes(text, 'mm_latency_ms_bucket{le="1000"} 5');
  assertStringIncludes(text, 'mm_risk_ratio_bucket{le="0.2"} 1');
  assertStringIncludes(text, "mm_soak_iterations 5");
  assertStringIncludes(text, 'mm_soak_tuning_events{event="panic_reverts"} 1');
  assertStringIncludes(text, 'mm_soak_param{name="min_interval_ms"}');
  assertStringIncludes(text, 'mm_soak_last_kpi{kpi="net_bps"} 3.1999999999999997');
  assert(!text.includes("mm_risk_ratio{"), "no gauge may reuse the histogram's name");
  await Deno.remove(d, { recursive: true });
});

Deno.test("--metrics-port serves /metrics on 127.0.0.1 while running", async () => {
  const d = await temp_dir();
  let url = "";
  const scraped: string[] = [];
  await mock_run(d, {
    iterations: 3,
    metrics_port: 0,
    on_info: (line) => url = line.replace("metrics: ", ""),
    on_iteration: async (_line, n) => {
      const res = await fetch(url);
      assertEquals(res.status, 200);
      const body = await res.text();
      if (n === 2) scraped.push(body);
    },
  });
  assert(url.startsWith("http://127.0.0.1:") && url.endsWith("/metrics"), url);
  assertStringIncludes(scraped[0]!, "mm_soak_iterations 2");
  assertStringIncludes(scraped[0]!, "mm_latency_ms_count 2");
  await Deno.remove(d, { recursive: true });
});
