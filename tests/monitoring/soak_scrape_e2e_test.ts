/**
 * End to end with the real soak: Prometheus scrapes `mmsoak soak --metrics-port` on 127.0.0.1
 * every second while the soak runs; at the last scrape, Prometheus's
 * `histogram_quantile(0.95, sum by (le) (mm_latency_ms_bucket))` is compared with the exact p95
 * of the latency samples the soak had observed by then (the scripted mock observes one sample
 * per iteration, its ITER_SUMMARY p95_latency_ms, so the samples are known exactly).
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { LATENCY_BUCKETS_MS } from "../../lib/stats/histogram.ts";
import { DISPATCHER } from "../cmd/_run.ts";
import { missing } from "./_tools.ts";
import {
  check_quantile,
  free_port,
  type Prometheus,
  run_while_scraped,
  start_prometheus,
} from "./_prometheus.ts";

const Q95 = "histogram_quantile(0.95, sum by (le) (mm_latency_ms_bucket))";

/** Run a mock soak serving /metrics on `port`; resolves to the last instant Prometheus had it. */
async function soak_while_scraped(
  prom: Prometheus,
  port: number,
  out: string,
  iterations: number,
): Promise<number | null> {
  const args = [DISPATCHER, "soak", "--mock", "--iterations", String(iterations), "--out", out];
  const r = await run_while_scraped(
    prom,
    [...args, "--metrics-port", String(port)],
    "mm_soak_iterations",
  );
  assertEquals(r.output.code, 0, new TextDecoder().decode(r.output.stderr));
  return r.last;
}

Deno.test({
  name: "Prometheus scrapes soak --metrics-port; its p95 matches the soak's exact p95",
  ignore: !!missing("prometheus"),
  sanitizeResources: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "mmsoak_soak_e2e_" });
    const port = free_port();
    const prom = await start_prometheus([`127.0.0.1:${port}`]);
    try {
      // Prometheus first, so that it already scrapes (the target is down) when the soak starts.
      await prom.wait_for("up", 15_000);
      let at: number | null = null;
      let out = "";
      // A mock iteration takes tens of ms; a longer run if no scrape landed in the first one.
      for (const iterations of [80, 240]) {
        out = join(tmp, `soak_${iterations}`);
        at = await soak_while_scraped(prom, port, out, iterations);
        if (at !== null) break;
      }
      assert(at !== null, "no scrape of the soak's /metrics while it ran");
      const q = async (expr: string) => (await prom.query_at(expr, at!))[0]?.value[1];
      const k = Number(await q("mm_soak_iterations"));
      const prom_p95 = Number(await q(Q95));
      const count = Number(await q("sum(mm_latency_ms_count)"));
      assertEquals(count, k, "one latency sample per mock iteration");

      const samples: number[] = [];
      for (let n = 1; n <= k; n++) {
        const s = JSON.parse(await Deno.readTextFile(join(out, `ITER_SUMMARY_${n}.json`)));
        samples.push(s.summary.p95_latency_ms);
      }
      const { exact, lower, upper } = check_quantile(prom_p95, samples, LATENCY_BUCKETS_MS);
      console.log(
        `soak scraped at iteration ${k}: Prometheus p95 ${prom_p95.toFixed(2)} ms, ` +
          `exact p95 ${exact.toFixed(2)} ms, bucket (${lower}, ${upper}]`,
      );
    } finally {
      await prom.close();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
