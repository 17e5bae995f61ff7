import fc from "fast-check";
import client from "prom-client";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertStringIncludes,
} from "../../lib/deps/assert.ts";
import {
  create_metrics,
  LATENCY_HELP,
  metrics_text,
  RISK_RATIO_HELP,
} from "../../lib/metrics/registry.ts";
import {
  FixedHistogram,
  LATENCY_BUCKETS_MS,
  RISK_RATIO_BUCKETS,
} from "../../lib/stats/histogram.ts";
import { parse_buckets, sample_value } from "./_exposition.ts";

Deno.test("create_metrics exposes both histograms with the original names, help and buckets", async () => {
  const m = create_metrics();
  const text = await metrics_text(m.registry);
  assertStringIncludes(text, `# HELP mm_latency_ms ${LATENCY_HELP}`);
  assertStringIncludes(text, "# TYPE mm_latency_ms histogram");
  assertStringIncludes(text, `# HELP mm_risk_ratio ${RISK_RATIO_HELP}`);
  assertStringIncludes(text, "# TYPE mm_risk_ratio histogram");
  assertEquals(parse_buckets(text, "mm_latency_ms").map((b) => b.le), [
    ...LATENCY_BUCKETS_MS,
    Infinity,
  ]);
  assertEquals(parse_buckets(text, "mm_risk_ratio").map((b) => b.le), [
    ...RISK_RATIO_BUCKETS,
    Infinity,
  ]);
});

Deno.test("risk ratios above 1.0 land in +Inf; negative and non-finite samples are ignored", async () => {
  const m = create_metrics();
  assertEquals(m.observe_risk_ratio(1.7), true);
  assertEquals(m.observe_risk_ratio(0.25), true);
  assertEquals(m.observe_risk_ratio(-0.1), false);
  assertEquals(m.observe_risk_ratio(NaN), false);
  assertEquals(m.observe_latency_ms(-1), false);
  assertEquals(m.observe_latency_ms(Infinity), false);
  const text = await metrics_text(m.registry);
  const risk = parse_buckets(text, "mm_risk_ratio");
  assertEquals(risk.find((b) => b.le === 1)!.count, 1);
  assertEquals(risk.at(-1)!.count, 2);
  assertAlmostEquals(sample_value(text, "mm_risk_ratio_sum")!, 1.95, 1e-12);
  assertEquals(sample_value(text, "mm_latency_ms_count"), 0);
});

Deno.test("each create_metrics is independent and never touches the default registry", async () => {
  const before = await client.register.metrics();
  const a = create_metrics();
  const b = create_metrics();
  a.observe_latency_ms(42);
  assertEquals(sample_value(await metrics_text(a.registry), "mm_latency_ms_count"), 1);
  assertEquals(sample_value(await metrics_text(b.registry), "mm_latency_ms_count"), 0);
  assertEquals(await client.register.metrics(), before);
  assert(!before.includes("mm_latency_ms"));
});

Deno.test("bucket counts equal lib/stats FixedHistogram on random samples (differential)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { maxLength: 60 }),
      fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { maxLength: 60 }),
      async (lat, risk) => {
        const m = create_metrics();
        const hl = new FixedHistogram(LATENCY_BUCKETS_MS);
        const hr = new FixedHistogram(RISK_RATIO_BUCKETS);
        for (const v of lat) (m.observe_latency_ms(v), hl.observe(v));
        for (const v of risk) (m.observe_risk_ratio(v), hr.observe(v));
        const text = await metrics_text(m.registry);
        assertEquals(parse_buckets(text, "mm_latency_ms"), hl.cumulative());
        assertEquals(parse_buckets(text, "mm_risk_ratio"), hr.cumulative());
      },
    ),
    { numRuns: 60 },
  );
});
