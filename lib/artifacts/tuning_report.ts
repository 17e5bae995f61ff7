/**
 * TUNING_REPORT.json (SPEC §1.13): one entry per iteration plus counters. The original also
 * wrote a bare list of entries; both shapes are accepted.
 * @module
 */
import { z } from "zod";
import { deltas, opt_num, schema_version } from "./common.ts";
import { SkipReason, SkipReasonField } from "./iter_summary.ts";

/** One iteration's entry. */
export const TuningEntry = z.looseObject({
  iteration: z.number().int().nonnegative(),
  runtime_utc: z.string().nullable().optional(),
  net_bps: opt_num,
  kpi_verdict: z.string().nullable().optional(),
  neg_edge_drivers: z.array(z.string()).optional(),
  proposed_deltas: deltas.optional(),
  suggested_deltas: deltas.optional(),
  rationale: z.string().optional(),
  applied: z.boolean(),
  signature: z.string().nullable().optional(),
  state_hash: z.string().nullable().optional(),
  skip_reason: SkipReasonField.optional(),
  changed_keys: z.array(z.string()).optional(),
  oscillation_detected: z.boolean().optional(),
  velocity_violation: z.boolean().optional(),
  cooldown_active: z.boolean().optional(),
  freeze_triggered: z.boolean().optional(),
  // mmsoak additions.
  verdict: z.string().optional(),
  applied_deltas: deltas.optional(),
  partial_skip: SkipReason.nullable().optional(),
  freeze_active: z.boolean().optional(),
  late_iteration: z.boolean().optional(),
  panic_revert: z.boolean().optional(),
});

const counter = z.number().int().nonnegative().optional();

/** The object form. */
export const TuningReportObject = z.looseObject({
  schema_version,
  iterations: z.array(TuningEntry),
  summary: z.looseObject({
    count: z.number().int().nonnegative(),
    applied: z.number().int().nonnegative(),
    blocked_oscillation: counter,
    blocked_velocity: counter,
    blocked_micro_steps: counter,
    cooldown_skips: counter,
    // mmsoak: one counter per guard.
    blocked_freeze: counter,
    late_iteration_skips: counter,
    idempotent_skips: counter,
    no_op_skips: counter,
    no_deltas_skips: counter,
    bounds_rejections: counter,
    panic_reverts: counter,
    freeze_events: counter,
    partial_applies: counter,
  }).optional(),
});

/** TUNING_REPORT.json in either shape, normalised to the object form. */
export const TuningReport = z.union([
  TuningReportObject,
  z.array(TuningEntry).transform((iterations) => ({ iterations })),
]);

/** A parsed TUNING_REPORT (object form). */
export type TuningReport = z.output<typeof TuningReportObject>;
/** One entry of a TUNING_REPORT. */
export type TuningEntry = z.output<typeof TuningEntry>;
