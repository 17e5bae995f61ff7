/**
 * verify-deltas: did every applied proposal take effect, by value? (CONTRACT "verify-deltas
 * rule", DESIGN §3.) For iteration n with tuning.applied, every proposed key k must read
 * `next_value(spec(k), overrides_n[k], Δk)` in the overrides in effect at n+1 (the next
 * ITER_SUMMARY's runtime_overrides, or runtime_overrides.json after the last iteration), and
 * every registry parameter that was not proposed must be unchanged.
 *
 * Outcomes of one proposal: full_apply (all values as expected), partial_ok (a guard or no-op
 * skipped it, or a freeze dropped some keys which stayed unchanged), fail (a value differs, or
 * not applied without a reason), unverifiable (the values cannot be known: original-format files
 * carry no per-iteration overrides, or the next iteration's file is missing).
 *
 * One ratio, used by the JSON, the Markdown and the exit code:
 *   full_apply_ratio = round((full_apply + partial_ok) / proposed, 3), 1.0 when nothing was proposed.
 * Unverifiable proposals stay in the denominator: what cannot be proven is not counted as applied.
 * @module
 */
import { next_value, param_spec, PARAMS } from "../tuning/registry.ts";
import { type Drift, unapplied_changes } from "./drift.ts";
import { deep_find } from "./fields.ts";
import type { IterRecord, SkipView } from "./iter_record.ts";
import type { SoakDir } from "./load.ts";
import { VERIFY_DELTAS } from "./thresholds.ts";
import { round_to } from "./window_stats.ts";

/** Outcome of one proposal. */
export type Outcome = "full_apply" | "partial_ok" | "fail" | "unverifiable";

/** One parameter of an applied proposal. */
export interface KeyCheck {
  param: string;
  delta: number;
  old: number | null;
  expected: number | null;
  observed: number | null;
  ok: boolean;
  note: string;
}

/** One iteration with a non-empty proposal. */
export interface ProposalCheck {
  iteration: number;
  /** Where the observed values come from: the next iteration, "final" (runtime_overrides.json) or null. */
  observed_at: number | "final" | null;
  keys: string[];
  applied: boolean;
  outcome: Outcome;
  reason: string;
  signature_stuck: boolean;
  checks: KeyCheck[];
  /** Original format only: every proposed key exists somewhere in the final runtime_overrides.json. */
  present_in_final: boolean | null;
}

/** Counters and the ratio. */
export interface VerifyMetrics {
  full_apply_ratio: number;
  full_apply_count: number;
  partial_ok_count: number;
  fail_count: number;
  unverifiable_count: number;
  signature_stuck_count: number;
  proposed_count: number;
  iterations: number;
}

/** ITER_SUMMARY and TUNING_REPORT disagree about an iteration. */
export interface Inconsistency {
  iteration: number;
  field: string;
  iter_summary: string;
  tuning_report: string;
}

/** The whole verification. */
export interface VerifyResult {
  metrics: VerifyMetrics;
  threshold: number;
  strict: boolean;
  verdict: "PASS" | "FAIL";
  proposals: ProposalCheck[];
  inconsistencies: Inconsistency[];
  /** Parameter changes after iterations that applied nothing (lib/analysis/drift.ts). */
  unexpected_changes: Drift[];
  /** "mmsoak" when every iteration carries runtime_overrides, "original" when none, else "mixed". */
  format: "mmsoak" | "original" | "mixed";
}

/** Values are equal when within this tolerance (CONTRACT). */
export const VALUE_TOLERANCE = 1e-9;

function skip_text(s: SkipView): string {
  return s.note && s.note !== s.reason ? `${s.reason} (${s.note})` : s.reason;
}

function dropped_by_partial(r: IterRecord, key: string): boolean {
  const ps = r.tuning.partial_skip;
  if (!ps) return false;
  if (r.tuning.applied_deltas && !(key in r.tuning.applied_deltas)) return true;
  return ps.note.split(/[^A-Za-z0-9_]+/).includes(key);
}

/**
 * Check every parameter of an applied proposal: proposed keys must read clamp(old + delta),
 * every other registry parameter must be unchanged ("for every key").
 */
function check_values(
  r: IterRecord,
  observed: Record<string, number>,
): { checks: KeyCheck[]; dropped: string[] } {
  const checks: KeyCheck[] = [];
  const dropped: string[] = [];
  for (const [param, delta] of Object.entries(r.tuning.proposed)) {
    const spec = param_spec(param);
    const old = r.overrides?.[param] ?? null;
    const obs = observed[param] ?? null;
    const c: KeyCheck = { param, delta, old, expected: null, observed: obs, ok: false, note: "" };
    if (!spec) c.note = "unknown parameter";
    else if (old === null) c.note = `no value in ITER_SUMMARY_${r.n}.json runtime_overrides`;
    else {
      c.expected = next_value(spec, old, delta);
      if (obs === null) c.note = "missing in the next overrides";
      else if (Math.abs(obs - c.expected) <= VALUE_TOLERANCE) c.ok = true;
      else if (dropped_by_partial(r, param) && Math.abs(obs - old) <= VALUE_TOLERANCE) {
        c.ok = true;
        c.note = `dropped by ${r.tuning.partial_skip!.reason}, unchanged`;
        dropped.push(param);
      } else c.note = `expected ${c.expected}, observed ${obs}`;
    }
    checks.push(c);
  }
  for (const { name } of PARAMS) {
    if (name in r.tuning.proposed) continue;
    const old = r.overrides?.[name];
    const obs = observed[name];
    if (old === undefined || obs === undefined || Math.abs(obs - old) <= VALUE_TOLERANCE) continue;
    checks.push({
      param: name,
      delta: 0,
      old,
      expected: old,
      observed: obs,
      ok: false,
      note: `changed without a proposal: expected ${old}, observed ${obs}`,
    });
  }
  return { checks, dropped };
}

function judge(
  r: IterRecord,
  next: IterRecord | undefined,
  is_last: boolean,
  dir: SoakDir,
): ProposalCheck {
  const t = r.tuning;
  const keys = Object.keys(t.proposed);
  const out: ProposalCheck = {
    iteration: r.n,
    observed_at: null,
    keys,
    applied: t.applied,
    outcome: "fail",
    reason: "",
    // The apply wrote nothing: the state hash did not move (SPEC §2.5 signature_stuck).
    signature_stuck: t.applied && t.state_hash !== null && t.old_hash !== null &&
      t.state_hash === t.old_hash,
    checks: [],
    present_in_final: null,
  };
  if (!t.applied) {
    const skip = t.skip ?? dir.tuning_report.entries.get(r.n)?.skip ?? null;
    if (skip) Object.assign(out, { outcome: "partial_ok", reason: `skipped: ${skip_text(skip)}` });
    else out.reason = "not applied and no skip reason";
    return out;
  }
  if (r.overrides === null) {
    const final = dir.overrides?.raw;
    out.present_in_final = final === undefined ? false : keys.every((k) => present(final, k));
    out.outcome = "unverifiable";
    out.reason = "original format: no per-iteration runtime_overrides, values unknown" +
      (final === undefined
        ? "; no runtime_overrides.json"
        : `; keys ${
          out.present_in_final ? "present" : "missing"
        } in the final runtime_overrides.json`);
    return out;
  }
  let observed: Record<string, number> | null = null;
  if (next) {
    out.observed_at = next.n;
    observed = next.overrides;
    if (!observed) out.reason = `ITER_SUMMARY_${next.n}.json has no runtime_overrides`;
  } else if (is_last) {
    out.observed_at = "final";
    observed = dir.overrides?.flat ?? null;
    if (!observed) out.reason = "runtime_overrides.json missing after the last iteration";
  } else out.reason = `ITER_SUMMARY_${r.n + 1}.json missing`;
  if (!observed) {
    out.outcome = "unverifiable";
    return out;
  }
  const { checks, dropped } = check_values(r, observed);
  out.checks = checks;
  const bad = checks.filter((c) => !c.ok);
  if (bad.length) {
    out.outcome = "fail";
    out.reason = bad.map((c) => `${c.param}: ${c.note}`).join("; ");
  } else if (dropped.length || t.partial_skip) {
    // A guard dropped keys from the proposal; they were verified unchanged like any other key.
    const keys = [...new Set([...dropped, ...(t.partial_skip?.dropped ?? [])])];
    out.outcome = "partial_ok";
    out.reason = `partial: ${skip_text(t.partial_skip!)}` +
      (keys.length ? ` dropped ${keys.join(", ")}` : "");
  } else {
    out.outcome = "full_apply";
    out.reason = "values as expected";
  }
  return out;
}

const NESTED = new Map(PARAMS.map((p) => [p.name, p.path]));

function present(raw: unknown, key: string): boolean {
  const path = NESTED.get(key);
  if (path && raw && typeof raw === "object") {
    const sec = (raw as Record<string, unknown>)[path[0]];
    if (
      sec && typeof sec === "object" &&
      typeof (sec as Record<string, unknown>)[path[1]] === "number"
    ) {
      return true;
    }
  }
  return typeof deep_find(raw, key) === "number";
}

/** Options of {@linkcode verify_deltas}. */
export interface VerifyOptions {
  strict?: boolean;
  /** Default: VERIFY_DELTAS (0.60, or 0.95 with strict). */
  threshold?: number;
}

/** Verify every proposal of `dir`. */
export function verify_deltas(dir: SoakDir, options: VerifyOptions = {}): VerifyResult {
  const strict = options.strict ?? false;
  const threshold = options.threshold ??
    (strict ? VERIFY_DELTAS.min_full_apply_ratio_strict : VERIFY_DELTAS.min_full_apply_ratio);
  const proposals: ProposalCheck[] = [];
  const inconsistencies: Inconsistency[] = [];
  const its = dir.iters;
  let with_overrides = 0;
  for (let i = 0; i < its.length; i++) {
    const r = its[i]!;
    if (r.overrides) with_overrides++;
    const tr = dir.tuning_report.entries.get(r.n);
    if (tr && tr.applied !== r.tuning.applied) {
      inconsistencies.push({
        iteration: r.n,
        field: "applied",
        iter_summary: String(r.tuning.applied),
        tuning_report: String(tr.applied),
      });
    }
    if (Object.keys(r.tuning.proposed).length === 0) continue;
    const nx = its[i + 1];
    proposals.push(judge(r, nx && nx.n === r.n + 1 ? nx : undefined, i === its.length - 1, dir));
  }
  const count = (o: Outcome) => proposals.filter((p) => p.outcome === o).length;
  const full = count("full_apply");
  const partial = count("partial_ok");
  const n = proposals.length;
  const metrics: VerifyMetrics = {
    full_apply_ratio: n ? round_to((full + partial) / n, 3)! : 1,
    full_apply_count: full,
    partial_ok_count: partial,
    fail_count: count("fail"),
    unverifiable_count: count("unverifiable"),
    signature_stuck_count: proposals.filter((p) => p.signature_stuck).length,
    proposed_count: n,
    iterations: its.length,
  };
  return {
    metrics,
    threshold,
    strict,
    verdict: metrics.full_apply_ratio >= threshold ? "PASS" : "FAIL",
    proposals,
    inconsistencies,
    unexpected_changes: unapplied_changes(dir),
    format: with_overrides === its.length ? "mmsoak" : with_overrides === 0 ? "original" : "mixed",
  };
}
