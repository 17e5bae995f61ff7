/**
 * `mmsoak soak`: run N iterations of the session engine (or the scripted mock) with auto-tuning,
 * writing ITER_SUMMARY_n.json, TUNING_REPORT.json, TUNING_STATE.json, runtime_overrides.json,
 * SOAK_CONFIG.json, artifacts/{EDGE_REPORT,KPI_GATE}.json and metrics.prom.
 * @module
 */
import { run_command } from "../lib/cli/main.ts";
import { UsageError } from "../lib/cli/errors.ts";
import { number_flag } from "../lib/cli/flags.ts";
import { JSON_OUTPUT_VERSION, print_json } from "../lib/cli/output.ts";
import { Progress } from "../lib/cli/progress.ts";
import { parse_args } from "../lib/deps/args.ts";
import { run_soak, type SoakOptions } from "../lib/soak/loop.ts";
import { DEFAULT_START_MS } from "../lib/soak/run_config.ts";
import type { MarketChoice } from "../lib/soak/source.ts";
import { trend_table } from "../lib/soak/trend.ts";

/** Help text. */
export const help = `mmsoak soak: soak iterations with auto-tuning

Usage: mmsoak soak [flags]

Market:
  --market sim|replay   market source (default sim)
  --scenario NAME       sim scenario: calm, default, volatile, stressed, flash_crash (default default)
  --data PATH           recording for --market replay
  --mock                the original's scripted EDGE_REPORT sequence (fast, deterministic)
  --window-s S          market seconds per iteration (default 300)
  --symbols A,B         symbols (default BTCUSDT)
  --seed N              run seed (default 1)
  --clock ISO           market-clock start (default 2025-10-12T12:00:00Z)
Run:
  --iterations N        iterations (default 24)
  --auto-tune           apply tuning (default); --no-auto-tune records proposals only
  --warmup              warm-up phases: preset in 1-4, ramp-down 5-6, steady from 7;
                        until 6 at most 2 parameters move per iteration, none twice running
  --out DIR             output directory (default $SOAK_OUT_DIR or artifacts/soak/latest)
  --resume              continue the run in --out from its last complete iteration
  --keep N              after the run, gzip all but the last N ITER_SUMMARY files
  --metrics-port P      serve /metrics on 127.0.0.1:P while running
  --json                print one final JSON document on stdout
Parameters (precedence: defaults < profile < preset < overrides file < env < --set):
  --profile NAME|FILE   steady_safe, ultra_safe, or a JSON file
  --preset NAME|FILE    maker_bias_uplift_v1, warmup_conservative_v1, or a preset JSON file
  --overrides FILE      runtime overrides JSON (flat or nested keys)
  --set KEY=VALUE       one parameter (repeatable)
  env MM_RUNTIME_OVERRIDES_JSON='{"min_interval_ms":70}', MM_<PARAM>=value (e.g. MM_MIN_INTERVAL_MS)

Exit codes: 0 completed, 2 bad input (one line naming the file and field).`;

/** Parsed options. */
export type Options = Omit<SoakOptions, "env" | "on_iteration" | "on_info"> & { json: boolean };

/** Parse the command line. */
export function parse(argv: string[]): Options {
  const { values: v, positionals } = parse_args(argv, {
    iterations: { type: "string" },
    "auto-tune": { type: "boolean", negatable: true },
    mock: { type: "boolean" },
    market: { type: "string" },
    scenario: { type: "string" },
    data: { type: "string" },
    "window-s": { type: "string" },
    symbols: { type: "string" },
    seed: { type: "string" },
    clock: { type: "string" },
    profile: { type: "string" },
    preset: { type: "string" },
    overrides: { type: "string" },
    set: { type: "string", multiple: true },
    warmup: { type: "boolean" },
    out: { type: "string" },
    resume: { type: "boolean" },
    keep: { type: "string" },
    "metrics-port": { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  const src: Record<string, string> = {};
  const given = (k: string, flag: string) => {
    src[k] = v[flag] !== undefined ? "cli" : "default";
    return v[flag];
  };
  const iterations = given("iterations", "iterations") === undefined
    ? 24
    : number_flag("iterations", v.iterations, { integer: true, min: 1 });
  const auto_tune = given("auto_tune", "auto-tune") !== false;
  let market: MarketChoice;
  const kind = v.mock ? "mock" : (v.market as string | undefined) ?? "sim";
  src.market = v.mock || v.market !== undefined ? "cli" : "default";
  if (v.mock && v.market !== undefined) {
    throw new UsageError("--mock and --market exclude each other");
  }
  if (kind === "mock") market = { kind: "mock" };
  else if (kind === "sim") {
    if (v.data !== undefined) throw new UsageError("--data needs --market replay");
    market = { kind: "sim", scenario: (given("scenario", "scenario") as string) ?? "default" };
  } else if (kind === "replay") {
    if (v.data === undefined) throw new UsageError("--market replay needs --data PATH");
    market = { kind: "replay", data: given("data", "data") as string };
  } else throw new UsageError(`--market expects sim or replay, got ${JSON.stringify(kind)}`);
  const window_s = given("window_s", "window-s") === undefined
    ? 300
    : number_flag("window-s", v["window-s"], { integer: true, min: 1 });
  const symbols = ((given("symbols", "symbols") as string | undefined) ?? "BTCUSDT")
    .split(",").map((s) => s.trim()).filter(Boolean);
  if (!symbols.length) throw new UsageError("--symbols needs at least one symbol");
  const seed = given("seed", "seed") === undefined
    ? 1
    : number_flag("seed", v.seed, { integer: true, min: 0 });
  let start_ms = DEFAULT_START_MS;
  if (given("start_utc", "clock") !== undefined) {
    start_ms = Date.parse(v.clock as string);
    if (!Number.isFinite(start_ms)) {
      throw new UsageError(`--clock expects an ISO date, got ${JSON.stringify(v.clock)}`);
    }
  }
  const warmup = given("warmup", "warmup") === true;
  const keep = given("keep", "keep") === undefined
    ? null
    : number_flag("keep", v.keep, { integer: true, min: 0 });
  const env_out = Deno.env.get("SOAK_OUT_DIR");
  const out = (v.out as string | undefined) ?? (env_out || "artifacts/soak/latest");
  const metrics_port = v["metrics-port"] === undefined
    ? undefined
    : number_flag("metrics-port", v["metrics-port"], { integer: true, min: 0 });
  return {
    iterations,
    auto_tune,
    market,
    window_s,
    symbols,
    seed,
    warmup,
    start_ms,
    keep,
    run_sources: src,
    profile: v.profile as string | undefined,
    preset: v.preset as string | undefined,
    overrides_file: v.overrides as string | undefined,
    set: (v.set as string[] | undefined) ?? [],
    out,
    resume: v.resume === true,
    metrics_port,
    json: v.json === true,
  };
}

/** Run the soak and print the per-iteration lines, trend table and decision. */
export async function run(o: Options): Promise<number> {
  const t0 = performance.now();
  const progress = new Progress({ total: o.iterations, label: "soak" });
  const say = o.json ? (s: string) => console.error(s) : (s: string) => console.log(s);
  const r = await run_soak({
    ...o,
    env: (k) => Deno.env.get(k),
    on_iteration: (line) => progress.tick(line),
    on_info: (line) => console.error(line),
  });
  progress.done();
  const wall_ms = Math.round(performance.now() - t0);
  say("[MINI-SOAK COMPLETE]");
  say(trend_table(r.rows));
  say(
    `last-8 pass: ${r.last8.pass_count}/${r.last8.window}; freeze entered at: ${
      r.last8.freeze_iterations.length ? r.last8.freeze_iterations.join(", ") : "never"
    }; applied ${r.counters.applied}/${r.counters.count}`,
  );
  say(`DECISION: ${r.decision.text}`);
  if (r.rotation) {
    say(
      `rotation: kept ${r.rotation.kept}, compressed ${r.rotation.compressed.length}, ` +
        `${r.rotation.bytes_before} -> ${r.rotation.bytes_after} bytes`,
    );
  }
  console.error(`REAL DURATION (wall-clock): ${(wall_ms / 1000).toFixed(2)} s; output ${o.out}`);
  if (o.json) {
    print_json({
      version: JSON_OUTPUT_VERSION,
      command: "soak",
      out: o.out,
      iterations: r.iterations,
      resumed_from: r.resumed_from,
      decision: r.decision,
      last8: r.last8,
      counters: r.counters,
      final_overrides: r.final_overrides,
      rotation: r.rotation,
      wall_ms,
    });
  }
  return 0;
}

if (import.meta.main) Deno.exitCode = await run_command("soak", { help, parse, run }, Deno.args);
