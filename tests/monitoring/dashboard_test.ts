import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { stringify_yaml } from "../../lib/deps/yaml.ts";
import { missing, promql_metrics, promtool, ROOT, undocumented_in_promql } from "./_tools.ts";

interface Target {
  refId: string;
  expr: string;
  legendFormat?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { uid: string };
  targets?: Target[];
  fieldConfig?: { defaults: { thresholds?: { steps: { value: number | null }[] } } };
}

const FILE = join(ROOT, "monitoring", "grafana", "mmsoak_dashboard.json");
const dash = JSON.parse(Deno.readTextFileSync(FILE)) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string }[] };
};
const queries = dash.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p, ...t })));

/** Grafana's variables replaced by values PromQL accepts, as Grafana does before querying. */
function expand(expr: string): string {
  return expr.replaceAll("$__rate_interval", "5m").replaceAll("$__interval", "1m")
    .replaceAll("$job", ".*");
}

function panel_by_title(re: RegExp): Panel {
  const p = dash.panels.find((x) => re.test(x.title));
  assert(p, `no panel titled ${re}`);
  return p;
}

Deno.test({
  name: "every dashboard query is valid PromQL (promtool checks them as recording rules)",
  ignore: !!missing("promtool"),
  async fn() {
    const rules = queries.map((q) => ({
      record: `dashboard:panel_${q.panel.id}_${q.refId}`,
      expr: expand(q.expr),
    }));
    const dir = await Deno.makeTempDir({ prefix: "mmsoak_dash_" });
    try {
      await Deno.writeTextFile(
        join(dir, "dashboard_rules.yml"),
        stringify_yaml({ groups: [{ name: "dashboard", rules }] }),
      );
      const r = await promtool(["check", "rules", "dashboard_rules.yml"], { cwd: dir });
      assertEquals(r.code, 0, r.stdout + r.stderr);
      assert(r.stdout.includes(`SUCCESS: ${rules.length} rules found`), r.stdout);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("dashboard structure: unique ids, every query panel on the datasource variable", () => {
  const ids = dash.panels.map((p) => p.id);
  assertEquals(new Set(ids).size, ids.length, "duplicate panel ids");
  assertEquals(dash.uid, "mmsoak-overview");
  assert(dash.templating.list.some((v) => v.name === "datasource"));
  for (const p of dash.panels) {
    assert(p.gridPos.x + p.gridPos.w <= 24, `panel ${p.id} wider than the grid`);
    if (p.type === "row") continue;
    assertEquals(p.datasource?.uid, "${datasource}", `panel ${p.id} datasource`);
    assert((p.targets ?? []).length > 0, `panel ${p.id} has no query`);
  }
});

Deno.test("latency panel: p50/p95/p99 histogram_quantile with SLA lines at 340 and 500 ms", () => {
  const p = panel_by_title(/^Latency p50/);
  const exprs = p.targets!.map((t) => t.expr);
  for (const q of ["0.5", "0.95", "0.99"]) {
    assert(
      exprs.some((e) =>
        e.startsWith(`histogram_quantile(${q}, sum by (le) (rate(mm_latency_ms_bucket`)
      ),
      `p${q} query`,
    );
  }
  const steps = p.fieldConfig!.defaults.thresholds!.steps.map((s) => s.value);
  assertEquals(steps, [null, 340, 500]);
  const avg = panel_by_title(/^Average latency/).targets![0]!.expr;
  assert(/mm_latency_ms_sum.*\/.*mm_latency_ms_count/.test(avg), avg);
  const risk = panel_by_title(/^Risk ratio p95/).targets!.map((t) => t.expr).join("\n");
  assert(/histogram_quantile\(0\.95, .*mm_risk_ratio_bucket/.test(risk), risk);
  assert(/histogram_quantile\(0\.99, .*mm_risk_ratio_bucket/.test(risk), risk);
});

Deno.test("dashboard covers soak KPIs, gate verdict, guard counters and smoke order flow", () => {
  const exprs = queries.map((q) => q.expr).join("\n");
  for (const k of ["net_bps", "risk_ratio", "p95_latency_ms", "maker_taker_ratio"]) {
    assert(exprs.includes(`mm_soak_last_kpi{job=~"$job",kpi="${k}"}`), `soak KPI ${k}`);
  }
  const used = new Set(queries.flatMap((q) => promql_metrics(q.expr)));
  for (
    const m of [
      "mm_soak_iterations",
      "mm_soak_last_kpi",
      "mm_soak_tuning_events",
      "mm_soak_freeze_active",
      "soak_verdict_code",
      "soak_gate_verdict_code",
      "soak_verdict_pass_count",
      "mm_orders_placed_total",
      "mm_orders_filled_total",
      "mm_orders_rejected_total",
      "mm_circuit_breaker_state",
    ]
  ) assert(used.has(m), `dashboard does not show ${m}`);
});

Deno.test("every metric the dashboard queries is documented in README § Metrics", () => {
  assertEquals(undocumented_in_promql(queries.map((q) => q.expr)), []);
});
