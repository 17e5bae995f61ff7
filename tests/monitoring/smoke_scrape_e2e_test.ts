/**
 * End to end with the real smoke command: Prometheus scrapes `mmsoak smoke --obs` (simulated
 * exchange) on 127.0.0.1 every second; after the run (`--obs-linger-s` keeps /metrics up), its
 * `histogram_quantile(0.95, …)` over mm_latency_ms is compared with the report's nearest-rank
 * `latency.p95_ms` of the same samples, within the bucket resolution.
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { LATENCY_BUCKETS_MS } from "../../lib/stats/histogram.ts";
import { DISPATCHER } from "../cmd/_run.ts";
import { missing } from "./_tools.ts";
import { free_port, run_while_scraped, start_prometheus } from "./_prometheus.ts";

Deno.test({
  name: "Prometheus scrapes smoke --obs; its p95 is in the bucket of the report's p95",
  ignore: !!missing("prometheus"),
  sanitizeResources: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "mmsoak_smoke_e2e_" });
    const port = free_port();
    const prom = await start_prometheus([`127.0.0.1:${port}`]);
    try {
      await prom.wait_for("up", 15_000);
      const report = join(tmp, "report.json");
      const { output, last } = await run_while_scraped(prom, [
        DISPATCHER,
        "smoke",
        "--iterations",
        "40",
        "--obs",
        "--obs-port",
        String(port),
        "--obs-linger-s",
        "3",
        "--out",
        report,
      ], "mm_latency_ms_count");
      assert(output.code === 0 || output.code === 1, new TextDecoder().decode(output.stderr));
      assert(last !== null, "no scrape of smoke's /metrics");
      const latency = JSON.parse(await Deno.readTextFile(report)).latency as {
        p95_ms: number;
        samples: number;
      };
      const at = async (expr: string) => Number((await prom.query_at(expr, last))[0]?.value[1]);
      // The linger keeps the final state up for 3 scrapes: the last one saw every sample.
      assertEquals(await at("sum(mm_latency_ms_count)"), latency.samples);
      const p95 = await at("histogram_quantile(0.95, sum by (le) (mm_latency_ms_bucket))");
      const i = LATENCY_BUCKETS_MS.findIndex((b) => latency.p95_ms <= b);
      const [lo, hi] = [i <= 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!, LATENCY_BUCKETS_MS[i]!];
      console.log(
        `smoke: Prometheus p95 ${p95.toFixed(2)} ms, report p95 ${latency.p95_ms} ms ` +
          `(${latency.samples} samples), bucket (${lo}, ${hi}]`,
      );
      assert(p95 > lo && p95 <= hi, `Prometheus p95 ${p95} outside (${lo}, ${hi}]`);
    } finally {
      await prom.close();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
