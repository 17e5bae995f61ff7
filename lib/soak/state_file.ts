/**
 * TUNING_STATE.json, the commit record of a soak: written last in every iteration, it names the
 * last complete iteration and holds everything needed to continue exactly — the tuned values,
 * the guard state, the engine's carry and the histogram state.
 * @module
 */
import { z } from "zod";
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import { validate } from "../artifacts/read.ts";
import { PARAMS } from "../tuning/registry.ts";
import type { GuardState } from "../tuning/state.ts";
import type { ParamValues } from "../tuning/apply.ts";
import type { HistogramSnapshot } from "./metrics.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");
const int_or_null = z.number().int().nullable();
const Hist = z.object({ buckets: z.record(z.string(), finite), sum: finite, count: finite });
const Counters = z.record(z.string(), z.number().int().nonnegative());

/** The schema of mmsoak's TUNING_STATE.json (strict on what resume relies on). */
export const SoakStateSchema = z.looseObject({
  schema_version: z.string(),
  iteration: z.number().int().nonnegative(),
  total_iterations: z.number().int().positive(),
  config_hash: z.string().regex(/^[0-9a-f]{64}$/),
  runtime_hash: z.string().regex(/^[0-9a-f]{64}$/),
  overrides: z.object(Object.fromEntries(PARAMS.map((p) => [p.name, finite]))),
  last_applied_signature: z.string().nullable(),
  last_applied_old_hash: z.string().nullable(),
  frozen_until_iter: int_or_null,
  freeze_reason: z.string().nullable(),
  cooldown_until_iter: int_or_null,
  stable_streak: z.number().int().nonnegative(),
  fail_streak: z.number().int().nonnegative(),
  trails: z.record(z.string(), z.array(finite)),
  velocity_log: z.array(z.object({
    iteration: z.number().int(),
    t_ms: finite,
    deltas: z.record(z.string(), finite),
  })),
  // Absent in state files written before the micro-steps guard: nothing changed recently then.
  last_changed: z.record(z.string(), z.number().int()).default({}),
  counters: Counters,
  carry: z.unknown(),
  metrics: z.object({ latency: Hist, risk: Hist }),
});

/** A parsed soak state. */
export interface SoakState {
  iteration: number;
  total_iterations: number;
  config_hash: string;
  runtime_hash: string;
  overrides: ParamValues;
  guard: GuardState;
  carry: unknown;
  metrics: { latency: HistogramSnapshot; risk: HistogramSnapshot };
}

/** The TUNING_STATE.json document (guard fields at top level, as the original's keys). */
export function state_document(s: SoakState): Record<string, unknown> {
  return {
    schema_version: SCHEMA_VERSION,
    iteration: s.iteration,
    total_iterations: s.total_iterations,
    config_hash: s.config_hash,
    runtime_hash: s.runtime_hash,
    overrides: s.overrides,
    ...s.guard,
    carry: s.carry ?? null,
    metrics: s.metrics,
  };
}

/** Parse and validate a TUNING_STATE document; problems are InputErrors naming `file`. */
export function parse_state(data: unknown, file: string): SoakState {
  const d = validate(SoakStateSchema, data, file);
  return {
    iteration: d.iteration,
    total_iterations: d.total_iterations,
    config_hash: d.config_hash,
    runtime_hash: d.runtime_hash,
    overrides: d.overrides as ParamValues,
    guard: {
      last_applied_signature: d.last_applied_signature,
      last_applied_old_hash: d.last_applied_old_hash,
      frozen_until_iter: d.frozen_until_iter,
      freeze_reason: d.freeze_reason,
      cooldown_until_iter: d.cooldown_until_iter,
      stable_streak: d.stable_streak,
      fail_streak: d.fail_streak,
      trails: d.trails,
      velocity_log: d.velocity_log,
      last_changed: d.last_changed,
      counters: d.counters as unknown as GuardState["counters"],
    },
    carry: d.carry === null ? undefined : d.carry,
    metrics: d.metrics,
  };
}
