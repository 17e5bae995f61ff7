/**
 * TUNING_REPORT.json, checked and reduced to one tuning decision per iteration (the entries use
 * the same field names as ITER_SUMMARY `tuning`). Both shapes are accepted: the object with
 * `iterations` and `summary`, and the original's legacy bare list.
 * @module
 */
import { parse_json_text } from "../artifacts/read.ts";
import { as_num, as_obj, bad, describe, type Obj } from "./fields.ts";
import { tuning_view, type TuningView } from "./iter_record.ts";

/** A parsed TUNING_REPORT. */
export interface TuningReportView {
  /** Tuning decision by iteration number. */
  entries: Map<number, TuningView>;
  /** The report's own counters, when present. */
  summary: Record<string, number> | null;
}

function count(o: Obj, key: string, file: string, required: boolean): void {
  const field = `summary.${key}`;
  if (!(key in o)) {
    if (required) bad(file, field, "required field is missing");
    return;
  }
  const v = as_num(o[key], file, field);
  if (!Number.isInteger(v) || v < 0) bad(file, field, `expected an integer ≥ 0, got ${v}`);
}

/** Parse and check TUNING_REPORT text; duplicate iteration entries are an InputError. */
export function parse_tuning_report(text: string, file: string): TuningReportView {
  const data = parse_json_text(text, file);
  let list: unknown;
  let prefix = "";
  let summary: Record<string, number> | null = null;
  if (Array.isArray(data)) list = data;
  else {
    const root = as_obj(data, file, "");
    if (root.schema_version !== undefined && typeof root.schema_version !== "string") {
      bad(file, "schema_version", `expected a string, got ${describe(root.schema_version)}`);
    }
    if (!("iterations" in root)) bad(file, "iterations", "required field is missing");
    list = root.iterations;
    prefix = "iterations";
    if (!Array.isArray(list)) bad(file, "iterations", `expected an array, got ${describe(list)}`);
    if (root.summary !== undefined) {
      const s = as_obj(root.summary, file, "summary");
      count(s, "count", file, true);
      count(s, "applied", file, true);
      for (const k in s) if (k !== "count" && k !== "applied") count(s, k, file, false);
      summary = s as Record<string, number>;
    }
  }
  const entries = new Map<number, TuningView>();
  const arr = list as unknown[];
  for (let i = 0; i < arr.length; i++) {
    const p = `${prefix}[${i}]`;
    const e = as_obj(arr[i], file, p);
    if (!("iteration" in e)) bad(file, `${p}.iteration`, "required field is missing");
    const n = as_num(e.iteration, file, `${p}.iteration`);
    if (!Number.isInteger(n) || n < 0) {
      bad(file, `${p}.iteration`, `expected an integer ≥ 0, got ${n}`);
    }
    if (entries.has(n)) bad(file, `${p}.iteration`, `duplicate entry for iteration ${n}`);
    for (const k of ["runtime_utc", "kpi_verdict", "verdict"]) {
      if (e[k] !== undefined && e[k] !== null && typeof e[k] !== "string") {
        bad(file, `${p}.${k}`, `expected a string, got ${describe(e[k])}`);
      }
    }
    if (e.net_bps !== undefined && e.net_bps !== null) as_num(e.net_bps, file, `${p}.net_bps`);
    entries.set(n, tuning_view(e, file, p));
  }
  return { entries, summary };
}
