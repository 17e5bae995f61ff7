/**
 * The guard state the tuner carries from one iteration to the next. It is stored in
 * TUNING_STATE.json, so `--resume` restores every guard exactly.
 * @module
 */
import { PARAMS } from "./registry.ts";
import type { ParamValues } from "./apply.ts";

/** TUNING_REPORT.summary counters: one per guard, plus totals. */
export interface GuardCounters {
  count: number;
  applied: number;
  blocked_freeze: number;
  blocked_oscillation: number;
  blocked_velocity: number;
  blocked_micro_steps: number;
  cooldown_skips: number;
  late_iteration_skips: number;
  idempotent_skips: number;
  no_op_skips: number;
  no_deltas_skips: number;
  bounds_rejections: number;
  panic_reverts: number;
  freeze_events: number;
  partial_applies: number;
}

/** One applied change, kept for the velocity window. */
export interface VelocityEntry {
  iteration: number;
  /** Market time (epoch ms) at the end of the iteration that applied it. */
  t_ms: number;
  deltas: Record<string, number>;
}

/** Everything the guards remember. */
export interface GuardState {
  /** Signature of the last applied deltas and the state hash they were applied to. */
  last_applied_signature: string | null;
  last_applied_old_hash: string | null;
  frozen_until_iter: number | null;
  freeze_reason: string | null;
  cooldown_until_iter: number | null;
  /** Consecutive stable iterations (freeze entry) and consecutive FAIL verdicts (panic). */
  stable_streak: number;
  fail_streak: number;
  /** Per parameter, its last distinct applied values (most recent last, at most 3). */
  trails: Record<string, number[]>;
  velocity_log: VelocityEntry[];
  /** Per parameter, the last iteration whose apply changed it (the micro-steps guard). */
  last_changed: Record<string, number>;
  counters: GuardCounters;
}

/** Zeroed counters. */
export function zero_counters(): GuardCounters {
  return {
    count: 0,
    applied: 0,
    blocked_freeze: 0,
    blocked_oscillation: 0,
    blocked_velocity: 0,
    blocked_micro_steps: 0,
    cooldown_skips: 0,
    late_iteration_skips: 0,
    idempotent_skips: 0,
    no_op_skips: 0,
    no_deltas_skips: 0,
    bounds_rejections: 0,
    panic_reverts: 0,
    freeze_events: 0,
    partial_applies: 0,
  };
}

/** Value trails that start at `values`. */
export function initial_trails(values: Readonly<ParamValues>): Record<string, number[]> {
  return Object.fromEntries(PARAMS.map((p) => [p.name, [values[p.name]!]]));
}

/** The state before iteration 1. */
export function initial_guard_state(values: Readonly<ParamValues>): GuardState {
  return {
    last_applied_signature: null,
    last_applied_old_hash: null,
    frozen_until_iter: null,
    freeze_reason: null,
    cooldown_until_iter: null,
    stable_streak: 0,
    fail_streak: 0,
    trails: initial_trails(values),
    velocity_log: [],
    last_changed: {},
    counters: zero_counters(),
  };
}

/** Append `v` to a trail of distinct values (length ≤ 3). */
export function push_trail(trail: readonly number[], v: number): number[] {
  if (trail.length && trail[trail.length - 1] === v) return [...trail];
  return [...trail, v].slice(-3);
}
