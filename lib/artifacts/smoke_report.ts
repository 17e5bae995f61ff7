/**
 * TESTNET_SMOKE_REPORT.json (SPEC §5.1, §5.8): the smoke command's report.
 * @module
 */
import { z } from "zod";
import { opt_num, schema_version } from "./common.ts";

/** The `summary` block; the validator requires status, passed and failed. */
export const SmokeSummary = z.looseObject({
  status: z.string(),
  passed: z.number(),
  failed: z.number(),
  warnings: z.number().optional(),
  maker_fill_rate: opt_num,
  risk_ratio_p95: opt_num,
  latency_p95_ms: opt_num,
});

/** TESTNET_SMOKE_REPORT.json. */
export const SmokeReport = z.looseObject({
  schema_version,
  timestamp_ms: z.number(),
  params: z.record(z.string(), z.unknown()),
  summary: SmokeSummary,
  execution: z.record(z.string(), z.unknown()).optional(),
  orders: z.record(z.string(), z.number()).optional(),
  positions: z.record(z.string(), z.unknown()).optional(),
  risk: z.record(z.string(), z.unknown()).optional(),
  state: z.record(z.string(), z.unknown()).optional(),
  runtime: z.record(z.string(), z.unknown()).optional(),
  recon: z.looseObject({ divergence_count: z.number().int().nonnegative() }).optional(),
  /** mmsoak: nearest-rank latency percentiles of every timed request. */
  latency: z.looseObject({
    samples: z.number().int().nonnegative(),
    p50_ms: z.number(),
    p95_ms: z.number(),
    p99_ms: z.number(),
  }).optional(),
  /**
   * mmsoak: what the freeze read (`measured` net edge of our fills, the original's `ramp`, or a
   * `custom` library hook) and the measured edge per symbol in bps (null before enough fills).
   */
  edge: z.looseObject({
    source: z.enum(["measured", "ramp", "custom"]),
    threshold_bps: z.number(),
    by_symbol: z.record(z.string(), z.number().nullable()),
  }).optional(),
  /** mmsoak: rate limiter, circuit breaker and retry counters (null on the simulator). */
  resilience: z.looseObject({
    requests: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
    breaker_trips: z.number().int().nonnegative(),
    breaker_recoveries: z.number().int().nonnegative(),
  }).nullable().optional(),
});

/** A parsed smoke report. */
export type SmokeReport = z.output<typeof SmokeReport>;
