/**
 * The individual guards (DESIGN §3, seed 003) as small pure checks; {@linkcode decide} in
 * decide.ts runs them in order and records the outcome.
 * @module
 */
import { FREEZE_ENTRY } from "../analysis/thresholds.ts";
import {
  COOLDOWN,
  EQUAL_TOLERANCE,
  MICRO_STEPS,
  param_range,
  velocity_limit,
  VELOCITY_WINDOW_MS,
} from "./limits.ts";
import { param_spec } from "./registry.ts";
import type { VelocityEntry } from "./state.ts";

/** Guard names, in the order they are checked; also the `skip_reason.reason` strings. */
export const GUARD_NAMES = [
  "panic_revert",
  "bounds",
  "no_deltas",
  "late_iteration",
  "cooldown",
  "freeze",
  "oscillation",
  "velocity",
  "micro_steps",
  "no_op",
  "idempotent",
] as const;

/** One guard's name. */
export type GuardName = typeof GUARD_NAMES[number] | "disabled";

/** True when an iteration counts as stable for the freeze entry (risk ≤ 0.35, net ≥ 2.7). */
export function is_stable(
  risk: number | null | undefined,
  net: number | null | undefined,
): boolean {
  return (risk ?? 1) <= FREEZE_ENTRY.max_risk_ratio && (net ?? 0) >= FREEZE_ENTRY.min_net_bps;
}

/** True when iteration `n` is inside an active window ending at `until` (inclusive). */
export function window_active(until: number | null, n: number): boolean {
  return until !== null && n <= until;
}

/**
 * Oscillation: moving a parameter to `candidate` would return it to the value it had before its
 * last change (A→B→A over the applied states).
 */
export function oscillates(trail: readonly number[], candidate: number): boolean {
  if (trail.length < 2) return false;
  const a = trail[trail.length - 2]!;
  const b = trail[trail.length - 1]!;
  const tol = EQUAL_TOLERANCE;
  return Math.abs(candidate - a) <= tol && Math.abs(b - a) > tol;
}

/** Movement of `name` already applied within the velocity window ending at `t_ms`. */
export function recent_movement(log: readonly VelocityEntry[], name: string, t_ms: number): number {
  let sum = 0;
  for (const e of log) {
    if (e.t_ms > t_ms - VELOCITY_WINDOW_MS) sum += Math.abs(e.deltas[name] ?? 0);
  }
  return sum;
}

/** True when moving `name` by `change` now would exceed its velocity limit. */
export function exceeds_velocity(
  log: readonly VelocityEntry[],
  name: string,
  change: number,
  t_ms: number,
): boolean {
  const spec = param_spec(name);
  if (!spec) return false;
  const limit = velocity_limit(spec);
  return recent_movement(log, name, t_ms) + Math.abs(change) > limit + 1e-9 * Math.max(1, limit);
}

/** Entries still inside the velocity window at `t_ms` (older ones can never matter again). */
export function prune_velocity_log(log: readonly VelocityEntry[], t_ms: number): VelocityEntry[] {
  return log.filter((e) => e.t_ms > t_ms - VELOCITY_WINDOW_MS);
}

/** Size of an applied change: Σ|Δk| / range_k. */
export function change_magnitude(applied: Readonly<Record<string, number>>): number {
  let m = 0;
  for (const [k, d] of Object.entries(applied)) {
    const spec = param_spec(k);
    if (spec) m += Math.abs(d) / param_range(spec);
  }
  return m;
}

/** True when an applied change is large enough to start a cooldown. */
export function triggers_cooldown(applied: Readonly<Record<string, number>>): boolean {
  return change_magnitude(applied) > COOLDOWN.threshold;
}

/**
 * Keys the warm-up micro-steps guard drops from `deltas` at iteration `n` (SPEC §1.11, its intent
 * rather than its bugs): every key changed in iteration n − 1 (`last_changed`), then all but the
 * {@linkcode MICRO_STEPS}.max_keys largest steps, measured as |Δ| / range so that units compare (the
 * original ranked raw deltas, so tail_age_ms +30 always beat a spread step of +0.02); ties go to
 * the key name. The original also ran after the apply and only rewrote TUNING_REPORT; here it
 * decides what is applied.
 */
export function micro_step_drops(
  deltas: Readonly<Record<string, number>>,
  last_changed: Readonly<Record<string, number>>,
  n: number,
): string[] {
  const keys = Object.keys(deltas);
  const recent = keys.filter((k) => last_changed[k] === n - 1);
  const size = (k: string) => Math.abs(deltas[k]!) / param_range(param_spec(k)!);
  const rest = keys.filter((k) => !recent.includes(k))
    .sort((a, b) => size(b) - size(a) || (a < b ? -1 : a > b ? 1 : 0));
  return [...recent, ...rest.slice(MICRO_STEPS.max_keys)];
}
