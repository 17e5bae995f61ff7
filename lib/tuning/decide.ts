/**
 * One iteration's tuning decision: freeze entry, panic revert, the guards in order, and the apply
 * by value. Pure apart from hashing, so every guard can be exercised on crafted summaries.
 * @module
 */
import { sha256_hex, stable_stringify } from "../json/stable.ts";
import { SKIP_FLAGS } from "../artifacts/skip_flags.ts";
import { apply_deltas, type ParamValues, render_overrides } from "./apply.ts";
import {
  exceeds_velocity,
  type GuardName,
  is_stable,
  micro_step_drops,
  oscillates,
  prune_velocity_log,
  triggers_cooldown,
  window_active,
} from "./guards.ts";
import { COOLDOWN, FROZEN_PARAMS, PANIC } from "./limits.ts";
import { FREEZE_ENTRY } from "../analysis/thresholds.ts";
import { next_value, param_spec } from "./registry.ts";
import type { Proposal } from "./rules.ts";
import { type GuardCounters, type GuardState, initial_trails, push_trail } from "./state.ts";

/** Inputs of {@linkcode decide}. */
export interface DecideInput {
  /** Iteration number (1-based) and the run's total. */
  n: number;
  total: number;
  /** Market time (epoch ms) at the end of iteration n. */
  t_ms: number;
  /** KPIs of iteration n with its verdict. */
  summary: { risk_ratio?: number | null; net_bps?: number | null; verdict: string };
  /** Tuned values in effect during n (already clamped when `bounds_violations` is non-empty). */
  base: ParamValues;
  /** Hash of runtime_overrides.json as it was before this decision. */
  old_hash: string;
  /** Out-of-range or unrounded values found when validating the overrides before n. */
  bounds_violations: string[];
  proposal: Proposal;
  state: GuardState;
  /** Complete values of the panic profile (steady_safe). */
  panic_values: ParamValues;
  /** False with --no-auto-tune: proposals are recorded, nothing changes. */
  auto_tune: boolean;
  /** The warm-up micro-steps guard is on (WARMUP and RAMPDOWN phases of a --warmup run). */
  micro_steps?: boolean;
}

/** The `tuning` object of ITER_SUMMARY plus the values and state for the next iteration. */
export interface Decision {
  tuning: Record<string, unknown>;
  next: ParamValues;
  state: GuardState;
}

/** The TUNING_REPORT.summary counter of each guard's skips. */
export const GUARD_COUNTERS: Readonly<Partial<Record<GuardName, keyof GuardCounters>>> = {
  panic_revert: "panic_reverts",
  bounds: "bounds_rejections",
  no_deltas: "no_deltas_skips",
  late_iteration: "late_iteration_skips",
  cooldown: "cooldown_skips",
  freeze: "blocked_freeze",
  oscillation: "blocked_oscillation",
  velocity: "blocked_velocity",
  micro_steps: "blocked_micro_steps",
  no_op: "no_op_skips",
  idempotent: "idempotent_skips",
};

/** The skip object: exactly one guard flag true (none for no_deltas/disabled). */
export function skip_object(reason: GuardName, note: string): Record<string, unknown> {
  const o: Record<string, unknown> = { reason, note };
  for (const g of SKIP_FLAGS) o[g] = g === reason;
  return o;
}

/** SHA-256 of the canonical deltas: the idempotency signature. */
export function deltas_signature(deltas: Readonly<Record<string, number>>): Promise<string> {
  return sha256_hex(stable_stringify(deltas));
}

/** Decide iteration n: which deltas apply, which guard stopped what, and the next state. */
export async function decide(inp: DecideInput): Promise<Decision> {
  const { n, base, state: prev } = inp;
  const st: GuardState = structuredClone(prev);
  st.counters.count++;
  const bump = (g: GuardName) => {
    const c = GUARD_COUNTERS[g];
    if (c) st.counters[c]++;
  };

  // Freeze entry: two consecutive stable iterations lock the sensitive parameters.
  st.stable_streak = is_stable(inp.summary.risk_ratio, inp.summary.net_bps)
    ? st.stable_streak + 1
    : 0;
  let freeze_triggered = false;
  if (!window_active(st.frozen_until_iter, n) && st.stable_streak >= FREEZE_ENTRY.consecutive) {
    st.frozen_until_iter = n + FREEZE_ENTRY.freeze_iterations - 1;
    st.freeze_reason = "steady_state_lock";
    freeze_triggered = true;
    st.counters.freeze_events++;
  }
  const freeze_active = window_active(st.frozen_until_iter, n);
  st.fail_streak = inp.summary.verdict === "FAIL" ? st.fail_streak + 1 : 0;
  const cooldown_active = window_active(st.cooldown_until_iter, n);
  const late_iteration = n >= inp.total;

  const raw = inp.proposal.deltas;
  let proposed: Record<string, number> = { ...raw };
  const dropped: Record<string, GuardName> = {};
  let skip: GuardName | null = null;
  let note = "";
  let next: ParamValues = base;
  let applied_deltas: Record<string, number> = {};
  let changed_keys: string[] = [];
  let panic_revert = false;

  if (!inp.auto_tune) {
    skip = "disabled";
    note = "auto-tune off";
  } else if (st.fail_streak >= PANIC.consecutive_fail) {
    skip = "panic_revert";
    note = `${st.fail_streak} consecutive FAIL verdicts: reverted to ${PANIC.profile}`;
    panic_revert = true;
    next = { ...inp.panic_values };
    st.fail_streak = 0;
    st.cooldown_until_iter = n + COOLDOWN.iterations;
    st.trails = initial_trails(next);
  } else if (inp.bounds_violations.length) {
    skip = "bounds";
    note = `overrides clamped into bounds: ${inp.bounds_violations.join(", ")}`;
  } else if (Object.keys(raw).length === 0) {
    skip = "no_deltas";
    note = "no deltas proposed";
  } else if (late_iteration) {
    skip = "late_iteration";
    note = "final iteration: never applied";
  } else if (cooldown_active) {
    skip = "cooldown";
    note = `cooldown ${st.cooldown_until_iter! - n + 1} iters left`;
  } else {
    for (const k of Object.keys(proposed)) {
      const spec = param_spec(k)!;
      const cand = next_value(spec, base[k]!, proposed[k]!);
      let g: GuardName | null = null;
      if (freeze_active && FROZEN_PARAMS.includes(k)) g = "freeze";
      else if (oscillates(st.trails[k] ?? [], cand)) g = "oscillation";
      else if (exceeds_velocity(st.velocity_log, k, cand - base[k]!, inp.t_ms)) g = "velocity";
      if (g) dropped[k] = g;
    }
    if (inp.micro_steps) {
      const left = Object.fromEntries(Object.entries(proposed).filter(([k]) => !dropped[k]));
      for (const k of micro_step_drops(left, st.last_changed, n)) dropped[k] = "micro_steps";
    }
    for (const k of Object.keys(dropped)) delete proposed[k];
    const first = first_guard(dropped);
    if (Object.keys(proposed).length === 0) {
      skip = first!;
      note = `${drop_note(dropped)}`;
      proposed = { ...raw };
    } else {
      const r = apply_deltas(base, proposed);
      const signature = await deltas_signature(proposed);
      if (r.changed_keys.length === 0) {
        skip = r.clamped_to_zero ? "bounds" : "no_op";
        note = r.clamped_to_zero
          ? "every delta stopped by a registry bound"
          : "no effective change";
      } else if (
        signature === st.last_applied_signature && inp.old_hash === st.last_applied_old_hash
      ) {
        skip = "idempotent";
        note = "same deltas already applied to this state";
      } else {
        next = r.next;
        applied_deltas = r.applied_deltas;
        changed_keys = r.changed_keys;
        st.last_applied_signature = signature;
        st.last_applied_old_hash = inp.old_hash;
        for (const k of changed_keys) {
          st.trails[k] = push_trail(st.trails[k] ?? [], next[k]!);
          st.last_changed[k] = n;
        }
        st.velocity_log.push({ iteration: n, t_ms: inp.t_ms, deltas: applied_deltas });
        if (triggers_cooldown(applied_deltas)) st.cooldown_until_iter = n + COOLDOWN.iterations;
        st.counters.applied++;
      }
    }
  }
  st.velocity_log = prune_velocity_log(st.velocity_log, inp.t_ms);

  const applied = skip === null;
  if (skip) bump(skip);
  for (const g of new Set(Object.values(dropped))) if (g !== skip) bump(g);
  if (applied && Object.keys(dropped).length) st.counters.partial_applies++;
  const text = render_overrides(next);
  const state_hash = await sha256_hex(text);
  const signature = await deltas_signature(proposed);
  const dropped_by = new Set(Object.values(dropped));
  const tuning: Record<string, unknown> = {
    proposed_deltas: proposed,
    deltas: proposed,
    suggested_deltas: raw,
    rationale: inp.proposal.rationale,
    conditions: inp.proposal.conditions,
    applied,
    applied_deltas,
    changed_keys,
    skip_reason: skip
      ? { ...skip_object(skip, note), ...(dropped_by.size ? { dropped } : {}) }
      : "",
    partial_skip: applied && dropped_by.size
      ? { ...skip_object(first_guard(dropped)!, drop_note(dropped)), dropped }
      : null,
    state_hash,
    old_hash: inp.old_hash,
    signature,
    freeze_triggered,
    freeze_active,
    frozen_until_iter: st.frozen_until_iter,
    oscillation_detected: dropped_by.has("oscillation"),
    velocity_violation: dropped_by.has("velocity"),
    micro_steps_active: inp.micro_steps === true,
    cooldown_active,
    late_iteration,
    panic_revert,
    bounds_violation: inp.bounds_violations.length > 0,
  };
  return { tuning, next, state: st };
}

function first_guard(dropped: Record<string, GuardName>): GuardName | null {
  const order: GuardName[] = ["freeze", "oscillation", "velocity", "micro_steps"];
  return order.find((g) => Object.values(dropped).includes(g)) ?? null;
}

function drop_note(dropped: Record<string, GuardName>): string {
  return "dropped " + Object.entries(dropped).map(([k, g]) => `${k} (${g})`).join(", ");
}
