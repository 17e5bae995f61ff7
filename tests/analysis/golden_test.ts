/**
 * The analysis commands on the original tools' own soak output (data/original mock24_default),
 * compared with the original's golden outputs. Fields where the original was right must agree;
 * every difference is one of the documented bug fixes (SPEC §10), asserted explicitly here:
 *
 * | Output | Field | Original | mmsoak | Why |
 * |---|---|---|---|---|
 * | verify JSON | full_apply_count | 2 | 0 (+ unverifiable_count 2) | §10 item 21: presence in the final file is not an apply; original-format files have no per-iteration values |
 * | verify JSON/MD | full_apply_ratio | 1.0 (JSON), 0.400 (MD) | 0.6 in both | §10 item 20: one ratio; unverifiable not counted as applied |
 * | snapshot | schema_version | 1.1 | 1.2 | richer schema (SPEC §4.2) |
 * | snapshot | kpi_gate_parity | null | true | §10 item 27: KPI_GATE.json is under DIR/artifacts/ |
 * | prom | delta block HELP/TYPE | none | present | issue: HELP/TYPE for every metric |
 * | prom | TYPE of soak_guards_*_count, soak_anomalies_count | counter | gauge | a count over the last 8 can go down |
 * | audit JSON | iterations | 5 | 24 | §10 item 30 |
 * | audit JSON | tuning | 0/0, {} | 2/5, {no_op: 19, velocity: 3} | §10 item 32 |
 * | audit CSV | gross_bps, gross_imputed | net+p95s, True | empty, false | §10 item 34: no mean adverse/slippage to impute from |
 * | audit CSV | fees_bps | 0.0 (default) | empty (missing) | §10 item 34: fees_eff_bps is null in these files |
 * | audit CSV | booleans | True/False | true/false | issue |
 * | gate | exit / failures | 1: freeze_ready | 1: freeze_seen, freeze_ready, full_apply_ratio | ratio above |
 * @module
 */
import { assert, assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import { parse_csv_records } from "../../lib/deps/csv.ts";
import { join } from "../../lib/deps/path.ts";
import { run as run_audit } from "../../cmd/audit_artifacts.ts";
import { run as run_gate } from "../../cmd/gate.ts";
import { run as run_report } from "../../cmd/report.ts";
import { run as run_snapshot } from "../../cmd/snapshot.ts";
import { run as run_verify } from "../../cmd/verify_deltas.ts";
import { data_path, data_test } from "../_data.ts";
import { quiet } from "./_capture.ts";

const SET = "original/generated/mock24_default";

async function fresh_copy(): Promise<string> {
  const tmp = await Deno.makeTempDir({ prefix: "mmsoak_golden_" });
  const src = data_path(`${SET}/run_output/soak`);
  await Deno.mkdir(join(tmp, "soak", "latest", "artifacts"), { recursive: true });
  for (const e of Deno.readDirSync(join(src, "latest"))) {
    if (e.isFile) {
      await Deno.copyFile(join(src, "latest", e.name), join(tmp, "soak", "latest", e.name));
    }
  }
  for (const f of ["EDGE_REPORT.json", "KPI_GATE.json"]) {
    await Deno.copyFile(
      join(src, "latest", "artifacts", f),
      join(tmp, "soak", "latest", "artifacts", f),
    );
  }
  await Deno.copyFile(
    join(src, "runtime_overrides.json"),
    join(tmp, "soak", "runtime_overrides.json"),
  );
  return join(tmp, "soak", "latest");
}

const golden = (rel: string) => JSON.parse(Deno.readTextFileSync(data_path(`${SET}/post/${rel}`)));
const texts = () => golden("golden_text_outputs.json") as Record<string, string>;

data_test(
  "golden: verify-deltas counts agree except the documented full/unverifiable split",
  SET,
  async () => {
    const dir = await fresh_copy();
    const out = await quiet(() => run_verify({ path: dir, strict: true, json: true }));
    assertEquals(out.code, 1); // original: 0 with its presence-only ratio 1.0
    const mine = JSON.parse(out.stdout);
    for (
      const name of [
        "verify_deltas_strict_json_stdout.json",
        "verify_deltas_nonstrict_json_stdout.json",
      ]
    ) {
      const g = golden(name);
      for (
        const k of ["proposed_count", "partial_ok_count", "fail_count", "signature_stuck_count"]
      ) {
        assertEquals(mine[k], g[k], k);
      }
      assertEquals([g.full_apply_count, g.full_apply_ratio], [2, 1.0]);
    }
    assertEquals([mine.full_apply_count, mine.unverifiable_count, mine.full_apply_ratio], [
      0,
      2,
      0.6,
    ]);
    const md = await Deno.readTextFile(join(dir, "DELTA_VERIFY_REPORT.md"));
    assert(md.includes("**Full apply ratio:** 0.600"), "the Markdown uses the JSON's ratio");
    assert(
      texts()["DELTA_VERIFY_REPORT.md__threshold_0.95_strict"]!.includes(
        "**Full apply ratio:** 0.400",
      ),
    );
  },
);

data_test(
  "golden: snapshot agrees on every schema 1.1 field but kpi_gate_parity",
  SET,
  async () => {
    const dir = await fresh_copy();
    const out = await quiet(() => run_snapshot({ path: dir, prometheus: true, pretty: false }));
    assertEquals(out.code, 0);
    const mine = JSON.parse(out.stdout);
    const g = golden("POST_SOAK_SNAPSHOT.json");
    for (
      const k of [
        "verdict",
        "pass_count_last8",
        "freeze_seen",
        "freeze_ready",
        "anomalies_count",
        "signature_loops",
        "time_range",
      ]
    ) {
      assertEquals(mine[k], g[k], k);
    }
    for (const k of ["risk_ratio", "maker_taker_ratio", "net_bps", "p95_latency_ms"]) {
      assertEquals(mine.kpi_last8[k].mean, g.kpi_last8[k].mean, `${k}.mean`);
      assertEquals(mine.kpi_last8[k].median, g.kpi_last8[k].median, `${k}.median`);
    }
    for (const k of ["oscillation_count", "velocity_count", "cooldown_count", "freeze_events"]) {
      assertEquals(mine.guards_last8[k], g.guards_last8[k], k);
    }
    assertEquals([g.schema_version, mine.schema_version], ["1.1", "1.2"]);
    assertEquals([g.kpi_gate_parity, mine.kpi_gate_parity], [null, true]);
    assertEquals(JSON.parse(await Deno.readTextFile(join(dir, "POST_SOAK_SNAPSHOT.json"))), mine);
    const prom = await Deno.readTextFile(join(dir, "POST_SOAK_METRICS.prom"));
    const gold = texts()["POST_SOAK_METRICS.prom__after_extract_only"]!;
    assertEquals(
      prom_samples(prom).slice(0, 10),
      prom_samples(gold),
      "same names, values and order",
    );
    // Same HELP lines; TYPE too, except the windowed counts the original declared as counters.
    const windowed = [
      "soak_guards_velocity_count",
      "soak_guards_cooldown_count",
      "soak_guards_oscillation_count",
      "soak_anomalies_count",
    ];
    for (const line of gold.split("\n").filter((l) => l.startsWith("#"))) {
      const name = line.split(" ")[2]!;
      if (line.startsWith("# TYPE") && windowed.includes(name)) {
        assertEquals([line, prom.includes(`# TYPE ${name} gauge`)], [
          `# TYPE ${name} counter`,
          true,
        ]);
      } else assert(prom.includes(line), line);
    }
  },
);

data_test("golden: gate fails like the original, plus the honest delta ratio", SET, async () => {
  const dir = await fresh_copy();
  const out = await quiet(() =>
    run_gate({ path: dir, strict: true, prometheus: true, json: true })
  );
  assertEquals(out.code, Number(texts()["soak_gate__skip_analyzer_prometheus_strict__exit_code"]));
  const doc = JSON.parse(out.stdout);
  assertEquals(doc.verdict, "FAIL");
  const failed = doc.checks.filter((c: { status: string }) => c.status === "FAIL").map((
    c: { name: string },
  ) => c.name);
  assertEquals(failed, ["freeze_seen", "freeze_ready", "delta.full_apply_ratio"]);
  const prom = await Deno.readTextFile(join(dir, "POST_SOAK_METRICS.prom"));
  const gold = prom_samples(
    texts()["POST_SOAK_METRICS.prom__after_soak_gate_skip_analyzer_prometheus_strict"]!,
  );
  const mine = new Map(prom_samples(prom));
  for (const [name, value] of gold) {
    const expected = name === "soak_delta_full_apply_ratio"
      ? 0.6
      : name === "soak_delta_full_apply_count"
      ? 0
      : value;
    assertEquals(mine.get(name), expected, name);
    assert(prom.includes(`# TYPE ${name} `), `TYPE line for ${name}`);
    assert(prom.includes(`# HELP ${name} `), `HELP line for ${name}`);
  }
});

data_test("golden: audit agrees on KPIs, windows, trends and readiness", SET, async () => {
  const dir = await fresh_copy();
  const out = await quiet(() => run_audit({ base: dir, fail_on_hold: true, html: false }));
  assertEquals(out.code, 0);
  const analysis = join(dir, "reports", "analysis");
  const g = golden("reports/analysis/POST_SOAK_AUDIT_SUMMARY.json");
  const mine = JSON.parse(await Deno.readTextFile(join(analysis, "POST_SOAK_AUDIT_SUMMARY.json")));
  for (const k of ["max_iter", "steady_start", "last8_start", "snapshot_kpis"]) {
    assertEquals(mine[k], g[k], k);
  }
  assertEquals(mine.readiness.pass, g.readiness.pass);
  assertEquals(mine.readiness.failures, g.readiness.failures);
  for (
    const [col, windows] of Object.entries(
      g.trend_stats as Record<string, Record<string, Record<string, number>>>,
    )
  ) {
    for (const [w, s] of Object.entries(windows)) {
      for (const stat of ["min", "max", "median"]) {
        assertEquals(mine.trend_stats[col][w][stat], s[stat], `${col}.${w}.${stat}`);
      }
    }
  }
  assertEquals(mine.recommendations[0], g.recommendations[0].replace(/^✓ /, ""));
  assertEquals([g.iterations, mine.iterations], [5, 24]);
  assertEquals([g.tuning.applied_total, mine.tuning.applied_total, mine.tuning.proposed_total], [
    0,
    2,
    5,
  ]);
  assertEquals(mine.tuning.skip_reasons, { no_op: 19, velocity: 3 });

  const gold_rows = parse_csv_records(
    Deno.readTextFileSync(data_path(`${SET}/post/reports/analysis/POST_SOAK_ITER_TABLE.csv`)),
  );
  const csv = await Deno.readTextFile(join(analysis, "POST_SOAK_ITER_TABLE.csv"));
  assertEquals(
    csv.split("\n")[0],
    Deno.readTextFileSync(data_path(`${SET}/post/reports/analysis/POST_SOAK_ITER_TABLE.csv`)).split(
      "\n",
    )[0],
  );
  const rows = parse_csv_records(csv);
  assertEquals(rows.map((r) => r.iter), gold_rows.map((r) => r.iter));
  for (let i = 0; i < rows.length; i++) {
    for (
      const c of [
        "net_bps",
        "risk_ratio",
        "slippage_p95",
        "adverse_p95",
        "latency_p95_ms",
        "maker_taker_ratio",
      ]
    ) {
      assertAlmostEquals(Number(rows[i]![c]), Number(gold_rows[i]![c]), 0, `row ${i + 1} ${c}`);
    }
    assertEquals([gold_rows[i]!.gross_imputed, rows[i]!.gross_imputed], ["True", "false"]);
    assertEquals([gold_rows[i]!.fees_bps, rows[i]!.fees_bps, rows[i]!.gross_bps], ["0.0", "", ""]);
  }
});

/** `[name, value]` of every sample line of a Prometheus text. */
function prom_samples(text: string): [string, number][] {
  return text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => {
    const [name, value] = l.split(" ");
    return [name!, Number(value)];
  });
}

data_test("golden: report renders the original-format directory", SET, async () => {
  const dir = await fresh_copy();
  const out = await quiet(() => run_report({ path: dir, strict: false }));
  assertEquals(out.code, 0, out.stderr);
  const html = await Deno.readTextFile(join(dir, "POST_SOAK_REPORT.html"));
  assert(html.includes('<span class="badge FAIL">FAIL</span>'));
  assert(html.includes("unverifiable") || html.includes("Unverifiable"));
});
