/**
 * Output helpers shared by commands.
 * @module
 */
import { stable_stringify } from "../json/stable.ts";

/** Version of the `--json` documents printed by commands. */
export const JSON_OUTPUT_VERSION = 1;

/** Print `doc` on stdout as one JSON document (sorted keys, indent 2). */
export function print_json(doc: unknown): void {
  console.log(stable_stringify(doc, 2));
}

/** Format a number for humans with `digits` decimals, or `N/A` for null/NaN. */
export function fmt_num(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "N/A" : v.toFixed(digits);
}
