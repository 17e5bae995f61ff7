/**
 * Warm-up phases (SPEC §1.11): WARMUP for iterations 1-4 (the preset on top of the tuned values),
 * RAMPDOWN for 5-6 (linear return to the tuned values), STEADY from 7. The phase adjustments are a
 * pure function of the tuned values and n — never written back — so nothing compounds
 * (SPEC §10.1 item 16).
 * @module
 */
import type { ParamValues } from "../tuning/apply.ts";
import { clamp_param, param_spec } from "../tuning/registry.ts";
import { apply_preset, type Preset, PRESETS } from "./profiles.ts";

/** Warm-up phase names. */
export type Phase = "WARMUP" | "RAMPDOWN" | "STEADY";

/** Phase lengths (SPEC §1.11). */
export const WARMUP = { warmup_iterations: 4, rampdown_steps: 2, preset: "warmup_conservative_v1" };

/** The phase of iteration n. */
export function phase_of(n: number): Phase {
  if (n <= WARMUP.warmup_iterations) return "WARMUP";
  if (n <= WARMUP.warmup_iterations + WARMUP.rampdown_steps) return "RAMPDOWN";
  return "STEADY";
}

/** Values the engine runs with in iteration n: `base` adjusted for the phase, clamped. */
export function warmup_values(
  base: Readonly<ParamValues>,
  n: number,
  preset: Preset = PRESETS[WARMUP.preset]!,
): ParamValues {
  const phase = phase_of(n);
  if (phase === "STEADY") return { ...base };
  const warm = apply_preset(base, preset);
  const progress = phase === "WARMUP"
    ? 0
    : (n - WARMUP.warmup_iterations - 1) / WARMUP.rampdown_steps;
  const out: ParamValues = {};
  for (const [k, b] of Object.entries(base)) {
    const w = warm[k]!;
    out[k] = clamp_param(param_spec(k)!, w + (b - w) * progress);
  }
  return out;
}
