/**
 * Hand-written field checks for the hot path of loading a soak directory. zod on 10,000 files
 * costs more than the whole time budget of a command, so the loader checks the fields it reads
 * with these helpers; each failure is the same one-line InputError (file + dotted field path)
 * the zod schemas give. tests/analysis/fields_test.ts checks that everything zod rejects is
 * rejected here too.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { PARAMS } from "../tuning/registry.ts";

const PARAM_NAMES = new Set(PARAMS.map((p) => p.name));

/** Numbers beyond this magnitude are corrupt input: no KPI, delta or parameter gets near it. */
export const MAX_ABS_NUMBER = 1e15;

/** A JSON object (not null, not an array). */
export type Obj = Record<string, unknown>;

/** A short description of a JSON value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") {
    return `string ${JSON.stringify(v.length > 24 ? v.slice(0, 24) + "…" : v)}`;
  }
  if (typeof v === "number") return String(v);
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Throw the InputError for `field` of `file`. */
export function bad(file: string, field: string, message: string): never {
  throw new InputError(message, { file, field: field || "(root)" });
}

/** `v` as an object, else an InputError. */
export function as_obj(v: unknown, file: string, field: string): Obj {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    bad(file, field, `expected an object, got ${describe(v)}`);
  }
  return v as Obj;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** A finite number within ±MAX_ABS_NUMBER, else an InputError. */
export function as_num(v: unknown, file: string, field: string): number {
  if (typeof v !== "number") bad(file, field, `expected a number, got ${describe(v)}`);
  if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_NUMBER) {
    bad(file, field, `number out of range (${v})`);
  }
  return v;
}

/** True for a finite number within ±MAX_ABS_NUMBER (NaN fails the comparison). */
function ok_num(v: unknown): v is number {
  return typeof v === "number" && Math.abs(v) <= MAX_ABS_NUMBER;
}

// The hot path checks values inline and builds field paths only for the error message: on
// 10,000 files, eager path strings cost more than the checks themselves.

/** `o[key]`: absent or null → null, else a checked number. */
export function opt_num(o: Obj, key: string, file: string, prefix: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  return ok_num(v) ? v : as_num(v, file, join(prefix, key));
}

/** `o[key]`: absent (or null when `nullable`) → null, else a string. */
export function opt_str(
  o: Obj,
  key: string,
  file: string,
  prefix: string,
  nullable = true,
): string | null {
  const v = o[key];
  if (v === undefined || (v === null && nullable)) return null;
  if (typeof v !== "string") bad(file, join(prefix, key), `expected a string, got ${describe(v)}`);
  return v;
}

/** `o[key]`: absent → `dflt`, else a boolean (null is not a boolean). */
export function opt_bool(o: Obj, key: string, file: string, prefix: string, dflt = false): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== "boolean") {
    bad(file, join(prefix, key), `expected a boolean, got ${describe(v)}`);
  }
  return v;
}

/** A required boolean. */
export function req_bool(o: Obj, key: string, file: string, prefix: string): boolean {
  if (!(key in o)) bad(file, join(prefix, key), "required field is missing");
  return opt_bool(o, key, file, prefix);
}

/** `o[key]`: absent → null, else an object (null allowed when `nullable`). */
export function opt_obj(o: Obj, key: string, file: string, prefix: string): Obj | null {
  const v = o[key];
  if (v === undefined) return null;
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as Obj;
  return as_obj(v, file, join(prefix, key));
}

/** `o[key]`: absent → [], else an array of strings. */
export function opt_str_array(o: Obj, key: string, file: string, prefix: string): string[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) bad(file, join(prefix, key), `expected an array, got ${describe(v)}`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "string") {
      bad(file, `${join(prefix, key)}[${i}]`, `expected a string, got ${describe(v[i])}`);
    }
  }
  return v as string[];
}

/** `o[key]`: absent → null, else an object whose values are all checked numbers. */
export function opt_num_record(
  o: Obj,
  key: string,
  file: string,
  prefix: string,
): Record<string, number> | null {
  const v = o[key];
  if (v === undefined) return null;
  const rec = v !== null && typeof v === "object" && !Array.isArray(v)
    ? v as Obj
    : as_obj(v, file, join(prefix, key));
  for (const k in rec) if (!ok_num(rec[k])) as_num(rec[k], file, `${join(prefix, key)}.${k}`);
  return rec as Record<string, number>;
}

/**
 * A runtime-overrides object (flat numbers plus nested sections of numbers, strings, booleans,
 * nulls): every number is checked; returns the flat numeric keys.
 */
export function overrides_flat(v: unknown, file: string, field: string): Record<string, number> {
  const o = as_obj(v, file, field);
  const flat: Record<string, number> = {};
  for (const k in o) {
    const x = o[k];
    // A registry parameter must be a number wherever it appears; other keys may be metadata.
    if (ok_num(x)) flat[k] = x;
    else if (typeof x === "number" || PARAM_NAMES.has(k)) flat[k] = as_num(x, file, join(field, k));
    else check_override_value(x, file, join(field, k), 1);
  }
  return flat;
}

function check_override_value(v: unknown, file: string, field: string, depth: number): void {
  if (v === null || typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    if (!ok_num(v)) as_num(v, file, field);
    return;
  }
  if (Array.isArray(v) || typeof v !== "object" || depth > 8) {
    bad(file, field, `expected a number or a section, got ${describe(v)}`);
  }
  for (const k in v as Obj) {
    const x = (v as Obj)[k];
    if (PARAM_NAMES.has(k)) as_num(x, file, join(field, k));
    else check_override_value(x, file, join(field, k), depth + 1);
  }
}

/** Value at a nested path, or the first key named `name` found depth-first (document order). */
export function deep_find(v: unknown, name: string, depth = 0): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v) || depth > 8) return undefined;
  const o = v as Obj;
  if (name in o && typeof o[name] !== "object") return o[name];
  for (const k in o) {
    const r = deep_find(o[k], name, depth + 1);
    if (r !== undefined) return r;
  }
  return undefined;
}
