/**
 * Column encoding of {@linkcode IterRecord}s for the worker → main-thread hand-over. Structured
 * clone of 10,000 small object graphs costs more than parsing them did; numbers packed in
 * transferable Float64Arrays, flags in a Uint8Array and a few string columns cost almost nothing.
 * Decoding rebuilds records equal (assertEquals) to the originals.
 * @module
 */
import { PARAMS } from "../tuning/registry.ts";
import type { IterRecord, SkipView, TuningView } from "./iter_record.ts";
import type { Kpis } from "./kpi.ts";

const NUM_KEYS = [
  "net_bps",
  "gross_bps",
  "fees_bps",
  "adverse_bps",
  "slippage_bps",
  "adverse_bps_p95",
  "slippage_bps_p95",
  "p95_latency_ms",
  "risk_ratio",
  "maker_taker_ratio",
  "cancel_ratio",
] as const satisfies readonly (keyof Kpis)[];
const STR_KEYS = ["runtime_utc", "verdict", "kpi_verdict", "maker_taker_source"] as const;
const FLAG_KEYS = [
  "applied",
  "freeze_triggered",
  "freeze_active",
  "oscillation_detected",
  "velocity_violation",
  "cooldown_active",
  "late_iteration",
  "panic_revert",
] as const satisfies readonly (keyof TuningView)[];
const HASH_KEYS = ["state_hash", "old_hash", "signature"] as const;
const PARAM_NAMES = PARAMS.map((p) => p.name);

/** Records as columns (every field is clone- or transfer-friendly). */
export interface RecordColumns {
  n: Float64Array;
  nums: Float64Array;
  flags: Uint8Array;
  /** Registry parameters of `overrides` (NaN = absent); `has_overrides` says whether it exists. */
  params: Float64Array;
  has_overrides: Uint8Array;
  /** JSON of the string columns: one JSON.parse beats cloning 70,000 strings one by one. */
  strs: string;
  /** JSON of the rare or variable parts per record, null in the common case. */
  rest: string;
}

type Rest = (null | {
  proposed?: Record<string, number>;
  applied_deltas?: Record<string, number> | null;
  skip?: SkipView | null;
  partial_skip?: SkipView | null;
  changed_keys?: string[];
  extra_overrides?: Record<string, number>;
})[];

/** Encode records into columns. */
export function encode_records(rs: readonly IterRecord[]): RecordColumns {
  const len = rs.length;
  const strs: (string | null)[] = new Array(len * (STR_KEYS.length + HASH_KEYS.length));
  const rests: Rest = new Array(len);
  const c = {
    n: new Float64Array(len),
    nums: new Float64Array(len * NUM_KEYS.length),
    flags: new Uint8Array(len * FLAG_KEYS.length),
    params: new Float64Array(len * PARAM_NAMES.length),
    has_overrides: new Uint8Array(len),
  };
  const ns = STR_KEYS.length + HASH_KEYS.length;
  for (let i = 0; i < len; i++) {
    const r = rs[i]!;
    c.n[i] = r.n;
    NUM_KEYS.forEach((k, j) => (c.nums[i * NUM_KEYS.length + j] = r.kpi[k] ?? NaN));
    FLAG_KEYS.forEach((k, j) => (c.flags[i * FLAG_KEYS.length + j] = r.tuning[k] ? 1 : 0));
    STR_KEYS.forEach((k, j) => (strs[i * ns + j] = r.kpi[k] ?? null));
    HASH_KEYS.forEach((k, j) => (strs[i * ns + STR_KEYS.length + j] = r.tuning[k]));
    const t = r.tuning;
    const rest: NonNullable<Rest[number]> = {};
    if (Object.keys(t.proposed).length) rest.proposed = t.proposed;
    if (t.applied_deltas !== null) rest.applied_deltas = t.applied_deltas;
    if (t.skip) rest.skip = t.skip;
    if (t.partial_skip) rest.partial_skip = t.partial_skip;
    if (t.changed_keys.length) rest.changed_keys = t.changed_keys;
    if (r.overrides) {
      c.has_overrides[i] = 1;
      PARAM_NAMES.forEach((
        k,
        j,
      ) => (c.params[i * PARAM_NAMES.length + j] = r.overrides![k] ?? NaN));
      for (const k in r.overrides) {
        if (!PARAM_NAMES.includes(k)) (rest.extra_overrides ??= {})[k] = r.overrides[k]!;
      }
    }
    rests[i] = Object.keys(rest).length ? rest : null;
  }
  return { ...c, strs: JSON.stringify(strs), rest: JSON.stringify(rests) };
}

/**
 * `v` as V8 stores a parsed JSON integer (a small integer, not a boxed double). Numbers read from a
 * Float64Array are doubles; records holding them get other hidden classes than the records parsed
 * on the main thread, and every later pass over all records (snapshot, verify, audit) ran ~2× slower
 * on the mix. −0 and non-integers stay as they are.
 */
function smi(v: number): number {
  return (v | 0) === v && !Object.is(v, -0) ? v | 0 : v;
}

/** A skip rebuilt the way lib/analysis/iter_record.ts skip_view builds it (same hidden class). */
function skip_object(s: SkipView): SkipView {
  const view: SkipView = { reason: s.reason, note: s.note };
  if (s.dropped) view.dropped = s.dropped;
  return view;
}

/** Rebuild the records. */
export function decode_records(c: RecordColumns): IterRecord[] {
  const out: IterRecord[] = new Array(c.n.length);
  const ns = STR_KEYS.length + HASH_KEYS.length;
  const strs: (string | null)[] = JSON.parse(c.strs);
  const rests: Rest = JSON.parse(c.rest);
  const nan = (v: number) => (Number.isNaN(v) ? null : smi(v));
  for (let i = 0; i < c.n.length; i++) {
    const o = i * NUM_KEYS.length;
    const f = i * FLAG_KEYS.length;
    const s = i * ns;
    const rest = rests[i] ?? {};
    let overrides: Record<string, number> | null = null;
    if (c.has_overrides[i]) {
      overrides = {};
      PARAM_NAMES.forEach((k, j) => {
        const v = c.params[i * PARAM_NAMES.length + j]!;
        if (!Number.isNaN(v)) overrides![k] = v;
      });
      Object.assign(overrides, rest.extra_overrides);
    }
    out[i] = {
      n: smi(c.n[i]!),
      kpi: {
        runtime_utc: strs[s]!,
        verdict: strs[s + 1]!,
        kpi_verdict: strs[s + 2]!,
        net_bps: nan(c.nums[o]!),
        gross_bps: nan(c.nums[o + 1]!),
        fees_bps: nan(c.nums[o + 2]!),
        adverse_bps: nan(c.nums[o + 3]!),
        slippage_bps: nan(c.nums[o + 4]!),
        adverse_bps_p95: nan(c.nums[o + 5]!),
        slippage_bps_p95: nan(c.nums[o + 6]!),
        p95_latency_ms: nan(c.nums[o + 7]!),
        risk_ratio: nan(c.nums[o + 8]!),
        maker_taker_ratio: nan(c.nums[o + 9]!),
        maker_taker_source: strs[s + 3] as string,
        cancel_ratio: nan(c.nums[o + 10]!),
      },
      tuning: {
        applied: c.flags[f] === 1,
        proposed: rest.proposed ?? {},
        applied_deltas: rest.applied_deltas ?? null,
        skip: rest.skip ? skip_object(rest.skip) : null,
        partial_skip: rest.partial_skip ? skip_object(rest.partial_skip) : null,
        state_hash: strs[s + 4]!,
        old_hash: strs[s + 5]!,
        signature: strs[s + 6]!,
        changed_keys: rest.changed_keys ?? [],
        freeze_triggered: c.flags[f + 1] === 1,
        freeze_active: c.flags[f + 2] === 1,
        oscillation_detected: c.flags[f + 3] === 1,
        velocity_violation: c.flags[f + 4] === 1,
        cooldown_active: c.flags[f + 5] === 1,
        late_iteration: c.flags[f + 6] === 1,
        panic_revert: c.flags[f + 7] === 1,
      },
      overrides,
    };
  }
  return out;
}

/** The buffers of `c`, for postMessage's transfer list. */
export function transferables(c: RecordColumns): ArrayBuffer[] {
  return [c.n, c.nums, c.flags, c.params, c.has_overrides].map((a) => a.buffer as ArrayBuffer);
}
