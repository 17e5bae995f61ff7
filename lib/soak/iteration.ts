/**
 * One soak iteration: validate the overrides, run the market, summarise, verdict, propose,
 * decide, and build the iteration's documents. Writing them is the loop's job (commit order).
 * @module
 */
import { iteration_verdict } from "../analysis/thresholds.ts";
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import { InputError } from "../cli/errors.ts";
import { parse_json_text } from "../artifacts/read.ts";
import { sha256_hex } from "../json/stable.ts";
import { check_bounds, params_from_object, type ParamValues } from "../tuning/apply.ts";
import { decide } from "../tuning/decide.ts";
import { PARAMS } from "../tuning/registry.ts";
import { propose } from "../tuning/rules.ts";
import type { GuardState } from "../tuning/state.ts";
import type { IterationOutcome, IterationSource } from "./source.ts";
import { phase_of, warmup_values } from "./warmup.ts";

/** What an iteration needs from the run. */
export interface IterationContext {
  total: number;
  window_s: number;
  start_ms: number;
  warmup: boolean;
  auto_tune: boolean;
  source: IterationSource;
  panic_values: ParamValues;
}

/** An iteration's results: documents to write and the state to carry. */
export interface IterationResult {
  iter_summary: Record<string, unknown>;
  report_entry: Record<string, unknown>;
  edge_report: Record<string, unknown>;
  kpi_gate: Record<string, unknown>;
  next: ParamValues;
  guard: GuardState;
  outcome: IterationOutcome;
  summary: Record<string, unknown>;
  tuning: Record<string, unknown>;
}

const KPI_GATE_VERDICT = { OK: "PASS", WARN: "WARN", FAIL: "FAIL" } as const;

/**
 * Validate the runtime overrides file text before iteration n: it must parse and hold every
 * registry parameter as a finite number (else InputError → exit 2).
 */
export function overrides_from_text(text: string, file: string): ParamValues {
  const v = params_from_object(parse_json_text(text, file), file);
  for (const p of PARAMS) {
    if (!(p.name in v)) throw new InputError("missing parameter", { file, field: p.name });
  }
  return v;
}

/** Run iteration n from the overrides file text `runtime_text`. */
export async function run_iteration(
  ctx: IterationContext,
  n: number,
  runtime_text: string,
  runtime_file: string,
  guard: GuardState,
  carry: unknown,
): Promise<IterationResult> {
  const raw = overrides_from_text(runtime_text, runtime_file);
  const old_hash = await sha256_hex(runtime_text);
  const { violations, clamped: base } = check_bounds(raw);
  const phase = ctx.warmup ? phase_of(n) : null;
  const effective = ctx.warmup ? warmup_values(base, n) : base;
  const outcome = await ctx.source.run(n, effective, carry);
  const t_end = ctx.start_ms + n * ctx.window_s * 1000;

  const summary: Record<string, unknown> = { ...outcome.summary };
  summary.runtime_utc = new Date(t_end).toISOString();
  let { verdict, reasons } = iteration_verdict(summary);
  if (phase === "WARMUP" && verdict === "FAIL") {
    // Warm-up gate mode (SPEC §1.10): failures are warnings while the preset settles.
    verdict = "WARN";
    reasons = reasons.map((r) => `warmup:${r}`);
  }
  summary.verdict = verdict;
  summary.verdict_reasons = reasons;
  summary.kpi_verdict = KPI_GATE_VERDICT[verdict];
  summary.kpi_reasons = reasons;
  // `phase` only with --warmup (CONTRACT.md), whatever the source put there.
  if (phase) summary.phase = phase;
  else delete summary.phase;

  const proposal = propose(summary, base);
  const d = await decide({
    n,
    total: ctx.total,
    t_ms: t_end,
    summary: summary as { verdict: string },
    base,
    old_hash,
    bounds_violations: violations,
    proposal,
    state: guard,
    panic_values: ctx.panic_values,
    auto_tune: ctx.auto_tune,
    micro_steps: phase === "WARMUP" || phase === "RAMPDOWN",
  });
  const t = d.tuning;
  const iter_summary = {
    schema_version: SCHEMA_VERSION,
    iteration: n,
    runtime_overrides: base,
    effective_overrides: effective,
    summary,
    tuning: t,
  };
  const report_entry = {
    iteration: n,
    runtime_utc: summary.runtime_utc,
    net_bps: summary.net_bps ?? null,
    kpi_verdict: summary.kpi_verdict,
    verdict,
    neg_edge_drivers: summary.neg_edge_drivers ?? [],
    proposed_deltas: t.proposed_deltas,
    suggested_deltas: t.suggested_deltas,
    applied_deltas: t.applied_deltas,
    rationale: t.rationale,
    applied: t.applied,
    signature: t.signature,
    state_hash: t.state_hash,
    skip_reason: t.skip_reason,
    partial_skip: t.partial_skip,
    changed_keys: t.changed_keys,
    oscillation_detected: t.oscillation_detected,
    velocity_violation: t.velocity_violation,
    cooldown_active: t.cooldown_active,
    freeze_triggered: t.freeze_triggered,
    freeze_active: t.freeze_active,
    late_iteration: t.late_iteration,
    panic_revert: t.panic_revert,
  };
  const kpi_gate = {
    schema_version: SCHEMA_VERSION,
    iteration: n,
    verdict: summary.kpi_verdict,
    reasons,
    runtime: { utc: summary.runtime_utc, version: summary.version ?? null },
  };
  return {
    iter_summary,
    report_entry,
    edge_report: outcome.edge_report,
    kpi_gate,
    next: d.next,
    guard: d.state,
    outcome,
    summary,
    tuning: t,
  };
}
