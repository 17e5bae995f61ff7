/**
 * Soak metrics: the shared `mm_latency_ms` / `mm_risk_ratio` histograms (lib/metrics) plus soak
 * gauges, on one prom-client registry. The histogram state is snapshotted into TUNING_STATE.json
 * every iteration and restored on `--resume`, so metrics.prom is identical to an uninterrupted run.
 * @module
 */
import client from "prom-client";
import { create_metrics, type MmMetrics } from "../metrics/registry.ts";
import { PARAMS } from "../tuning/registry.ts";
import type { GuardCounters } from "../tuning/state.ts";

/** Serialisable state of one histogram (per-bucket counts, not cumulative). */
export interface HistogramSnapshot {
  buckets: Record<string, number>;
  sum: number;
  count: number;
}

/** The soak's metrics. */
export interface SoakMetrics extends MmMetrics {
  iterations: client.Gauge<string>;
  guard_events: client.Gauge<string>;
  freeze_active: client.Gauge<string>;
  last_kpi: client.Gauge<string>;
  param: client.Gauge<string>;
}

/** Create the registry with histograms and soak gauges. */
export function create_soak_metrics(): SoakMetrics {
  const m = create_metrics();
  const reg = [m.registry];
  return {
    ...m,
    iterations: new client.Gauge({
      name: "mm_soak_iterations",
      help: "Soak iterations completed",
      registers: reg,
    }),
    guard_events: new client.Gauge({
      name: "mm_soak_tuning_events",
      help: "TUNING_REPORT summary counters (applies and guard skips) by event",
      labelNames: ["event"],
      registers: reg,
    }),
    freeze_active: new client.Gauge({
      name: "mm_soak_freeze_active",
      help: "1 while the freeze guard locks impact_cap_ratio and max_delta_ratio",
      registers: reg,
    }),
    last_kpi: new client.Gauge({
      name: "mm_soak_last_kpi",
      help:
        "KPIs of the last completed iteration (net_bps, risk_ratio, p95_latency_ms, maker_taker_ratio)",
      labelNames: ["kpi"],
      registers: reg,
    }),
    param: new client.Gauge({
      name: "mm_soak_param",
      help: "Tuned parameter values for the next iteration",
      labelNames: ["name"],
      registers: reg,
    }),
  };
}

/** Set the gauges from the run state after an iteration. */
export function set_soak_gauges(
  m: SoakMetrics,
  s: {
    iterations: number;
    counters: GuardCounters;
    freeze_active: boolean;
    kpis: Record<string, number | null | undefined>;
    params: Record<string, number>;
  },
): void {
  m.iterations.set(s.iterations);
  // Sorted label order: the exposition lists labels in first-set order, which must not depend
  // on whether the counters came from memory or from a resumed TUNING_STATE.json.
  const counters = s.counters as unknown as Record<string, number>;
  for (const k of Object.keys(counters).sort()) m.guard_events.set({ event: k }, counters[k]!);
  m.freeze_active.set(s.freeze_active ? 1 : 0);
  for (const k of Object.keys(s.kpis).sort()) {
    const v = s.kpis[k];
    m.last_kpi.set({ kpi: k }, typeof v === "number" && Number.isFinite(v) ? v : NaN);
  }
  for (const p of PARAMS) m.param.set({ name: p.name }, s.params[p.name]!);
}

type HistInternals = {
  hashMap: Record<string, { bucketValues: Record<string, number>; sum: number; count: number }>;
};

function internals(h: client.Histogram<string>): HistInternals["hashMap"][string] {
  const entry = (h as unknown as HistInternals).hashMap?.[""];
  if (!entry || typeof entry.sum !== "number" || typeof entry.bucketValues !== "object") {
    throw new Error("Unexpected prom-client histogram layout (cannot snapshot/restore)");
  }
  return entry;
}

/** Snapshot a label-less histogram. */
export function snapshot_histogram(h: client.Histogram<string>): HistogramSnapshot {
  const e = internals(h);
  return { buckets: { ...e.bucketValues }, sum: e.sum, count: e.count };
}

/** Restore a snapshot into a fresh label-less histogram with the same buckets. */
export function restore_histogram(h: client.Histogram<string>, s: HistogramSnapshot): void {
  const e = internals(h);
  const keys = Object.keys(e.bucketValues).sort();
  const given = Object.keys(s.buckets).sort();
  if (keys.join() !== given.join()) throw new Error("Histogram snapshot has other buckets");
  e.bucketValues = { ...s.buckets };
  e.sum = s.sum;
  e.count = s.count;
}
