/**
 * Façade over `node:path`, standing in for `@std/path` (JSR is not reachable here).
 * Import path helpers from this module only.
 * @module
 */
export { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of a file given relative to the directory of `meta_url` (an `import.meta.url`). */
export function from_module(meta_url: string, ...parts: string[]): string {
  return resolve(dirname(fileURLToPath(meta_url)), ...parts);
}
