/**
 * The self-contained HTML report of a soak: gate verdict and checks, KPI lines per iteration
 * against their thresholds, tuning events (applied / skipped by reason / freeze) on the same
 * iteration axis, delta verification. One file: inline CSS and SVG, no script, no network.
 * @module
 */
import type { GateResult } from "./gate.ts";
import type { IterRecord } from "./iter_record.ts";
import type { SoakDir } from "./load.ts";
import type { Snapshot } from "./snapshot.ts";
import {
  type Axis,
  esc,
  event_strip,
  line_chart,
  type ThresholdLine,
  type TuningEvent,
} from "./svg_chart.ts";
import { ITERATION_VERDICT } from "./thresholds.ts";
import type { GateThresholds } from "./thresholds_file.ts";
import type { VerifyResult } from "./verify.ts";

/** Everything the report shows. */
export interface ReportInput {
  dir: SoakDir;
  snapshot: Snapshot;
  verify: VerifyResult;
  gate: GateResult;
  thresholds: GateThresholds;
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1c2833;max-width:1280px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.badge{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:600}
.PASS{background:#1e8449}.WARN{background:#d68910}.FAIL{background:#c0392b}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d5d8dc;padding:3px 8px;text-align:left}
th{background:#f2f3f4}.chart{display:block;margin:4px 0}.t{font-weight:600;font-size:13px}
.l{font-size:11px;fill:#566573}.ax{stroke:#aab7b8}.muted{color:#566573}`;

function tuning_events(iters: readonly IterRecord[]): TuningEvent[] {
  const out: TuningEvent[] = [];
  for (const r of iters) {
    const t = r.tuning;
    const keys = Object.keys(t.proposed);
    if (t.applied) {
      out.push({ x: r.n, kind: "applied", label: `iteration ${r.n}: applied ${keys.join(", ")}` });
    } else if (t.skip && keys.length) {
      out.push({
        x: r.n,
        kind: "skipped",
        reason: t.skip.reason,
        label: `iteration ${r.n}: skipped (${t.skip.reason}) ${t.skip.note}`,
      });
    }
    if (t.freeze_triggered || t.freeze_active) {
      out.push({
        x: r.n,
        kind: "freeze",
        label: `iteration ${r.n}: ${t.freeze_triggered ? "freeze entered" : "frozen"}`,
      });
    }
  }
  return out;
}

function table(head: string[], rows: (string | number)[][]): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>${
    rows.map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join("")}</tr>`).join("")
  }</table>`;
}

/** Render the report. */
export function render_report(input: ReportInput): string {
  const { dir, snapshot: s, verify: v, gate: g, thresholds: t } = input;
  const iters = dir.iters;
  const xs = iters.map((r) => r.n);
  const axis: Axis = { x0: xs[0]!, x1: xs[xs.length - 1]!, width: 1180, left: 96, right: 120 };
  const lp = t.last8_pass;
  const iv = ITERATION_VERDICT;
  const charts: [string, (r: IterRecord) => number | null, ThresholdLine[]][] = [
    ["net_bps", (r) => r.kpi.net_bps, [
      { value: lp.min_net_bps, label: `pass >= ${lp.min_net_bps}`, kind: "goal" },
      { value: iv.fail_net_below, label: `FAIL < ${iv.fail_net_below}`, kind: "fail" },
    ]],
    ["risk_ratio", (r) => r.kpi.risk_ratio, [
      { value: lp.max_risk_ratio, label: `pass <= ${lp.max_risk_ratio}`, kind: "goal" },
      { value: iv.fail_risk_above, label: `FAIL > ${iv.fail_risk_above}`, kind: "fail" },
    ]],
    ["maker_taker_ratio", (r) => r.kpi.maker_taker_ratio, [
      {
        value: lp.min_maker_taker_ratio,
        label: `pass >= ${lp.min_maker_taker_ratio}`,
        kind: "goal",
      },
    ]],
    ["p95_latency_ms", (r) => r.kpi.p95_latency_ms, [
      { value: lp.max_p95_latency_ms, label: `pass <= ${lp.max_p95_latency_ms}`, kind: "goal" },
    ]],
    ["adverse_bps_p95", (r) => r.kpi.adverse_bps_p95, [
      {
        value: iv.warn_adverse_p95_above,
        label: `WARN > ${iv.warn_adverse_p95_above}`,
        kind: "warn",
      },
    ]],
  ];
  const m = v.metrics;
  const ts = s.tuning_summary;
  const body = [
    `<h1>Soak report <span class="badge ${g.verdict}">${g.verdict}</span></h1>`,
    `<div class="muted">${esc(dir.dir)} · ${s.iterations_total} iterations · ${
      esc(s.time_range.from ?? "?")
    } → ${esc(s.time_range.to ?? "?")}</div>`,
    "<h2>Gate</h2>",
    table(
      ["Check", "Threshold", "Actual", "Verdict"],
      g.checks.map((c) => [c.name, c.threshold, c.actual, c.status]),
    ),
    "<h2>KPIs per iteration</h2>",
    ...charts.map(([name, get, th]) => line_chart(axis, name, xs, iters.map(get), th)),
    "<h2>Tuning events</h2>",
    event_strip(axis, tuning_events(iters)),
    table(
      ["Proposals", "Applied", "Skip reasons", "Freeze events", "Changed keys"],
      [[
        ts.proposed_count,
        ts.applied_count,
        Object.entries(ts.skip_reasons).map(([k, n]) => `${k}: ${n}`).join(", ") || "none",
        ts.freeze_events,
        ts.changed_keys.join(", ") || "none",
      ]],
    ),
    "<h2>Delta verification</h2>",
    table(
      ["Ratio", "Full", "Partial OK", "Fail", "Unverifiable", "Stuck", "Proposed", "Format"],
      [[
        m.full_apply_ratio.toFixed(3),
        m.full_apply_count,
        m.partial_ok_count,
        m.fail_count,
        m.unverifiable_count,
        m.signature_stuck_count,
        m.proposed_count,
        v.format,
      ]],
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mmsoak soak report: ${g.verdict}</title><style>${CSS}</style></head>
<body>
${body.join("\n")}
</body></html>
`;
}
