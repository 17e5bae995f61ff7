/**
 * The soak loop: resolve the configuration, start or resume, run the iterations writing each in
 * commit order (TUNING_STATE.json last), then write metrics.prom, rotate, and report.
 * @module
 */
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import { read_text } from "../artifacts/read.ts";
import { join } from "../deps/path.ts";
import { type MetricsServer, serve_metrics } from "../metrics/serve.ts";
import { one_line, UsageError } from "../cli/errors.ts";
import { render_overrides } from "../tuning/apply.ts";
import { type GuardState, initial_guard_state } from "../tuning/state.ts";
import { resolve_params } from "./config.ts";
import { run_iteration } from "./iteration.ts";
import {
  create_soak_metrics,
  restore_histogram,
  set_soak_gauges,
  snapshot_histogram,
  type SoakMetrics,
} from "./metrics.ts";
import { profile_values } from "./profiles.ts";
import { load_resume } from "./resume.ts";
import { rotate_iter_summaries, type RotationReport } from "./rotate.ts";
import { config_document, config_text, type RunSettings } from "./run_config.ts";
import { make_source } from "./source.ts";
import { state_document } from "./state_file.ts";
import { read_trend_rows } from "./read_rows.ts";
import { decision, last8_summary, type TrendRow } from "./trend.ts";
import { ArtifactWriter } from "./writer.ts";
import { ReportText } from "./report_text.ts";
import { PANIC } from "../tuning/limits.ts";
import { sha256_hex } from "../json/stable.ts";

/** Everything a soak run needs. */
export interface SoakOptions extends RunSettings {
  run_sources: Record<string, string>;
  profile?: string;
  preset?: string;
  overrides_file?: string;
  set: string[];
  out: string;
  resume: boolean;
  metrics_port?: number;
  env: (name: string) => string | undefined;
  /** Called once per iteration with its progress line. */
  on_iteration?: (line: string, n: number) => void | Promise<void>;
  /** Called with informational lines (metrics URL). */
  on_info?: (line: string) => void;
}

/** What a finished run reports. */
export interface SoakResult {
  iterations: number;
  resumed_from: number | null;
  rows: TrendRow[];
  decision: { level: string; text: string };
  last8: ReturnType<typeof last8_summary>;
  counters: GuardState["counters"];
  final_overrides: Record<string, number>;
  rotation: RotationReport | null;
}

/** Artifacts a fresh run replaces in its output directory (nothing else is touched). */
const OWN_FILE =
  /^(ITER_SUMMARY_\d+\.json(\.gz)?|TUNING_REPORT\.json|TUNING_STATE\.json|runtime_overrides\.json|SOAK_CONFIG\.json|metrics\.prom)$/;

/** Temp files of lib/artifacts/write.ts left by a run killed mid-write. */
const STALE_TEMP = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;
const OWN_ARTIFACT = /^(EDGE_REPORT|KPI_GATE)\.json$/;

/** Remove a fresh run's predecessors (or, on resume, only stale temp files). */
async function clear_outputs(dir: string, stale_only: boolean): Promise<void> {
  const targets: [string, RegExp[]][] = [
    [dir, stale_only ? [STALE_TEMP] : [STALE_TEMP, OWN_FILE]],
    [join(dir, "artifacts"), stale_only ? [STALE_TEMP] : [STALE_TEMP, OWN_ARTIFACT]],
  ];
  for (const [d, res] of targets) {
    try {
      for await (const e of Deno.readDir(d)) {
        if (e.isFile && res.some((re) => re.test(e.name))) await Deno.remove(join(d, e.name));
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
}

/** Run a soak; bad input throws InputError/UsageError before anything is written. */
export async function run_soak(o: SoakOptions): Promise<SoakResult> {
  const params = await resolve_params({
    profile: o.profile,
    preset: o.preset,
    overrides_file: o.overrides_file,
    env: o.env,
    set: o.set,
  });
  const cfg = await config_text(config_document(o, o.run_sources, params.values, params.sources));
  const source = await make_source(o);
  const w = new ArtifactWriter(o.out, o.env("MMSOAK_KILL_AFTER_WRITES"));
  const metrics = create_soak_metrics();

  const resumed = o.resume ? await load_resume(o.out, cfg.text, o.iterations) : null;
  // Bind the metrics port before writing anything, so a busy port leaves no partial directory.
  const server = o.metrics_port === undefined ? null : start_server(metrics, o.metrics_port);
  let rows: TrendRow[] = [];
  let values = params.values;
  let guard = initial_guard_state(params.values);
  try {
    if (server) o.on_info?.(`metrics: ${server.url}`);
    const config_hash = resumed?.config_hash ?? cfg.hash;
    let state = resumed?.state ?? null;
    const report = new ReportText();
    for (const e of resumed?.entries ?? []) report.add(e);
    await clear_outputs(o.out, resumed !== null);
    if (!resumed) {
      await w.text("SOAK_CONFIG.json", cfg.text);
    }
    let carry: unknown = state?.carry;
    if (state) {
      values = state.overrides;
      guard = state.guard;
      restore_histogram(metrics.latency_ms, state.metrics.latency);
      restore_histogram(metrics.risk_ratio, state.metrics.risk);
    }
    // The overrides file of the next iteration is rewritten from the commit record, undoing any
    // write of an iteration that did not commit.
    const runtime_path = w.path("runtime_overrides.json");
    await w.text("runtime_overrides.json", render_overrides(values));

    const ctx = {
      total: o.iterations,
      window_s: o.window_s,
      start_ms: o.start_ms,
      warmup: o.warmup,
      auto_tune: o.auto_tune,
      source,
      panic_values: profile_values(PANIC.profile),
    };
    for (let n = (state?.iteration ?? 0) + 1; n <= o.iterations; n++) {
      const text = await read_text(runtime_path);
      const r = await run_iteration(ctx, n, text, runtime_path, guard, carry);
      // Round-trip the carry through JSON so a resumed run sees exactly what this one sees.
      carry = r.outcome.carry === undefined
        ? undefined
        : JSON.parse(JSON.stringify(r.outcome.carry));
      for (const v of Array.from(r.outcome.latency_ms)) metrics.observe_latency_ms(v);
      for (const v of Array.from(r.outcome.risk_samples)) metrics.observe_risk_ratio(v);
      set_soak_gauges(
        metrics,
        gauges_of(n, r.guard.counters, r.tuning.freeze_active === true, r.summary, r.next),
      );
      report.add(r.report_entry);
      await w.json("artifacts/EDGE_REPORT.json", r.edge_report);
      await w.json("artifacts/KPI_GATE.json", r.kpi_gate);
      await w.json(`ITER_SUMMARY_${n}.json`, r.iter_summary);
      await w.text("TUNING_REPORT.json", report.text(SCHEMA_VERSION, r.guard.counters));
      const runtime_text = render_overrides(r.next);
      await w.text("runtime_overrides.json", runtime_text);
      values = r.next;
      guard = r.guard;
      state = {
        iteration: n,
        total_iterations: o.iterations,
        config_hash,
        runtime_hash: await sha256_hex(runtime_text),
        overrides: values,
        guard,
        carry,
        metrics: {
          latency: snapshot_histogram(metrics.latency_ms),
          risk: snapshot_histogram(metrics.risk_ratio),
        },
      };
      await w.json("TUNING_STATE.json", state_document(state));
      await o.on_iteration?.(progress_line(n, o.iterations, r.summary, r.tuning), n);
    }
    rows = await read_trend_rows(o.out, o.iterations);
    const last = rows[rows.length - 1];
    const frozen = guard.frozen_until_iter !== null && o.iterations <= guard.frozen_until_iter;
    set_soak_gauges(metrics, gauges_of(o.iterations, guard.counters, frozen, last ?? {}, values));
    await w.text("metrics.prom", await metrics.registry.metrics());
  } finally {
    await server?.close();
  }

  const rotation = o.keep !== null ? await rotate_iter_summaries(o.out, o.keep) : null;
  return {
    iterations: o.iterations,
    resumed_from: resumed ? (resumed.state?.iteration ?? 0) : null,
    rows,
    decision: decision(rows),
    last8: last8_summary(rows),
    counters: { ...guard.counters },
    final_overrides: values,
    rotation,
  };
}

function start_server(metrics: SoakMetrics, port: number): MetricsServer {
  try {
    return serve_metrics(metrics.registry, { port });
  } catch (e) {
    throw new UsageError(`--metrics-port ${port}: ${one_line(e)}`);
  }
}

function gauges_of(
  n: number,
  counters: GuardState["counters"],
  freeze_active: boolean,
  s: Record<string, unknown> | TrendRow,
  params: Record<string, number>,
): Parameters<typeof set_soak_gauges>[1] {
  const k = s as Record<string, unknown>;
  const num = (v: unknown) => typeof v === "number" ? v : null;
  return {
    iterations: n,
    counters,
    freeze_active,
    kpis: {
      net_bps: num(k.net_bps),
      risk_ratio: num(k.risk_ratio),
      p95_latency_ms: num(k.p95_latency_ms),
      maker_taker_ratio: num(k.maker_taker_ratio),
    },
    params,
  };
}

/** The per-iteration line: KPIs, verdict, and what the tuner did. */
export function progress_line(
  n: number,
  total: number,
  s: Record<string, unknown>,
  t: Record<string, unknown>,
): string {
  const f = (v: unknown, d: number) => typeof v === "number" ? v.toFixed(d) : "N/A";
  const risk = typeof s.risk_ratio === "number" ? `${(s.risk_ratio * 100).toFixed(1)}%` : "N/A";
  const skip = t.skip_reason as { reason?: string } | string;
  const partial = t.partial_skip as { dropped?: Record<string, string> } | null | undefined;
  const dropped = Object.entries(partial?.dropped ?? {}).map(([k, g]) => `${k}:${g}`);
  const action = t.applied
    ? `applied ${(t.changed_keys as string[]).join(",")}` +
      (dropped.length ? ` dropped ${dropped.join(",")}` : "")
    : `skip=${typeof skip === "object" ? skip.reason : skip}`;
  return `[ITER ${n}/${total}] net=${f(s.net_bps, 2)} risk=${risk} p95=${
    f(s.p95_latency_ms, 0)
  }ms ` +
    `m/t=${f(s.maker_taker_ratio, 2)} verdict=${s.verdict} ${action}` +
    (t.freeze_triggered ? " FREEZE" : "") + (t.panic_revert ? " PANIC_REVERT" : "");
}
