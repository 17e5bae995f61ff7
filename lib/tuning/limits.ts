/**
 * Guard limits, next to the parameter registry: per-parameter velocity (largest movement per hour
 * of market time), the parameters the freeze guard locks, and the cooldown, oscillation and panic
 * settings (DESIGN §3, seed 003). Every registry parameter has a velocity limit; a test checks it.
 * @module
 */
import { PARAMS, type ParamSpec } from "./registry.ts";

/**
 * Largest total movement (Σ|Δ|) of each parameter within one hour of market time. Seed 003 names
 * min_interval_ms ±30 and impact_cap_ratio ±0.04 (half their range per hour); parameters that rules
 * move both ways get a similar share. concurrency_limit and replace_rate_per_min are only ever cut
 * by the rules (latency buffer ×0.90/×0.85, maker boost ×0.85) — nothing moves them back but a panic
 * revert — so they get a slower rate (about a tenth and a fifth of their range per hour): on the
 * stressed sim a half-range rate ratcheted concurrency to 1-2 within the run and cost 1-2 bps of
 * net edge for the latency it bought.
 */
export const VELOCITY_PER_HOUR: Readonly<Record<string, number>> = {
  base_spread_bps: 0.1,
  base_spread_bps_delta: 0.1,
  min_interval_ms: 30,
  replace_rate_per_min: 45,
  concurrency_limit: 2,
  tail_age_ms: 200,
  impact_cap_ratio: 0.04,
  max_delta_ratio: 0.04,
};

/** Length of the velocity window in market milliseconds. */
export const VELOCITY_WINDOW_MS = 3_600_000;

/** Parameters locked while the freeze guard is active (seed 003, SPEC §1.9). */
export const FROZEN_PARAMS: readonly string[] = ["impact_cap_ratio", "max_delta_ratio"];

/**
 * Cooldown after a large apply: when Σ|Δk| / (max_k − min_k) over the applied keys exceeds
 * `threshold`, the next `iterations` iterations do not apply.
 */
export const COOLDOWN = { threshold: 0.5, iterations: 2 } as const;

/**
 * The warm-up micro-steps guard (SPEC §1.11): during the WARMUP and RAMPDOWN phases of a --warmup
 * run at most `max_keys` parameters move per iteration, and none that moved in the iteration before.
 */
export const MICRO_STEPS = { max_keys: 2 } as const;

/** Consecutive FAIL verdicts that trigger the panic revert to the steady_safe profile. */
export const PANIC = { consecutive_fail: 3, profile: "steady_safe" } as const;

/** Values closer than this share of a parameter's range count as equal (oscillation, no-op). */
export const EQUAL_TOLERANCE = 1e-9;

/** The velocity limit of `spec` (every registry parameter has one). */
export function velocity_limit(spec: ParamSpec): number {
  const v = VELOCITY_PER_HOUR[spec.name];
  if (v === undefined) throw new Error(`No velocity limit for parameter ${spec.name}`);
  return v;
}

/** Range of a parameter (max − min), the unit of the cooldown magnitude. */
export function param_range(spec: ParamSpec): number {
  return spec.max - spec.min;
}

/** Names of registry parameters without a velocity limit (must be empty). */
export function params_without_limits(): string[] {
  return PARAMS.filter((p) => VELOCITY_PER_HOUR[p.name] === undefined).map((p) => p.name);
}
