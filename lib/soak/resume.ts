/**
 * `--resume`: validate an output directory and find the last complete iteration. The commit
 * order of an iteration is EDGE_REPORT, KPI_GATE, ITER_SUMMARY_n, TUNING_REPORT,
 * runtime_overrides, then TUNING_STATE (the commit record), so after a kill at any point the
 * state names an iteration whose files are all complete; later files are redone identically.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { parse_json_text, read_json, read_text, validate } from "../artifacts/read.ts";
import { gunzip } from "../artifacts/gzip.ts";
import { IterSummary } from "../artifacts/iter_summary.ts";
import { TuningReportObject } from "../artifacts/tuning_report.ts";
import { join } from "../deps/path.ts";
import { sha256_hex } from "../json/stable.ts";
import { parse_state, type SoakState } from "./state_file.ts";

/** Where a resumed run continues. */
export interface ResumePoint {
  /** The committed state, or null when no iteration completed. */
  state: SoakState | null;
  /** TUNING_REPORT entries of the committed iterations. */
  entries: Record<string, unknown>[];
  /** Hash of the stored SOAK_CONFIG.json (the run's identity). */
  config_hash: string;
}

/** The config document without the per-key sources (a resume may spell the same run differently). */
function without_sources(doc: unknown): unknown {
  const { run_sources: _r, param_sources: _p, ...rest } = doc as Record<string, unknown>;
  return rest;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

function first_difference(a: unknown, b: unknown, path = ""): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a)) {
    const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
      const d = first_difference(ao[k], bo[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return `${path || "(root)"} (stored ${JSON.stringify(a)}, now ${JSON.stringify(b)})`;
}

/** Validate `dir` for a resume of the run described by `config_text`. */
export async function load_resume(
  dir: string,
  config_text: string,
  total: number,
): Promise<ResumePoint> {
  if (!(await exists(dir))) throw new InputError("resume directory not found", { file: dir });
  const cfg_path = join(dir, "SOAK_CONFIG.json");
  if (!(await exists(cfg_path))) {
    throw new InputError("not a soak output directory (SOAK_CONFIG.json missing)", { file: dir });
  }
  const stored = await read_text(cfg_path);
  const diff = first_difference(
    without_sources(parse_json_text(stored, cfg_path)),
    without_sources(JSON.parse(config_text)),
  );
  if (diff) {
    throw new InputError(`written by a run with another configuration: ${diff}`, {
      file: cfg_path,
    });
  }
  const config_hash = await sha256_hex(stored);
  const state_path = join(dir, "TUNING_STATE.json");
  if (!(await exists(state_path))) return { state: null, entries: [], config_hash };
  const state = parse_state(parse_json_text(await read_text(state_path), state_path), state_path);
  if (state.config_hash !== config_hash) {
    throw new InputError("config_hash does not match SOAK_CONFIG.json", {
      file: state_path,
      field: "config_hash",
    });
  }
  if (state.total_iterations !== total || state.iteration > total) {
    throw new InputError(
      `iteration ${state.iteration} of ${state.total_iterations} does not fit a ${total}-iteration run`,
      {
        file: state_path,
        field: "iteration",
      },
    );
  }
  const k = state.iteration;
  if (k === 0) return { state, entries: [], config_hash };
  let iter_path = join(dir, `ITER_SUMMARY_${k}.json`);
  let iter;
  if (!(await exists(iter_path)) && (await exists(`${iter_path}.gz`))) {
    // A finished run rotated with --keep 0: its last summary is only in the .gz.
    iter_path = `${iter_path}.gz`;
    const text = new TextDecoder().decode(await gunzip(await Deno.readFile(iter_path)));
    iter = validate(IterSummary, parse_json_text(text, iter_path), iter_path);
  } else iter = await read_json(iter_path, IterSummary);
  if (iter.iteration !== k || iter.tuning.state_hash !== state.runtime_hash) {
    throw new InputError("inconsistent with TUNING_STATE.json (state_hash differs)", {
      file: iter_path,
      field: "tuning.state_hash",
    });
  }
  const report_path = join(dir, "TUNING_REPORT.json");
  const report = await read_json(report_path, TuningReportObject);
  const entries = report.iterations.filter((e) => e.iteration <= k);
  if (entries.length !== k || entries.some((e, i) => e.iteration !== i + 1)) {
    throw new InputError(`expected entries for iterations 1..${k}`, {
      file: report_path,
      field: "iterations",
    });
  }
  return { state, entries: entries as Record<string, unknown>[], config_hash };
}
