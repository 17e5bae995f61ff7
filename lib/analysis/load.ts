/**
 * Load a soak directory once: every ITER_SUMMARY_n.json (numeric order), TUNING_REPORT.json and
 * runtime_overrides.json (in DIR, else DIR/..). Large directories are parsed on several cores
 * (workers take chunks of files); any bad file is one InputError naming file and field, and the
 * error reported is the first in iteration order whichever thread found it.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { dirname, join, resolve } from "../deps/path.ts";
import { parse_json_text } from "../artifacts/read.ts";
import { as_obj, opt_str, overrides_flat } from "./fields.ts";
import type { IterRecord } from "./iter_record.ts";
import { chunk_error, type ChunkResult, parse_chunk, read_text_sync } from "./load_chunk.ts";
import { decode_records, type RecordColumns } from "./record_codec.ts";
import { parse_tuning_report, type TuningReportView } from "./tuning_entries.ts";

/** runtime_overrides.json as loaded. */
export interface OverridesFile {
  path: string;
  /** Flat numeric keys (the values for the iteration after the last one). */
  flat: Record<string, number>;
  /** The whole parsed object (nested sections included). */
  raw: unknown;
}

/** A loaded soak directory. */
export interface SoakDir {
  /** Absolute path. */
  dir: string;
  /** Names of the entries of the directory (for file inventories). */
  names: string[];
  /** Iterations in numeric order. */
  iters: IterRecord[];
  tuning_report: TuningReportView;
  overrides: OverridesFile | null;
  /** Verdict of KPI_GATE.json (DIR/artifacts/ or DIR/), when the file exists. */
  kpi_gate: { path: string; verdict: string | null } | null;
}

/** Options of {@linkcode load_soak_dir}. */
export interface LoadOptions {
  /** Worker threads for large directories (default: cores − 1, at most 3; 0 = none). */
  workers?: number;
  /** Directories with fewer ITER_SUMMARY files are parsed in the main thread (default 1500). */
  parallel_min?: number;
}

/** Directories with fewer ITER_SUMMARY files are parsed in the main thread only. */
const PARALLEL_MIN_FILES = 1500;

const PREFIX = "ITER_SUMMARY_";

/**
 * The iteration number of an entry name matching /ITER_SUMMARY_(\d+)\.json$/ (the pattern of
 * lib/sort/iter_index.ts), else null. A character loop: 10,000 regex matches cost more.
 */
export function iter_number(name: string): number | null {
  if (!name.endsWith(".json")) return null;
  const end = name.length - 5;
  // The digits can only follow the last occurrence of the prefix.
  const at = name.lastIndexOf(PREFIX, end);
  const from = at + PREFIX.length;
  if (at < 0 || from >= end) return null;
  for (let i = from; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(name.slice(from, end));
}

function list_dir(dir: string): { names: string[]; items: [string, number][] } {
  let st: Deno.FileInfo;
  try {
    st = Deno.statSync(dir);
  } catch {
    throw new InputError("soak directory not found", { file: dir });
  }
  if (!st.isDirectory) throw new InputError("not a directory", { file: dir });
  const names: string[] = [];
  const items: [string, number][] = [];
  for (const e of Deno.readDirSync(dir)) {
    names.push(e.name);
    const n = iter_number(e.name);
    if (n === null) continue;
    if (!Number.isSafeInteger(n)) {
      throw new InputError(`iteration number ${n} is out of range`, { file: join(dir, e.name) });
    }
    items.push([e.name, n]);
  }
  if (items.length === 0) throw new InputError("no ITER_SUMMARY_*.json files", { file: dir });
  // Duplicates are neighbours once sorted (by name among equal numbers): the lowest duplicated
  // number is reported, whatever order the directory lists its entries in.
  items.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  for (let i = 1; i < items.length; i++) {
    const [name, n] = items[i]!;
    if (n === items[i - 1]![1]) {
      throw new InputError(`duplicate iteration ${n} (also in ${items[i - 1]![0]})`, {
        file: join(dir, name),
      });
    }
  }
  return { names, items };
}

function parse_in_worker(dir: string, items: [string, number][]): Promise<ChunkResult> {
  return new Promise((res) => {
    let w: Worker;
    try {
      w = new Worker(new URL("./load_worker.ts", import.meta.url).href, { type: "module" });
    } catch {
      // No worker support (e.g. a bundle without the worker module): parse here instead.
      res(parse_chunk(dir, items));
      return;
    }
    w.onmessage = (ev: MessageEvent<ChunkResult | { ok: true; columns: RecordColumns }>) => {
      w.terminate();
      const d = ev.data;
      res("columns" in d ? { ok: true, records: decode_records(d.columns) } : d);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      w.terminate();
      res(parse_chunk(dir, items));
    };
    w.postMessage({ dir, items });
  });
}

/** Text of `path`, or null when it does not exist. */
function read_optional(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new InputError(`cannot read file (${e instanceof Error ? e.name : e})`, { file: path });
  }
}

/** The first of `paths` that exists, parsed. */
function first_json(paths: string[]): { path: string; raw: unknown } | null {
  for (const path of paths) {
    const text = read_optional(path);
    if (text !== null) return { path, raw: parse_json_text(text, path) };
  }
  return null;
}

function load_overrides(dir: string): OverridesFile | null {
  const f = first_json([
    join(dir, "runtime_overrides.json"),
    join(dirname(dir), "runtime_overrides.json"),
  ]);
  return f && { path: f.path, flat: overrides_flat(f.raw, f.path, ""), raw: f.raw };
}

function load_kpi_gate(dir: string): SoakDir["kpi_gate"] {
  const f = first_json([join(dir, "artifacts", "KPI_GATE.json"), join(dir, "KPI_GATE.json")]);
  return f && { path: f.path, verdict: opt_str(as_obj(f.raw, f.path, ""), "verdict", f.path, "") };
}

/**
 * Worker threads for a large directory: one per core beyond the first, at most 3. Decided by the
 * hardware only, never by the current load: the same command on the same machine behaves the same.
 */
function default_workers(): number {
  const cores = navigator.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(3, cores - 1));
}

/**
 * The main thread's weight against one worker's: it also parses TUNING_REPORT.json and decodes
 * the workers' columns, so it takes fewer ITER_SUMMARY files (MAIN_WEIGHT / (MAIN_WEIGHT + workers)).
 */
const MAIN_WEIGHT = 0.7;

/** Load `dir` (see the module doc). Throws InputError for any missing or corrupt input. */
export async function load_soak_dir(dir: string, options: LoadOptions = {}): Promise<SoakDir> {
  const abs = resolve(dir);
  const { names, items } = list_dir(abs);
  const parallel = items.length >= (options.parallel_min ?? PARALLEL_MIN_FILES);
  const workers = parallel ? (options.workers ?? default_workers()) : 0;
  const main_share = workers
    ? Math.floor(items.length * MAIN_WEIGHT / (MAIN_WEIGHT + workers))
    : items.length;
  const rest = items.length - main_share;
  const pending: Promise<ChunkResult>[] = [];
  for (let i = 0; i < workers; i++) {
    const from = main_share + Math.floor(rest * i / workers);
    const to = main_share + Math.floor(rest * (i + 1) / workers);
    pending.push(parse_in_worker(abs, items.slice(from, to)));
  }
  const first = parse_chunk(abs, items.slice(0, main_share));
  const results = [first];
  let report: TuningReportView | null = null;
  let late_error: unknown = null;
  try {
    const path = join(abs, "TUNING_REPORT.json");
    report = parse_tuning_report(read_text_sync(path), path);
  } catch (e) {
    late_error = e;
  }
  results.push(...await Promise.all(pending));
  const iters: IterRecord[] = [];
  for (const r of results) {
    if (!r.ok) throw chunk_error(r);
    for (const rec of r.records) iters.push(rec);
  }
  if (late_error !== null) throw late_error;
  for (const r of iters) {
    if (!report!.entries.has(r.n)) {
      const file = join(abs, "TUNING_REPORT.json");
      throw new InputError(`no entry for iteration ${r.n} (ITER_SUMMARY_${r.n}.json exists)`, {
        file,
        field: "iterations",
      });
    }
  }
  return {
    dir: abs,
    names,
    iters,
    tuning_report: report!,
    overrides: load_overrides(abs),
    kpi_gate: load_kpi_gate(abs),
  };
}
