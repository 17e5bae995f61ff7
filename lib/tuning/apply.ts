/**
 * Applying deltas by value (DESIGN §3): `new = next_value(spec, current, Δ)`, i.e. added, clamped
 * to the registry bounds and rounded. The runtime overrides file carries every registry parameter
 * twice — flat and at its nested path — with identical values, so no reader can see a stale view.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { stable_stringify } from "../json/stable.ts";
import { next_value, param_spec, PARAMS, round_param } from "./registry.ts";

/** Flat parameter values, one per registry parameter. */
export type ParamValues = Record<string, number>;

/** What an apply did. */
export interface ApplyResult {
  /** The values after the apply (every registry key). */
  next: ParamValues;
  /** The actual change of every proposed key after clamp and round (0 when it did not move). */
  applied_deltas: Record<string, number>;
  /** Proposed keys whose value moved, in proposal order. */
  changed_keys: string[];
  /** True when at least one non-zero delta was stopped entirely by a bound. */
  clamped_to_zero: boolean;
}

/** Add `deltas` to `current`, clamping and rounding through the registry. */
export function apply_deltas(
  current: Readonly<ParamValues>,
  deltas: Readonly<Record<string, number>>,
): ApplyResult {
  const next: ParamValues = { ...current };
  const applied_deltas: Record<string, number> = {};
  const changed_keys: string[] = [];
  let clamped_to_zero = false;
  for (const [k, d] of Object.entries(deltas)) {
    const spec = param_spec(k);
    if (!spec) throw new Error(`Unknown parameter ${k} in deltas`);
    const cur = current[k]!;
    const v = next_value(spec, cur, d);
    next[k] = v;
    applied_deltas[k] = round_param(spec, v - cur);
    if (v !== cur) changed_keys.push(k);
    else if (d !== 0) clamped_to_zero = true;
  }
  return { next, applied_deltas, changed_keys, clamped_to_zero };
}

/** The runtime_overrides.json object: flat keys plus the nested sections of the registry paths. */
export function overrides_document(values: Readonly<ParamValues>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const p of PARAMS) {
    const v = values[p.name]!;
    doc[p.name] = v;
    const [section, key] = p.path;
    const s = (doc[section] ??= {}) as Record<string, number>;
    s[key] = v;
  }
  return doc;
}

/** The exact bytes of runtime_overrides.json for `values` (sorted keys, indent 2, newline). */
export function render_overrides(values: Readonly<ParamValues>): string {
  return stable_stringify(overrides_document(values), 2) + "\n";
}

/**
 * Registry values from a JSON object that holds flat keys and/or nested sections (the original's
 * layouts). Unknown keys are ignored (profiles carry metadata such as `description`); a registry
 * key with a non-number, or flat and nested views that disagree, is an InputError naming the
 * field. Only keys present are returned.
 */
export function params_from_object(obj: unknown, file: string): ParamValues {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
    throw new InputError("expected a JSON object", { file, field: "(root)" });
  }
  const o = obj as Record<string, unknown>;
  const out: ParamValues = {};
  for (const p of PARAMS) {
    const flat = o[p.name];
    const sec = o[p.path[0]];
    const nested = sec && typeof sec === "object" && !Array.isArray(sec)
      ? (sec as Record<string, unknown>)[p.path[1]]
      : undefined;
    for (const [v, field] of [[flat, p.name], [nested, p.path.join(".")]] as const) {
      if (v === undefined) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new InputError(`expected a finite number, got ${JSON.stringify(v)}`, { file, field });
      }
    }
    if (typeof flat === "number" && typeof nested === "number" && flat !== nested) {
      throw new InputError(`flat value ${flat} and nested value ${nested} disagree`, {
        file,
        field: p.name,
      });
    }
    const v = (flat ?? nested) as number | undefined;
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

/** Keys of `values` outside their registry bounds, and the values clamped into them. */
export function check_bounds(values: Readonly<ParamValues>): {
  violations: string[];
  clamped: ParamValues;
} {
  const clamped: ParamValues = { ...values };
  const violations: string[] = [];
  for (const p of PARAMS) {
    const v = values[p.name]!;
    const c = next_value(p, v, 0);
    if (v < p.min || v > p.max) violations.push(`${p.name}=${v} outside [${p.min}, ${p.max}]`);
    else if (c !== v) violations.push(`${p.name}=${v} not rounded to ${p.decimals} decimals`);
    clamped[p.name] = c;
  }
  return { violations, clamped };
}
