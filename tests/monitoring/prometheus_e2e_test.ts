/**
 * End to end: a real Prometheus scrapes mmsoak's /metrics endpoint on 127.0.0.1, and its
 * `histogram_quantile(0.95, …)` is compared with mmsoak's exact p95 of the same samples.
 */
import { assertAlmostEquals } from "../../lib/deps/assert.ts";
import { create_metrics, serve_metrics } from "../../lib/metrics/mod.ts";
import { LATENCY_BUCKETS_MS, RISK_RATIO_BUCKETS } from "../../lib/stats/histogram.ts";
import { missing } from "./_tools.ts";
import { check_quantile, start_prometheus } from "./_prometheus.ts";

/** Deterministic lognormal-ish latencies (mulberry32 + Box-Muller), median ~120 ms. */
function latencies(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    out.push(Math.exp(Math.log(120) + 0.6 * z));
  }
  return out;
}

Deno.test({
  name: "Prometheus scrapes /metrics; its histogram_quantile p95 matches mmsoak's p95",
  ignore: !!missing("prometheus"),
  sanitizeResources: false,
  async fn() {
    const lat = latencies(5000, 7);
    const risk = lat.map((v) => Math.min(1.3, v / 600));
    const metrics = create_metrics();
    for (const v of lat) metrics.observe_latency_ms(v);
    for (const v of risk) metrics.observe_risk_ratio(v);
    const server = serve_metrics(metrics.registry, { port: 0 });
    const prom = await start_prometheus([`${server.hostname}:${server.port}`]);
    try {
      const started = Date.now();
      const q = "histogram_quantile(0.95, sum by (le) (mm_latency_ms_bucket))";
      const [r] = await prom.wait_for(q, 15_000);
      const prom_p95 = Number(r!.value[1]);
      // Same bucket as the exact p95, and the same interpolation as mmsoak's histogram_quantile.
      const { exact, lower, upper } = check_quantile(prom_p95, lat, LATENCY_BUCKETS_MS);
      console.log(
        `p95: Prometheus ${prom_p95.toFixed(2)} ms, mmsoak exact ${exact.toFixed(2)} ms, ` +
          `bucket (${lower}, ${upper}], after ${Date.now() - started} ms`,
      );
      const [rr] = await prom.wait_for(
        "histogram_quantile(0.95, sum by (le) (mm_risk_ratio_bucket))",
        5_000,
      );
      // Ratios above 1.0 are kept in +Inf (check_quantile knows PromQL's answer there).
      check_quantile(Number(rr!.value[1]), risk, RISK_RATIO_BUCKETS);
      const [count] = await prom.query("sum(mm_latency_ms_count)");
      assertAlmostEquals(Number(count!.value[1]), lat.length, 0);
    } finally {
      await prom.close();
      await server.close();
    }
  },
});
