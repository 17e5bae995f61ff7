/**
 * Latency collector (SPEC §5.4): keeps every sample of a bounded smoke run for exact
 * nearest-rank percentiles, and feeds the `mm_latency_ms` histogram when metrics are on.
 * @module
 */
import type { MmMetrics } from "../metrics/registry.ts";
import { p50_p95_p99 } from "../stats/percentile.ts";

/** Per-request latencies in milliseconds. */
export class LatencyCollector {
  #samples: number[] = [];
  #metrics: MmMetrics | undefined;

  constructor(metrics?: MmMetrics) {
    this.#metrics = metrics;
  }

  /** Record one latency; negative, non-finite and non-numeric values are ignored. */
  record_ms(v: unknown): void {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return;
    this.#samples.push(v);
    this.#metrics?.observe_latency_ms(v);
  }

  /** Number of samples. */
  count(): number {
    return this.#samples.length;
  }

  /** Nearest-rank p50, p95, p99 (0 when empty). */
  percentiles(): { p50: number; p95: number; p99: number } {
    return p50_p95_p99(this.#samples);
  }

  /** Nearest-rank p95 (0 when empty). */
  p95(): number {
    return this.percentiles().p95;
  }
}
