import { assert, assertEquals, assertMatch, assertThrows } from "../../lib/deps/assert.ts";
import { from_module, join } from "../../lib/deps/path.ts";
import { UsageError } from "../../lib/cli/errors.ts";
import { read_json } from "../../lib/artifacts/read.ts";
import { SmokeReport } from "../../lib/artifacts/smoke_report.ts";
import { parse, run } from "../../cmd/smoke.ts";
import { FakeBybit } from "../exchange/_fake_bybit.ts";

const ROOT = from_module(import.meta.url, "..", "..");
const SECRET = "S3CRET-canary-cmd-4b1d";

async function deno_run(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function silenced<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  const err = console.error;
  console.log = () => {};
  console.error = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
    console.error = err;
  }
}

Deno.test("default sim run: report valid, pass, realistic p95s, fill rate < 1, deterministic", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const outs = [join(dir, "a.json"), join(dir, "b.json")];
    for (const out of outs) {
      const code = await silenced(() =>
        run(parse(["--out", out, "--clock-fixed", "2025-01-01T00:00:00Z"]))
      );
      assertEquals(code, 0);
    }
    const r = await read_json(outs[0]!, SmokeReport);
    assertEquals(r.summary.status, "pass");
    assert(r.summary.latency_p95_ms! > 20, "latency p95 measured");
    assert(r.summary.risk_ratio_p95! > 0, "risk p95 from real mark prices");
    assert(r.summary.maker_fill_rate! > 0 && r.summary.maker_fill_rate! < 1);
    assertEquals(r.schema_version, "2.0");
    assertEquals(r.recon?.divergence_count, 0);
    assertEquals(r.timestamp_ms, Date.parse("2025-01-01T00:00:00Z"));
    assertEquals((r.runtime as { utc: string }).utc, "2025-01-01T00:00:00+00:00");
    assertEquals(await Deno.readTextFile(outs[0]!), await Deno.readTextFile(outs[1]!));
    // The freeze reads the measured edge by default; a benign default run does not freeze.
    assertEquals(r.edge?.source, "measured");
    assertEquals(r.edge?.threshold_bps, -0.5);
    for (const s of ["BTCUSDT", "ETHUSDT"]) {
      const bps = r.edge!.by_symbol[s];
      assert(typeof bps === "number" && bps > -0.5, `${s}: ${bps}`);
    }
    assertEquals(r.summary.warnings, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--obs serves mm_latency_ms and mm_risk_ratio on 127.0.0.1 with the run's samples", async () => {
  const dir = await Deno.makeTempDir();
  const lines: string[] = [];
  const err = console.error;
  const log = console.log;
  console.error = (line: string) => lines.push(String(line));
  console.log = () => {};
  try {
    const running = run(
      parse(["--out", join(dir, "r.json"), "--obs", "--obs-port", "0", "--obs-linger-s", "2"]),
    );
    let text = "";
    for (let i = 0; i < 100 && !text.includes("mm_risk_ratio_count"); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const url = lines.map((l) => JSON.parse(l)).find((e) => e.event === "metrics_serving")?.url;
      if (!url || !(await Deno.stat(join(dir, "r.json")).then(() => true, () => false))) continue;
      assertMatch(url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      text = await (await fetch(url, { signal: AbortSignal.timeout(2000) })).text();
    }
    assertEquals(await running, 0);
    const report = await read_json(join(dir, "r.json"), SmokeReport);
    const count = (m: string) => Number(new RegExp(`^${m}_count (\\S+)$`, "m").exec(text)?.[1]);
    assertEquals(count("mm_latency_ms"), report.latency!.samples);
    const value = (m: string) => Number(new RegExp(`^${m} (\\S+)$`, "m").exec(text)?.[1]);
    assertEquals(value("mm_orders_placed_total"), report.orders!.placed);
    assertEquals(value("mm_orders_filled_total"), report.orders!.fills);
    assertEquals(value("mm_orders_rejected_total"), report.orders!.rejected);
    assertEquals(value("mm_orders_canceled_total"), report.orders!.canceled);
    assertEquals(value("mm_freeze_events_total"), 0);
    assertEquals(value("mm_circuit_breaker_state"), 0);
    assertEquals(
      count("mm_risk_ratio"),
      (report.risk as { risk_ratio_samples: number }).risk_ratio_samples,
    );
  } finally {
    console.error = err;
    console.log = log;
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("adverse market: the measured edge freezes, cancels all, ends with 0 open; ramp does not", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "r.json");
    const argv = ["--out", out, "--clock-fixed", "2025-01-01T00:00:00Z", "--seed", "3"];
    const crash = [...argv, "--sim-scenario", "flash_crash"];
    assertEquals(await silenced(() => run(parse(crash))), 0);
    const r = await read_json(out, SmokeReport);
    const risk = r.risk as Record<string, unknown>;
    assertEquals(risk.frozen, true);
    assertEquals(r.params.sim_scenario, "flash_crash");
    assertEquals(r.summary.warnings, 1);
    assertMatch(String(risk.last_freeze_reason), /^Edge degradation: -\d/);
    const fc = risk.cancel_all_on_freeze as Record<string, unknown>;
    assertEquals([fc.failed, fc.remaining_open], [[], 0]);
    assertEquals(r.orders!.open_at_end, 0);
    assertEquals(r.summary.status, "pass", "a freeze is a warning, not a failure");
    const frozen = String(risk.last_freeze_symbol);
    assert((r.edge!.by_symbol[frozen] ?? 0) < 0, "the crash's fills lost money");
    // The original's scripted ramp (10 → 2 bps vs 1.5) never freezes, whatever the market.
    assertEquals(await silenced(() => run(parse([...crash, "--edge-source", "ramp"]))), 0);
    const ramp = await read_json(out, SmokeReport);
    assertEquals([ramp.edge?.source, ramp.edge?.threshold_bps], ["ramp", 1.5]);
    assertEquals((ramp.risk as Record<string, unknown>).frozen, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("edge flags: source, threshold (default per source, negative with =), scenario", () => {
  assertEquals(parse([]).edge_source, "measured");
  assertEquals(parse([]).edge_freeze_threshold_bps, -0.5);
  assertEquals(parse(["--edge-source", "ramp"]).edge_freeze_threshold_bps, 1.5);
  assertEquals(parse(["--edge-threshold=-2"]).edge_freeze_threshold_bps, -2);
  assertEquals(
    parse(["--edge-source", "ramp", "--edge-threshold", "3"]).edge_freeze_threshold_bps,
    3,
  );
  assertEquals(parse(["--sim-scenario", "calm"]).sim_scenario, "calm");
});

Deno.test("bad flags are UsageErrors", () => {
  for (
    const argv of [
      ["--exchange", "kraken"],
      ["--iterations", "0"],
      ["--iterations", "2.5"],
      ["--max-inv", "NaN"],
      ["--symbols", "btc usdt"],
      ["--clock-fixed", "yesterday"],
      ["--base-url", "ftp://x"],
      ["--edge-source", "guess"],
      ["--edge-threshold", "x"],
      ["--sim-scenario", "moon"],
      ["extra"],
    ]
  ) {
    assertThrows(() => parse(argv), UsageError);
  }
});

Deno.test("subprocess: --bogus is one line and exit 2", async () => {
  const r = await deno_run(["cmd/smoke.ts", "--bogus"]);
  assertEquals(r.code, 2);
  assertEquals(r.stderr.trim().split("\n").length, 1);
  assertMatch(r.stderr, /Unknown flag --bogus/);
});

Deno.test("subprocess: bybit config errors exit 2; unreachable exchange exits 1, fast", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "r.json");
    const nokeys = await deno_run([
      "cmd/smoke.ts",
      "--exchange",
      "bybit",
      "--testnet",
      "--out",
      out,
    ]);
    assertEquals(nokeys.code, 2);
    assertMatch(nokeys.stderr, /BYBIT_API_KEY/);
    const env = { BYBIT_API_KEY: "k", BYBIT_API_SECRET: SECRET };
    const mainnet = await deno_run(["cmd/smoke.ts", "--exchange", "bybit", "--out", out], env);
    assertEquals(mainnet.code, 2);
    assertMatch(mainnet.stderr, /MM_LIVE_ENABLE=1/);
    const t0 = performance.now();
    const down = await deno_run([
      "cmd/smoke.ts",
      "--exchange",
      "bybit",
      "--testnet",
      "--base-url",
      "http://127.0.0.1:1",
      "--timeout-ms",
      "500",
      "--out",
      out,
    ], env);
    assertEquals(down.code, 1);
    assertEquals(down.stderr.trim().split("\n").length, 1, down.stderr);
    assertMatch(down.stderr, /cannot reach 127\.0\.0\.1:1/);
    assert(performance.now() - t0 < 15_000);
    for (const r of [nokeys, mainnet, down]) assert(!(r.stdout + r.stderr).includes(SECRET));
    await Deno.stat(out).then(() => assert(false, "no report on failure"), () => {});
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("subprocess: the secret appears in no output, log or report (ok and failing auth)", async () => {
  const fake = new FakeBybit({ api_key: "k", secret: SECRET, seed: 2 });
  const dir = await Deno.makeTempDir();
  try {
    const common = [
      "cmd/smoke.ts",
      "--exchange",
      "bybit",
      "--testnet",
      "--base-url",
      fake.url,
      "--iterations",
      "6",
      "--interval-ms",
      "10",
      "--rate-limit-per-s",
      "500",
      "--verbose",
      "--debug",
    ];
    const out = join(dir, "ok.json");
    const good = await deno_run([...common, "--out", out], {
      BYBIT_API_KEY: "k",
      BYBIT_API_SECRET: SECRET,
    });
    assertEquals(good.code, 0, good.stderr);
    const report = await Deno.readTextFile(out);
    // A wrong secret: the fake answers "error sign!", the private stream refuses auth.
    const bad = await deno_run([...common, "--out", join(dir, "bad.json")], {
      BYBIT_API_KEY: "k",
      BYBIT_API_SECRET: `${SECRET}-wrong`,
    });
    assertEquals(bad.code, 1);
    for (const text of [good.stdout, good.stderr, report, bad.stdout, bad.stderr, ...fake.wire]) {
      assert(!text.includes(SECRET), "secret leaked");
    }
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("subprocess: the workflow validator passes a default report and fails a broken one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "TESTNET_SMOKE_REPORT.json");
    assertEquals((await deno_run(["cmd/smoke.ts", "--out", out])).code, 0);
    const ok = await deno_run(["ci/validate_smoke_report.ts", out, "--strict"]);
    assertEquals(ok.code, 0, ok.stderr);
    assertMatch(ok.stdout, /valid \(status pass, 0 warning/);
    // Too short a run for the measured edge to arm the freeze: a warning, not a failure.
    assertEquals((await deno_run(["cmd/smoke.ts", "--out", out, "--iterations", "5"])).code, 0);
    const short = await deno_run(["ci/validate_smoke_report.ts", out, "--strict"]);
    assertEquals(short.code, 0, short.stderr);
    assertMatch(short.stdout, /WARNING: Measured edge never armed/);
    assertMatch(short.stdout, /valid \(status pass, 1 warning/);
    await Deno.writeTextFile(out, JSON.stringify({ summary: { status: "pass" } }));
    const bad = await deno_run(["ci/validate_smoke_report.ts", out]);
    assertEquals(bad.code, 1);
    assertMatch(bad.stderr, /Missing required key: summary.passed/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
