import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "../../lib/deps/assert.ts";
import { InputError, UsageError } from "../../lib/cli/errors.ts";
import { parse } from "../../cmd/soak.ts";
import { mock_run, run_cmd, temp_dir } from "../soak/_helpers.ts";

Deno.test("parse: defaults, sources of explicit flags, and usage errors", () => {
  const o = parse([]);
  assertEquals([o.iterations, o.auto_tune, o.window_s, o.seed], [24, true, 300, 1]);
  assertEquals(o.market, { kind: "sim", scenario: "default" });
  assertEquals(o.symbols, ["BTCUSDT"]);
  assertEquals(o.run_sources.iterations, "default");
  const p = parse([
    "--iterations",
    "6",
    "--no-auto-tune",
    "--mock",
    "--symbols",
    "BTCUSDT,ETHUSDT",
  ]);
  assertEquals([p.iterations, p.auto_tune, p.market.kind], [6, false, "mock"]);
  assertEquals(p.symbols, ["BTCUSDT", "ETHUSDT"]);
  assertEquals([p.run_sources.iterations, p.run_sources.auto_tune], ["cli", "cli"]);
  assertEquals(parse(["--market", "replay", "--data", "x.gz"]).market, {
    kind: "replay",
    data: "x.gz",
  });
  assertThrows(() => parse(["--iterations", "0"]), UsageError, "--iterations");
  assertThrows(() => parse(["--market", "live"]), UsageError, "--market");
  assertThrows(() => parse(["--market", "replay"]), UsageError, "--data");
  assertThrows(() => parse(["--mock", "--market", "sim"]), UsageError);
  assertThrows(() => parse(["--clock", "yesterday"]), UsageError, "--clock");
});

Deno.test("bad input: one line on stderr, exit 2, nothing written", async () => {
  const d = await temp_dir();
  await Deno.writeTextFile(`${d}/broken.json`, '{"min_interval_ms": ');
  const out = `${d}/out`;
  const cases: [string[], Record<string, string>, string][] = [
    [["--profile", `${d}/broken.json`], {}, "broken.json: invalid JSON"],
    [["--overrides", `${d}/absent.json`], {}, "absent.json: file not found"],
    [
      [],
      { MM_RUNTIME_OVERRIDES_JSON: '{"tail_age_ms": "x"}' },
      "env:MM_RUNTIME_OVERRIDES_JSON: tail_age_ms",
    ],
    [["--set", "tail_age_ms=abc"], {}, "--set tail_age_ms"],
    [["--bogus"], {}, "Unknown flag --bogus"],
    [["--market", "sim", "--scenario", "nope"], {}, "Unknown scenario"],
  ];
  for (const [args, env, want] of cases) {
    const mock = args.includes("--market") ? [] : ["--mock"];
    const r = await run_cmd("soak.ts", [...mock, "--out", out, ...args], env);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assertStringIncludes(r.stderr, want);
    assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
    let exists = true;
    try {
      await Deno.stat(out);
    } catch {
      exists = false;
    }
    assert(!exists, `${args.join(" ")} wrote ${out}`);
  }
  await Deno.remove(d, { recursive: true });
});

Deno.test("overrides are validated before every iteration: corrupt mid-run → InputError", async () => {
  const d = await temp_dir();
  const e = await assertRejects(() =>
    mock_run(d, {
      iterations: 3,
      on_iteration: (_l, n) => {
        if (n === 1) {
          Deno.writeTextFileSync(`${d}/runtime_overrides.json`, '{"min_interval_ms": null}');
        }
      },
    }), InputError);
  assertStringIncludes(
    e.message,
    "runtime_overrides.json: min_interval_ms: expected a finite number",
  );
  assertEquals(JSON.parse(await Deno.readTextFile(`${d}/TUNING_STATE.json`)).iteration, 1);
  await Deno.remove(d, { recursive: true });
});

Deno.test("a corrupt TUNING_STATE.json on --resume is exit 2 naming the field", async () => {
  const d = await temp_dir();
  assertEquals((await run_cmd("soak.ts", ["--mock", "--iterations", "3", "--out", d])).code, 0);
  const state = JSON.parse(await Deno.readTextFile(`${d}/TUNING_STATE.json`));
  state.overrides.min_interval_ms = "fast";
  await Deno.writeTextFile(`${d}/TUNING_STATE.json`, JSON.stringify(state));
  const r = await run_cmd("soak.ts", ["--mock", "--iterations", "3", "--out", d, "--resume"]);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, "TUNING_STATE.json: overrides.min_interval_ms");
  await Deno.remove(d, { recursive: true });
});

Deno.test("out-of-range overrides are clamped and flagged by the bounds guard on a real run", async () => {
  const d = await temp_dir();
  const r = await run_cmd("soak.ts", [
    "--mock",
    "--iterations",
    "2",
    "--out",
    d,
    "--set",
    "min_interval_ms=500",
    "--json",
  ]);
  assertEquals(r.code, 0, r.stderr);
  const i1 = JSON.parse(await Deno.readTextFile(`${d}/ITER_SUMMARY_1.json`));
  assertEquals(i1.tuning.skip_reason.reason, "bounds");
  assertEquals(i1.runtime_overrides.min_interval_ms, 100);
  const rep = JSON.parse(await Deno.readTextFile(`${d}/TUNING_REPORT.json`));
  assertEquals(rep.summary.bounds_rejections, 1);
  const cfg = JSON.parse(await Deno.readTextFile(`${d}/SOAK_CONFIG.json`));
  assertEquals([cfg.params.min_interval_ms, cfg.param_sources.min_interval_ms], [500, "cli:--set"]);
  await Deno.remove(d, { recursive: true });
});

Deno.test("--json prints one sorted JSON document; lines and trend table go to stderr", async () => {
  const d = await temp_dir();
  const r = await run_cmd("soak.ts", ["--mock", "--iterations", "4", "--out", d, "--json"]);
  assertEquals(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assertEquals(doc.command, "soak");
  assertEquals(doc.iterations, 4);
  assertEquals(Object.keys(doc), Object.keys(doc).sort());
  assertStringIncludes(
    r.stderr,
    "[ITER 1/4] net=-1.50 risk=17.0% p95=250ms m/t=0.50 verdict=FAIL applied",
  );
  assertStringIncludes(r.stderr, "iter | net_bps |  risk | adv_p95");
  assertStringIncludes(r.stderr, "DECISION: [WARN] Risk above target");
  const plain = await run_cmd("soak.ts", ["--mock", "--iterations", "4", "--out", d]);
  assertStringIncludes(plain.stdout, "DECISION:");
  await Deno.remove(d, { recursive: true });
});

Deno.test("SOAK_OUT_DIR sets the default output directory", async () => {
  const d = await temp_dir();
  const r = await run_cmd("soak.ts", ["--mock", "--iterations", "1"], { SOAK_OUT_DIR: d });
  assertEquals(r.code, 0, r.stderr);
  await Deno.stat(`${d}/ITER_SUMMARY_1.json`);
  await Deno.remove(d, { recursive: true });
});

Deno.test("a busy --metrics-port is a usage error (exit 2) before anything is written", async () => {
  const d = await temp_dir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    const r = await run_cmd("soak.ts", [
      "--mock",
      "--out",
      `${d}/out`,
      "--metrics-port",
      String(port),
    ]);
    assertEquals(r.code, 2);
    assertStringIncludes(r.stderr, `--metrics-port ${port}`);
    assertEquals(Array.from(Deno.readDirSync(d)).length, 0);
  } finally {
    listener.close();
    await Deno.remove(d, { recursive: true });
  }
});

Deno.test("the progress line names what a guard dropped from a partial apply", async () => {
  const d = await temp_dir();
  const r = await run_cmd("soak.ts", ["--mock", "--warmup", "--iterations", "4", "--out", d]);
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(
    r.stdout + r.stderr,
    "applied impact_cap_ratio,max_delta_ratio dropped base_spread_bps_delta:micro_steps,tail_age_ms:micro_steps",
  );
  assertStringIncludes(r.stdout + r.stderr, "[ITER 4/4]");
  await Deno.remove(d, { recursive: true });
});
