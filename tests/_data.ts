/**
 * The one way tests reach ../shared/data (env MMSOAK_DATA overrides). A test that needs a data
 * set that is absent (a user's clone) is registered as ignored, with a message naming the set.
 * @module
 */
import { from_module, join, resolve } from "../lib/deps/path.ts";

/** Root of the shared data (MMSOAK_DATA or ../shared/data next to the repository). */
export function data_root(): string {
  const env = Deno.env.get("MMSOAK_DATA");
  return env ? resolve(env) : from_module(import.meta.url, "..", "..", "shared", "data");
}

/** Absolute path of a data set given relative to the data root, e.g. `market/hftbacktest/x.gz`. */
export function data_path(rel: string): string {
  return join(data_root(), ...rel.split("/"));
}

/** True when the data set exists. */
export function has_data(rel: string): boolean {
  try {
    Deno.statSync(data_path(rel));
    return true;
  } catch {
    return false;
  }
}

const warned = new Set<string>();

/**
 * `Deno.test` for a test that needs data set `rel`: ignored, with one message on stderr naming
 * the data set, when it is absent.
 */
export function data_test(
  name: string,
  rel: string | string[],
  fn: (t: Deno.TestContext) => void | Promise<void>,
): void {
  const sets = Array.isArray(rel) ? rel : [rel];
  const missing = sets.filter((r) => !has_data(r));
  for (const m of missing) {
    if (!warned.has(m)) {
      warned.add(m);
      console.error(`skipping tests that need data set ${m}: not found under ${data_root()}`);
    }
  }
  Deno.test({ name, ignore: missing.length > 0, fn });
}
