import fc from "fast-check";
import { assert, assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import {
  FixedHistogram,
  histogram_quantile,
  LATENCY_BUCKETS_MS,
  RISK_RATIO_BUCKETS,
} from "../../lib/stats/histogram.ts";
import { percentile } from "../../lib/stats/percentile.ts";

Deno.test("histogram: bucket lists are exactly the original's (SPEC §5.5)", () => {
  assertEquals([...LATENCY_BUCKETS_MS], [5, 10, 20, 50, 100, 150, 200, 250, 300, 400, 600, 1000]);
  assertEquals([...RISK_RATIO_BUCKETS], [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0]);
});

Deno.test("histogram: cumulative le buckets, +Inf, sum and count as Prometheus", () => {
  const h = new FixedHistogram([1, 2, 5]);
  for (const v of [0.5, 1, 1.5, 2, 7, 100]) h.observe(v);
  assertEquals(h.cumulative(), [
    { le: 1, count: 2 }, // le is inclusive: 1 falls in le="1"
    { le: 2, count: 4 },
    { le: 5, count: 4 },
    { le: Infinity, count: 6 },
  ]);
  assertEquals(h.count, 6);
  assertEquals(h.sum, 112);
});

Deno.test("histogram: risk ratios above 1.0 are kept in +Inf, not dropped (SPEC §10 item 42)", () => {
  const h = new FixedHistogram(RISK_RATIO_BUCKETS);
  h.observe(1.7);
  h.observe(0.2);
  assertEquals(h.count, 2);
  assertEquals(h.cumulative().at(-1), { le: Infinity, count: 2 });
});

Deno.test("histogram_quantile: interpolates like PromQL", () => {
  // 10 samples in (0,1], 10 in (1,2]: the median is the top of the first bucket
  const b = [{ le: 1, count: 10 }, { le: 2, count: 20 }, { le: Infinity, count: 20 }];
  assertAlmostEquals(histogram_quantile(0.5, b), 1);
  assertAlmostEquals(histogram_quantile(0.75, b), 1.5);
  assertAlmostEquals(histogram_quantile(0.25, b), 0.5);
  // the +Inf bucket answers with the highest finite bound
  assertEquals(histogram_quantile(0.99, [{ le: 1, count: 1 }, { le: Infinity, count: 10 }]), 1);
  assert(Number.isNaN(histogram_quantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])));
  assertEquals(histogram_quantile(-0.1, b), -Infinity);
  assertEquals(histogram_quantile(1.1, b), Infinity);
});

Deno.test("histogram: the quantile estimate lies in the bucket holding the exact percentile", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1200, noNaN: true }), { minLength: 1, maxLength: 400 }),
      fc.constantFrom(0.5, 0.9, 0.95, 0.99),
      (xs, q) => {
        const h = new FixedHistogram(LATENCY_BUCKETS_MS);
        xs.forEach((x) => h.observe(x));
        const exact = percentile(xs, q);
        const est = h.quantile(q);
        const bounds = [0, ...LATENCY_BUCKETS_MS];
        const i = bounds.findIndex((b, k) => k > 0 && exact <= b);
        if (i < 0) return est === LATENCY_BUCKETS_MS.at(-1); // exact beyond the last bound
        return est >= bounds[i - 1]! - 1e-9 && est <= bounds[i]! + 1e-9;
      },
    ),
    { numRuns: 300 },
  );
});
