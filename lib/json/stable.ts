/**
 * Deterministic JSON: sorted keys, finite numbers only, so that hashes and bytes are stable.
 * @module
 */

/** Raised when a value cannot be written as strict JSON (NaN, Infinity, undefined in arrays, ...). */
export class JsonValueError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "JsonValueError";
  }
}

/**
 * Serialise `value` with object keys sorted (recursively). `indent` 0 gives the compact form.
 * NaN and ±Infinity raise {@linkcode JsonValueError} naming the field path; `undefined`
 * object members are omitted, as JSON.stringify does.
 */
export function stable_stringify(value: unknown, indent = 0): string {
  return JSON.stringify(sort_value(value, "$"), null, indent || undefined);
}

function sort_value(v: unknown, path: string): unknown {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new JsonValueError(`${path}: ${v} is not valid JSON`);
    return v;
  }
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x, i) => sort_value(x, `${path}[${i}]`));
  if (v instanceof Map) return sort_value(Object.fromEntries(v), path);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === "function") continue;
    out[k] = sort_value(x, `${path}.${k}`);
  }
  return out;
}

/** SHA-256 of `data` (text is UTF-8 encoded) as lowercase hex. */
export async function sha256_hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
