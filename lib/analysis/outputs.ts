/**
 * Files the snapshot and gate commands write into a soak directory, each atomically.
 * @module
 */
import { write_text_atomic } from "../artifacts/write.ts";
import { join } from "../deps/path.ts";
import { stable_stringify } from "../json/stable.ts";
import { delta_prom, gate_prom, snapshot_prom } from "./prometheus.ts";
import type { Snapshot } from "./snapshot.ts";
import type { VerifyResult } from "./verify.ts";
import { verify_markdown } from "./verify_report.ts";

/** Output file names. */
export const OUTPUT_FILES = {
  snapshot: "POST_SOAK_SNAPSHOT.json",
  metrics: "POST_SOAK_METRICS.prom",
  delta_report: "DELTA_VERIFY_REPORT.md",
} as const;

/** Write POST_SOAK_SNAPSHOT.json (compact, sorted keys, trailing newline, as the original). */
export async function write_snapshot(dir: string, s: Snapshot): Promise<string> {
  const path = join(dir, OUTPUT_FILES.snapshot);
  await write_text_atomic(path, stable_stringify(s) + "\n");
  return path;
}

/** Write POST_SOAK_METRICS.prom: the snapshot block, plus the delta block and gate verdict when given. */
export async function write_metrics(
  dir: string,
  s: Snapshot,
  v?: VerifyResult,
  gate_verdict?: "PASS" | "WARN" | "FAIL",
): Promise<string> {
  const path = join(dir, OUTPUT_FILES.metrics);
  const text = snapshot_prom(s) + (v ? delta_prom(v.metrics) : "") +
    (gate_verdict ? gate_prom(gate_verdict) : "");
  await write_text_atomic(path, text);
  return path;
}

/**
 * What gate writes: POST_SOAK_SNAPSHOT.json, DELTA_VERIFY_REPORT.md and, with a verdict,
 * POST_SOAK_METRICS.prom. Every text first (a NaN raises before anything is written), then the
 * atomic writes at once: their fsyncs overlap. Resolves to the paths, in that order.
 */
export async function write_gate_outputs(
  dir: string,
  s: Snapshot,
  v: VerifyResult,
  prometheus_verdict?: "PASS" | "WARN" | "FAIL",
): Promise<string[]> {
  const files: [string, string][] = [
    [join(dir, OUTPUT_FILES.snapshot), stable_stringify(s) + "\n"],
    [join(dir, OUTPUT_FILES.delta_report), verify_markdown(v)],
  ];
  if (prometheus_verdict) {
    files.push([
      join(dir, OUTPUT_FILES.metrics),
      snapshot_prom(s) + delta_prom(v.metrics) + gate_prom(prometheus_verdict),
    ]);
  }
  await Promise.all(files.map(([path, text]) => write_text_atomic(path, text)));
  return files.map(([path]) => path);
}

/** Write DELTA_VERIFY_REPORT.md. */
export async function write_delta_report(dir: string, v: VerifyResult): Promise<string> {
  const path = join(dir, OUTPUT_FILES.delta_report);
  await write_text_atomic(path, verify_markdown(v));
  return path;
}
