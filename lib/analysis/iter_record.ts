/**
 * One ITER_SUMMARY_n.json, checked and reduced to what the analysis commands read: KPIs, the
 * tuning decision, and (mmsoak format) the overrides in effect during the iteration.
 * @module
 */
import { parse_json_text } from "../artifacts/read.ts";
import { SKIP_FLAGS } from "../artifacts/skip_flags.ts";
import {
  as_num,
  as_obj,
  bad,
  describe,
  MAX_ABS_NUMBER,
  type Obj,
  opt_bool,
  opt_num,
  opt_num_record,
  opt_obj,
  opt_str,
  opt_str_array,
  overrides_flat,
  req_bool,
} from "./fields.ts";
import { extract_kpis, type Kpis } from "./kpi.ts";

/** Why a proposal was not (fully) applied: a guard name and its note. */
export interface SkipView {
  reason: string;
  note: string;
  /** Keys a guard dropped from a partial apply (mmsoak's `partial_skip.dropped`). */
  dropped?: string[];
}

/** The tuning decision of one iteration. */
export interface TuningView {
  applied: boolean;
  /** proposed_deltas, else deltas, else {}. */
  proposed: Record<string, number>;
  applied_deltas: Record<string, number> | null;
  skip: SkipView | null;
  partial_skip: SkipView | null;
  state_hash: string | null;
  old_hash: string | null;
  signature: string | null;
  changed_keys: string[];
  freeze_triggered: boolean;
  freeze_active: boolean;
  oscillation_detected: boolean;
  velocity_violation: boolean;
  cooldown_active: boolean;
  late_iteration: boolean;
  panic_revert: boolean;
}

/** One iteration as the analysis commands see it. */
export interface IterRecord {
  n: number;
  kpi: Kpis;
  tuning: TuningView;
  /** mmsoak: the tuned values in effect during iteration n; null in original-format files. */
  overrides: Record<string, number> | null;
}

/**
 * A `skip_reason` value: "" / null → null; a string (the original's "no_runtime_path") → that
 * reason; an object → its `reason`, else its first true guard flag (SPEC §2.1), else "unspecified".
 */
export function skip_view(v: unknown, file: string, field: string): SkipView | null {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "string") return { reason: v, note: v };
  if (typeof v !== "object" || Array.isArray(v)) {
    bad(file, field, `expected a string or an object, got ${describe(v)}`);
  }
  const o = v as Obj;
  let flagged: string | null = null;
  for (const g of SKIP_FLAGS) if (opt_bool(o, g, file, field) && flagged === null) flagged = g;
  const reason = opt_str(o, "reason", file, field);
  const note = opt_str(o, "note", file, field, false) ?? "";
  const view: SkipView = { reason: reason || flagged || "unspecified", note };
  const dropped = opt_obj(o, "dropped", file, field);
  if (dropped) view.dropped = Object.keys(dropped);
  return view;
}

function check_summary_extras(s: Obj, file: string): void {
  const p = "summary";
  opt_str(s, "version", file, p);
  opt_str(s, "phase", file, p);
  for (
    const k of ["inventory_bps", "order_age_p95_ms", "min_interval_ratio", "concurrency_ratio"]
  ) {
    opt_num(s, k, file, p);
  }
  for (const k of ["risk_ratio_p95", "latency_p50_ms", "latency_p99_ms", "rejects"]) {
    opt_num(s, k, file, p);
  }
  for (const k of ["maker_fill_rate", "pnl_usd", "inventory_usd"]) opt_num(s, k, file, p);
  opt_str_array(s, "neg_edge_drivers", file, p);
  opt_str_array(s, "kpi_reasons", file, p);
  opt_str_array(s, "verdict_reasons", file, p);
  const adv = s.sentinel_advice;
  if (adv !== undefined && !Array.isArray(adv)) {
    bad(file, "summary.sentinel_advice", `expected an array, got ${describe(adv)}`);
  }
  const blocks = opt_obj(s, "blocks", file, p);
  if (blocks) {
    opt_num_record(blocks, "counts", file, "summary.blocks");
    opt_num_record(blocks, "ratios", file, "summary.blocks");
    if (blocks.total !== undefined) as_num(blocks.total, file, "summary.blocks.total");
  }
}

/** Read the `tuning` object of an ITER_SUMMARY (or a TUNING_REPORT entry: same field names). */
export function tuning_view(t: Obj, file: string, p: string): TuningView {
  const proposed = opt_num_record(t, "proposed_deltas", file, p);
  const deltas = opt_num_record(t, "deltas", file, p);
  const suggested = opt_num_record(t, "suggested_deltas", file, p);
  opt_str(t, "rationale", file, p, false);
  const cond = opt_obj(t, "conditions", file, p);
  for (const k in cond) {
    const v = cond[k];
    if (typeof v === "number" && !(Math.abs(v) <= MAX_ABS_NUMBER)) {
      as_num(v, file, `${p}.conditions.${k}`);
    }
  }
  const ps = t.partial_skip;
  return {
    applied: req_bool(t, "applied", file, p),
    proposed: proposed ?? deltas ?? suggested ?? {},
    applied_deltas: opt_num_record(t, "applied_deltas", file, p),
    skip: skip_view(t.skip_reason, file, `${p}.skip_reason`),
    partial_skip: ps === undefined || ps === null ? null : skip_view(ps, file, `${p}.partial_skip`),
    state_hash: opt_str(t, "state_hash", file, p),
    old_hash: opt_str(t, "old_hash", file, p),
    signature: opt_str(t, "signature", file, p),
    changed_keys: opt_str_array(t, "changed_keys", file, p),
    freeze_triggered: opt_bool(t, "freeze_triggered", file, p),
    freeze_active: opt_bool(t, "freeze_active", file, p),
    oscillation_detected: opt_bool(t, "oscillation_detected", file, p),
    velocity_violation: opt_bool(t, "velocity_violation", file, p),
    cooldown_active: opt_bool(t, "cooldown_active", file, p),
    late_iteration: opt_bool(t, "late_iteration", file, p),
    panic_revert: opt_bool(t, "panic_revert", file, p),
  };
}

/**
 * Parse and check ITER_SUMMARY text. `n` is the number in the file name; the `iteration` field
 * must agree with it (a copied or renamed file is a duplicate, not a new iteration).
 */
export function parse_iter_summary(text: string, file: string, n: number): IterRecord {
  const data = parse_json_text(text, file);
  const root = as_obj(data, file, "");
  opt_str(root, "schema_version", file, "", false);
  if (!("iteration" in root)) bad(file, "iteration", "required field is missing");
  const it = as_num(root.iteration, file, "iteration");
  if (!Number.isInteger(it) || it < 0) bad(file, "iteration", `expected an integer ≥ 0, got ${it}`);
  if (it !== n) bad(file, "iteration", `is ${it} but the file name says ${n}`);
  if (!("summary" in root)) bad(file, "summary", "required field is missing");
  if (!("tuning" in root)) bad(file, "tuning", "required field is missing");
  const s = as_obj(root.summary, file, "summary");
  const t = as_obj(root.tuning, file, "tuning");
  const kpi = extract_kpis(s, file);
  check_summary_extras(s, file);
  const tuning = tuning_view(t, file, "tuning");
  const ro = root.runtime_overrides;
  const overrides = ro === undefined || ro === null
    ? null
    : overrides_flat(ro, file, "runtime_overrides");
  if (root.effective_overrides !== undefined && root.effective_overrides !== null) {
    overrides_flat(root.effective_overrides, file, "effective_overrides");
  }
  return { n, kpi, tuning, overrides };
}
