/**
 * Iteration numbers of soak artifacts and numeric ordering (1, 2, 3, 10, 11 — not 1, 10, 11, 2).
 * @module
 */
import { basename, join } from "../deps/path.ts";

const ITER_RE = /ITER_SUMMARY_(\d+)\.json$/;

/** The iteration number in a name like `ITER_SUMMARY_12.json`, or null when it does not match. */
export function iter_index_from_name(path: string): number | null {
  const m = basename(path).match(ITER_RE);
  return m ? Number.parseInt(m[1]!, 10) : null;
}

/**
 * The iteration number of an artifact: from its file name, else from its `iteration` field
 * (a positive integer), else null.
 */
export function iter_index(path: string, data?: unknown): number | null {
  const fromName = iter_index_from_name(path);
  if (fromName !== null) return fromName;
  if (data && typeof data === "object" && "iteration" in data) {
    const it = (data as { iteration: unknown }).iteration;
    if (typeof it === "number" && Number.isInteger(it) && it >= 0) return it;
  }
  return null;
}

/** Sort paths by iteration number (names that do not match sort first, by name). */
export function sort_by_iteration(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => {
    const ia = iter_index_from_name(a) ?? -1;
    const ib = iter_index_from_name(b) ?? -1;
    return ia !== ib ? ia - ib : a < b ? -1 : a > b ? 1 : 0;
  });
}

/** `ITER_SUMMARY_*.json` files in `dir`, in numeric iteration order. */
export async function list_iter_summaries(dir: string): Promise<{ path: string; n: number }[]> {
  const out: { path: string; n: number }[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile) continue;
    const n = iter_index_from_name(e.name);
    if (n !== null) out.push({ path: join(dir, e.name), n });
  }
  return out.sort((a, b) => a.n - b.n);
}
