/**
 * Façade over `csv-parse` and `csv-stringify`, standing in for `@std/csv`.
 * @module
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/** Parse CSV text into rows of strings (CRLF and LF both accepted). */
export function parse_csv(text: string): string[][] {
  return parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
}

/** Parse CSV text with a header row into records keyed by column name. */
export function parse_csv_records(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Serialise rows to CSV text with `\n` line endings; cells quoted only when needed. */
export function stringify_csv(rows: (string | number | boolean | null | undefined)[][]): string {
  return stringify(rows, { record_delimiter: "unix", cast: { boolean: (b) => String(b) } });
}
