/**
 * The prom-client registry shared by the smoke and soak commands: `mm_latency_ms` and
 * `mm_risk_ratio` histograms (SPEC §5.5) on a fresh {@linkcode client.Registry} per run, never the
 * process-wide default registry, so that runs and tests never see each other's samples.
 * @module
 */
import client from "prom-client";
import { LATENCY_BUCKETS_MS, RISK_RATIO_BUCKETS } from "../stats/histogram.ts";

/** Name of the latency histogram. */
export const LATENCY_METRIC = "mm_latency_ms";
/** Name of the risk-ratio histogram. */
export const RISK_RATIO_METRIC = "mm_risk_ratio";
/** Help text of the latency histogram (as the original, SPEC §5.5). */
export const LATENCY_HELP = "Latency per operation (milliseconds)";
/** Help text of the risk-ratio histogram (as the original, SPEC §5.5). */
export const RISK_RATIO_HELP = "Risk ratio snapshot (0.0-1.0)";

/** A run's metrics: its own registry plus the two histograms registered on it. */
export interface MmMetrics {
  /** The registry to serve or write; other metrics may be registered on it too. */
  readonly registry: client.Registry;
  /** `mm_latency_ms`. */
  readonly latency_ms: client.Histogram<string>;
  /** `mm_risk_ratio`. */
  readonly risk_ratio: client.Histogram<string>;
  /** Observe a latency; negative or non-finite values are ignored (returns false). */
  observe_latency_ms(v: number): boolean;
  /**
   * Observe a risk ratio; negative or non-finite values are ignored (returns false). Ratios above
   * 1.0 are kept: they land in the +Inf bucket, because dropping them would bias the p95 low
   * exactly when limits are exceeded (SPEC §10.4 item 42).
   */
  observe_risk_ratio(v: number): boolean;
}

/** Create a fresh registry holding `mm_latency_ms` and `mm_risk_ratio`. */
export function create_metrics(): MmMetrics {
  const registry = new client.Registry();
  const latency_ms = new client.Histogram({
    name: LATENCY_METRIC,
    help: LATENCY_HELP,
    buckets: [...LATENCY_BUCKETS_MS],
    registers: [registry],
  });
  const risk_ratio = new client.Histogram({
    name: RISK_RATIO_METRIC,
    help: RISK_RATIO_HELP,
    buckets: [...RISK_RATIO_BUCKETS],
    registers: [registry],
  });
  const observer = (h: client.Histogram<string>) => (v: number): boolean => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return false;
    h.observe(v);
    return true;
  };
  return {
    registry,
    latency_ms,
    risk_ratio,
    observe_latency_ms: observer(latency_ms),
    observe_risk_ratio: observer(risk_ratio),
  };
}

/** The Prometheus text exposition of `registry`. */
export function metrics_text(registry: client.Registry): Promise<string> {
  return registry.metrics();
}

/** The content type to serve the text exposition with. */
export function metrics_content_type(registry: client.Registry): string {
  return registry.contentType;
}
