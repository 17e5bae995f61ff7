/** p95 of 10^6 samples: the nearest-rank percentile and the streaming sketch. */
import { percentile } from "../../lib/stats/percentile.ts";
import { QuantileSketch } from "../../lib/stats/sketch.ts";

const N = 1_000_000;
const samples = new Float64Array(N);
let x = 12345;
for (let i = 0; i < N; i++) {
  x = (x * 48271) % 2147483647;
  samples[i] = (x / 2147483647) * 400;
}

Deno.bench("p95 of 10^6 samples (nearest rank, selection)", { group: "p95" }, () => {
  percentile(samples, 0.95);
});

Deno.bench("p95 of 10^6 samples (streaming sketch: add all + query)", { group: "p95" }, () => {
  const s = new QuantileSketch();
  for (let i = 0; i < N; i++) s.add(samples[i]!);
  s.quantile(0.95);
});
