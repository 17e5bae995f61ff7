/**
 * Load a soak directory once: every ITER_SUMMARY_n.json, rotated ones (.json.gz,
 * lib/analysis/load_gz.ts) included, in numeric order; TUNING_REPORT.json and
 * runtime_overrides.json (in DIR, else DIR/..). Large directories are parsed on several cores
 * (lib/analysis/load_parallel.ts); any bad file is one InputError naming file and field, and the
 * error reported is the first in iteration order whichever thread found it.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { dirname, join, resolve } from "../deps/path.ts";
import { parse_json_text } from "../artifacts/read.ts";
import { as_obj, opt_str, overrides_flat } from "./fields.ts";
import type { IterRecord } from "./iter_record.ts";
import { read_text_sync } from "./load_chunk.ts";
import { load_iters } from "./load_parallel.ts";
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
  /**
   * Start the first worker before listing and let it list (default: when the directory's size
   * in bytes is at least {@linkcode EARLY_DIR_BYTES}).
   */
  early?: boolean;
  /** The worker module (tests pass a missing one to check the main-thread fallback). */
  worker_url?: URL;
}

/** Directories with fewer ITER_SUMMARY files are parsed in the main thread only. */
const PARALLEL_MIN_FILES = 1500;

/**
 * A directory this large (st.size, bytes) has about PARALLEL_MIN_FILES entries or more on ext4,
 * btrfs and XFS (~30-50 bytes per entry) and tmpfs (20): worth starting a worker before listing.
 * Only when the worker starts depends on it, never the result; on file systems that report
 * another size (ZFS: the entry count) the count decides after listing.
 */
export const EARLY_DIR_BYTES = 64 * 1024;

/**
 * Worker threads for a large directory: one per core beyond the first, at most 3. Decided by the
 * hardware only, never by the current load: the same command on the same machine behaves the same.
 */
function default_workers(): number {
  const cores = navigator.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(3, cores - 1));
}

function stat_dir(dir: string): Deno.FileInfo {
  let st: Deno.FileInfo;
  try {
    st = Deno.statSync(dir);
  } catch {
    throw new InputError("soak directory not found", { file: dir });
  }
  if (!st.isDirectory) throw new InputError("not a directory", { file: dir });
  return st;
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

/** Load `dir` (see the module doc). Throws InputError for any missing or corrupt input. */
export async function load_soak_dir(dir: string, options: LoadOptions = {}): Promise<SoakDir> {
  const abs = resolve(dir);
  const st = stat_dir(abs);
  const workers = options.workers ?? default_workers();
  const plan = {
    workers,
    parallel_min: options.parallel_min ?? PARALLEL_MIN_FILES,
    early: options.early ?? st.size >= EARLY_DIR_BYTES,
    worker_url: options.worker_url,
  };
  const report_path = join(abs, "TUNING_REPORT.json");
  let report: TuningReportView | null = null;
  let late_error: unknown = null;
  // TUNING_REPORT.json is parsed while the workers list or parse; its errors come after those
  // of the listing and of the ITER_SUMMARY files.
  const { names, iters } = await load_iters(abs, plan, () => {
    try {
      report = parse_tuning_report(read_text_sync(report_path), report_path);
    } catch (e) {
      late_error = e;
    }
  });
  if (late_error !== null) throw late_error;
  const entries = report!.entries;
  for (const r of iters) {
    if (!entries.has(r.n)) {
      throw new InputError(`no entry for iteration ${r.n} (ITER_SUMMARY_${r.n}.json exists)`, {
        file: report_path,
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
