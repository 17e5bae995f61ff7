/**
 * The testnet-smoke workflow's report validator (SPEC §5.8), in the original's order: default
 * `params` and `timestamp_ms`, rebuild a missing `summary` from the first dict among summary,
 * kpis, results, metrics, orders; require summary.status/passed/failed; warn (only) on recon
 * divergences and on zero p95s while the network is enabled, and (mmsoak) when the measured edge
 * never had enough fills to arm the freeze.
 * @module
 */

/** Outcome of a validation. */
export interface ValidationResult {
  /** Hard failures (exit 1). */
  errors: string[];
  /** Warnings (printed, exit unaffected). */
  warnings: string[];
  /** The report with defaults filled in. */
  report: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

function is_obj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function float_or_drop(out: Obj, key: string, v: unknown): void {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  if (Number.isFinite(n)) out[key] = n;
}

function rebuild_summary(r: Obj): Obj {
  const src = ["summary", "kpis", "results", "metrics", "orders"].map((k) => r[k]).find(is_obj);
  if (!src) return { status: "unknown", passed: 0, failed: 0, warnings: 0 };
  const failed = src.failed ?? src.rejected ?? 0;
  const s: Obj = {
    passed: src.passed ?? src.placed ?? 0,
    failed,
    warnings: src.warnings ?? 0,
  };
  if (src.status !== undefined) s.status = src.status;
  else if (Number.isInteger(failed)) s.status = failed === 0 ? "pass" : "fail";
  for (const k of ["maker_fill_rate", "risk_ratio_p95", "latency_p95_ms"]) {
    float_or_drop(s, k, src[k]);
  }
  return s;
}

/** Validate a parsed report; `now_ms` fills a missing `timestamp_ms`. */
export function validate_smoke_report(data: unknown, now_ms: number): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!is_obj(data)) {
    return { errors: ["Report is not a JSON object"], warnings, report: {} };
  }
  const r: Obj = { ...data };
  if (!("params" in r)) r.params = {};
  if (!("timestamp_ms" in r)) r.timestamp_ms = now_ms;
  if (!is_obj(r.summary)) r.summary = rebuild_summary(r);
  for (const k of ["summary", "params", "timestamp_ms"]) {
    if (!(k in r)) errors.push(`Missing required key: ${k}`);
  }
  const s = r.summary as Obj;
  for (const k of ["status", "passed", "failed"]) {
    if (!(k in s)) errors.push(`Missing required key: summary.${k}`);
  }
  const recon = is_obj(r.recon) ? r.recon : {};
  const div = recon.divergence_count;
  if (Number.isInteger(div) && (div as number) > 0) {
    warnings.push(`Recon divergences detected: ${div}`);
  }
  const exec = is_obj(r.execution) ? r.execution : {};
  const network_enabled = exec.network_enabled === undefined ? true : Boolean(exec.network_enabled);
  if (network_enabled) {
    for (const k of ["latency_p95_ms", "risk_ratio_p95"]) {
      if (s[k] === 0) {
        warnings.push(`${k} is zero while network_enabled=True — check instrumentation`);
      }
    }
  }
  const edge = is_obj(r.edge) ? r.edge : undefined;
  const by_symbol = edge && is_obj(edge.by_symbol) ? Object.values(edge.by_symbol) : [];
  if (
    edge?.source === "measured" && !(s.warnings as number > 0) && by_symbol.length > 0 &&
    by_symbol.every((v) => typeof v !== "number")
  ) {
    warnings.push("Measured edge never armed (too few fills per symbol): the freeze was inactive");
  }
  return { errors, warnings, report: r };
}

/** The workflow's log check: lines matching these fail the smoke job. */
export const LOG_FAILURE_PATTERNS: readonly RegExp[] = [
  /error.*critical/i,
  /exception/i,
  /traceback/i,
];

/** First log line matching a failure pattern, if any. */
export function find_log_failure(logs: string): string | undefined {
  return logs.split("\n").find((l) => LOG_FAILURE_PATTERNS.some((p) => p.test(l)));
}
