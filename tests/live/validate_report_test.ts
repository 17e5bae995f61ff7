import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { read_json } from "../../lib/artifacts/read.ts";
import { SmokeReport } from "../../lib/artifacts/smoke_report.ts";
import { find_log_failure, validate_smoke_report } from "../../lib/live/validate_report.ts";
import { data_path, data_test } from "../_data.ts";

const DIR = "original/generated/testnet_smoke";

Deno.test("required keys: summary.status/passed/failed; params and timestamp_ms are defaulted", () => {
  const ok = validate_smoke_report({ summary: { status: "pass", passed: 1, failed: 0 } }, 5);
  assertEquals(ok.errors, []);
  assertEquals(ok.report.params, {});
  assertEquals(ok.report.timestamp_ms, 5);
  const bad = validate_smoke_report(
    { summary: { status: "pass" }, params: {}, timestamp_ms: 1 },
    0,
  );
  assertEquals(bad.errors, [
    "Missing required key: summary.passed",
    "Missing required key: summary.failed",
  ]);
  assertEquals(validate_smoke_report([1], 0).errors, ["Report is not a JSON object"]);
});

Deno.test("a missing summary is rebuilt from the first dict among the fallbacks", () => {
  const r = validate_smoke_report({ orders: { placed: 4, rejected: 2 } }, 0);
  assertEquals(r.report.summary, { passed: 4, failed: 2, warnings: 0, status: "fail" });
  const none = validate_smoke_report({ x: 1 }, 0);
  assertEquals(none.report.summary, { status: "unknown", passed: 0, failed: 0, warnings: 0 });
});

Deno.test("warnings: recon divergences, zero p95 only while the network is enabled", () => {
  const base = { params: {}, timestamp_ms: 1 };
  const s = { status: "pass", passed: 1, failed: 0, latency_p95_ms: 0, risk_ratio_p95: 0.2 };
  const net = validate_smoke_report({ ...base, summary: s, recon: { divergence_count: 2 } }, 0);
  assertEquals(net.errors, []);
  assertEquals(net.warnings, [
    "Recon divergences detected: 2",
    "latency_p95_ms is zero while network_enabled=True — check instrumentation",
  ]);
  const off = validate_smoke_report({
    ...base,
    summary: s,
    execution: { network_enabled: false },
  }, 0);
  assertEquals(off.warnings, []);
});

Deno.test("log check matches the workflow's patterns", () => {
  assertEquals(find_log_failure('{"event":"order_rejected"}\nok'), undefined);
  assert(find_log_failure("x\nTraceback (most recent call last):") !== undefined);
  assert(find_log_failure("ERROR: something CRITICAL") !== undefined);
});

for (
  const name of [
    "TESTNET_SMOKE_REPORT.raw.json",
    "TESTNET_SMOKE_REPORT.normalized.json",
    "EXEC_DEMO_shadow_frozen_clock_2sym_50it.json",
  ]
) {
  data_test(`original ${name} passes the schema and the validator`, `${DIR}/${name}`, async () => {
    const data = await read_json(data_path(`${DIR}/${name}`), SmokeReport);
    const r = validate_smoke_report(data, 0);
    assertEquals(r.errors, []);
    if (name.startsWith("TESTNET")) {
      // As the original workflow: the fake-exchange report has risk_ratio_p95 0 → one warning.
      assertEquals(r.warnings, [
        "risk_ratio_p95 is zero while network_enabled=True — check instrumentation",
      ]);
    }
  });
}

Deno.test("warning: a measured edge that never had enough fills to arm the freeze", () => {
  const base = { params: {}, timestamp_ms: 1, execution: { network_enabled: false } };
  const s = { status: "pass", passed: 3, failed: 0, warnings: 0 };
  const edge = (by_symbol: Record<string, number | null>, source = "measured") => ({
    source,
    threshold_bps: -0.5,
    by_symbol,
  });
  const unarmed = "Measured edge never armed (too few fills per symbol): the freeze was inactive";
  const w = (e: unknown, summary = s) =>
    validate_smoke_report({ ...base, summary, edge: e }, 0).warnings;
  assertEquals(w(edge({ BTCUSDT: null, ETHUSDT: null })), [unarmed]);
  assertEquals(w(edge({ BTCUSDT: 0.7, ETHUSDT: null })), []);
  assertEquals(w(edge({ BTCUSDT: null }, "ramp")), []);
  assertEquals(w(edge({ BTCUSDT: null }), { ...s, warnings: 1 }), [], "a freeze happened");
  assertEquals(w(undefined), [], "original reports have no edge section");
});
