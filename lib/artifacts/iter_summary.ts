/**
 * ITER_SUMMARY_n.json (SPEC §1.7, §1.13): the KPI summary and the tuning decision of one
 * iteration. The schema accepts the original tools' files and mmsoak's superset.
 * @module
 */
import { z } from "zod";
import { deltas, num, opt_num, schema_version } from "./common.ts";
import { SKIP_FLAGS, type SkipFlag } from "./skip_flags.ts";

/** The skip object of the apply step: which guard (if any) stopped the apply, and why. */
export const SkipReason = z.looseObject({
  ...Object.fromEntries(SKIP_FLAGS.map((f) => [f, z.boolean().optional()])) as Record<
    SkipFlag,
    z.ZodOptional<z.ZodBoolean>
  >,
  note: z.string().optional(),
  // mmsoak: `reason` names the guard that stopped the apply, `dropped` the keys each guard
  // removed from the proposal.
  reason: z.string().optional(),
  dropped: z.record(z.string(), z.string()).optional(),
});

/** `tuning.skip_reason`: "" when applied, a skip object, a plain string, or null. */
export const SkipReasonField = z.union([z.string(), SkipReason, z.null()]);

/** Fill counts and volumes by liquidity side. */
export const Fills = z.looseObject({
  maker_count: opt_num,
  taker_count: opt_num,
  maker_volume: opt_num,
  taker_volume: opt_num,
});

/** The per-iteration KPI summary (`summary`). */
export const IterKpis = z.looseObject({
  runtime_utc: z.string().nullable().optional(),
  version: z.string().nullable().optional(),
  net_bps: opt_num,
  gross_bps: opt_num,
  fees_eff_bps: opt_num,
  slippage_bps: opt_num,
  adverse_bps: opt_num,
  inventory_bps: opt_num,
  adverse_bps_p95: opt_num,
  slippage_bps_p95: opt_num,
  order_age_p95_ms: opt_num,
  p95_latency_ms: opt_num,
  risk_ratio: opt_num,
  min_interval_ratio: opt_num,
  concurrency_ratio: opt_num,
  maker_taker_ratio: opt_num,
  maker_taker_source: z.string().nullable().optional(),
  fills: z.union([Fills, num, z.null()]).optional(),
  neg_edge_drivers: z.array(z.string()).optional(),
  kpi_verdict: z.string().nullable().optional(),
  kpi_reasons: z.array(z.string()).optional(),
  sentinel_advice: z.array(z.unknown()).optional(),
  blocks: z.looseObject({
    counts: z.record(z.string(), z.number()).optional(),
    total: z.number().optional(),
    ratios: z.record(z.string(), z.number()).optional(),
  }).optional(),
});

/** The tuning decision of one iteration (`tuning`). */
export const IterTuning = z.looseObject({
  applied: z.boolean(),
  changed_keys: z.array(z.string()).optional(),
  conditions: z.record(z.string(), z.unknown()).optional(),
  deltas: deltas.optional(),
  proposed_deltas: deltas.optional(),
  rationale: z.string().optional(),
  skip_reason: SkipReasonField.optional(),
  state_hash: z.string().nullable().optional(),
  old_hash: z.string().nullable().optional(),
  signature: z.string().nullable().optional(),
  freeze_triggered: z.boolean().optional(),
  oscillation_detected: z.boolean().optional(),
  velocity_violation: z.boolean().optional(),
  cooldown_active: z.boolean().optional(),
  // mmsoak additions.
  suggested_deltas: deltas.optional(),
  applied_deltas: deltas.optional(),
  partial_skip: SkipReason.nullable().optional(),
  freeze_active: z.boolean().optional(),
  frozen_until_iter: z.number().int().nullable().optional(),
  late_iteration: z.boolean().optional(),
  panic_revert: z.boolean().optional(),
  bounds_violation: z.boolean().optional(),
});

/** ITER_SUMMARY_n.json. */
export const IterSummary = z.looseObject({
  schema_version,
  iteration: z.number().int().nonnegative(),
  /** mmsoak: tuned values in effect during the iteration, and after warm-up adjustments. */
  runtime_overrides: deltas.optional(),
  effective_overrides: deltas.optional(),
  summary: IterKpis,
  tuning: IterTuning,
});

/** A parsed ITER_SUMMARY. */
export type IterSummary = z.output<typeof IterSummary>;
