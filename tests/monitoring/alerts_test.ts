import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { parse_yaml } from "../../lib/deps/yaml.ts";
import { join } from "../../lib/deps/path.ts";
import { missing, promtool, ROOT, undocumented_in_promql } from "./_tools.ts";

const DIR = join(ROOT, "monitoring", "prometheus");
const NO_PROMTOOL = missing("promtool");

interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
}

function rules(): Rule[] {
  const doc = parse_yaml(Deno.readTextFileSync(join(DIR, "alerts.yml")), "alerts.yml") as {
    groups: { rules: Rule[] }[];
  };
  return doc.groups.flatMap((g) => g.rules);
}

Deno.test({
  name: "promtool check rules accepts monitoring/prometheus/alerts.yml",
  ignore: !!NO_PROMTOOL,
  async fn() {
    const r = await promtool(["check", "rules", "alerts.yml"], { cwd: DIR });
    assertEquals(r.code, 0, r.stdout + r.stderr);
    assert(/SUCCESS: 6 rules found/.test(r.stdout), r.stdout);
  },
});

Deno.test({
  name: "promtool test rules: each alert fires for the breaching job only, after its for",
  ignore: !!NO_PROMTOOL,
  async fn() {
    const r = await promtool(["test", "rules", "alerts_test.yml"], { cwd: DIR });
    assertEquals(r.code, 0, r.stdout + r.stderr);
  },
});

Deno.test({
  name: "promtool check config accepts the scrape example and its rule file",
  ignore: !!NO_PROMTOOL,
  async fn() {
    const r = await promtool(["check", "config", "scrape.example.yml"], { cwd: DIR });
    assertEquals(r.code, 0, r.stdout + r.stderr);
  },
});

Deno.test("alerts.yml has the SLA and event alerts of the issue with their thresholds", () => {
  const by = new Map(rules().map((r) => [r.alert ?? "", r]));
  const expect: [string, RegExp, string | undefined][] = [
    ["HighLatencyP95", /histogram_quantile\(0\.95, .*mm_latency_ms_bucket.*\) > 340$/, "5m"],
    ["HighLatencyP99", /histogram_quantile\(0\.99, .*mm_latency_ms_bucket.*\) > 500$/, "2m"],
    ["HighRiskRatioP95", /histogram_quantile\(0\.95, .*mm_risk_ratio_bucket.*\) > 0\.4$/, "5m"],
    [
      "FreezeEventDetected",
      /^delta\(mm_soak_tuning_events\{event="freeze_events"\}\[5m\]\) > 0\s+or increase\(mm_freeze_events_total\[5m\]\) > 0$/,
      undefined,
    ],
    ["CircuitBreakerTripped", /^mm_circuit_breaker_state == 1$/, "1m"],
    ["SoakGateFail", /^soak_gate_verdict_code == 2 or soak_verdict_code == 2$/, undefined],
  ];
  for (const [name, expr, dur] of expect) {
    const r = by.get(name);
    assert(r, `alert ${name} missing`);
    assert(expr.test(r.expr.trim()), `${name}: ${r.expr}`);
    assertEquals(r.for, dur, `${name} for`);
    assert(["warning", "critical"].includes(r.labels?.severity ?? ""), `${name} severity`);
  }
});

Deno.test("every metric the alerts use is documented in README § Metrics", () => {
  assertEquals(undocumented_in_promql(rules().map((r) => r.expr)), []);
});
