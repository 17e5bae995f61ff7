/**
 * Numeric flag values, checked the same way by every command: one message shape,
 * `Flag --NAME needs an integer ≥ 1, got "x"` (a UsageError, so exit 2).
 * @module
 */
import { UsageError } from "./errors.ts";

/** What a numeric flag accepts. */
export interface NumberSpec {
  min?: number;
  max?: number;
  /** Only whole numbers written as digits (no "1e3", no "2.0"). */
  integer?: boolean;
}

function wanted(s: NumberSpec): string {
  const kind = s.integer ? "an integer" : "a number";
  if (s.min !== undefined && s.max !== undefined) return `${kind} between ${s.min} and ${s.max}`;
  if (s.min !== undefined) return `${kind} ≥ ${s.min}`;
  if (s.max !== undefined) return `${kind} ≤ ${s.max}`;
  return kind;
}

/** The value of the string flag `--name` as a number within `spec`; UsageError otherwise. */
export function number_flag(name: string, v: unknown, spec: NumberSpec = {}): number {
  const x = Number(v);
  const ok = typeof v === "string" && v.trim() !== "" && Number.isFinite(x) &&
    (!spec.integer || /^-?\d+$/.test(v.trim())) &&
    (spec.min === undefined || x >= spec.min) && (spec.max === undefined || x <= spec.max);
  if (!ok) throw new UsageError(`Flag --${name} needs ${wanted(spec)}, got ${JSON.stringify(v)}`);
  return x;
}

/** {@linkcode number_flag}, or undefined when the flag was not given. */
export function opt_number_flag(
  name: string,
  v: unknown,
  spec: NumberSpec = {},
): number | undefined {
  return v === undefined ? undefined : number_flag(name, v, spec);
}
