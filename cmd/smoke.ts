/**
 * `mmsoak smoke`: run the live execution path against an exchange adapter (seeded simulator or
 * Bybit v5) and write TESTNET_SMOKE_REPORT.json.
 * @module
 */
import { UsageError } from "../lib/cli/errors.ts";
import { number_flag, opt_number_flag } from "../lib/cli/flags.ts";
import { run_command } from "../lib/cli/main.ts";
import { parse_args } from "../lib/deps/args.ts";
import { Credentials } from "../lib/exchange/bybit/credentials.ts";
import { fixed_epoch_ms } from "../lib/exchange/clock.ts";
import { DEFAULT_FEES } from "../lib/engine/fills.ts";
import { EDGE_THRESHOLD_DEFAULTS, LOOP_DEFAULTS as D } from "../lib/live/execution_loop.ts";
import { confirm_live_enable } from "../lib/live/kill_switch.ts";
import { run_smoke, type SmokeOptions } from "../lib/live/smoke_run.ts";
import { stable_stringify } from "../lib/json/stable.ts";
import { SCENARIOS } from "../lib/market/scenarios.ts";

/** Help text. */
export const help =
  `mmsoak smoke: smoke-test the live execution path, write TESTNET_SMOKE_REPORT.json

Usage: deno task smoke [flags]

Flags:
  --exchange sim|bybit       adapter (sim: seeded simulator, no network)          [sim]
  --testnet                  Bybit testnet (mainnet orders need MM_LIVE_ENABLE=1)
  --shadow                   market data only, no orders
  --symbols A,B              symbols                                 [BTCUSDT,ETHUSDT]
  --iterations N             quoting iterations                                    [50]
  --max-inv USD              max |position| notional per symbol                 [10000]
  --max-total USD            max total notional                                 [50000]
  --edge-source S            what the freeze reads: measured (EWMA net edge of our own
                             fills: edge vs mid, 1 s markout, fees and rebate) or ramp
                             (the original's scripted 10 -> 2 bps ramp)      [measured]
  --edge-threshold=BPS       freeze (and cancel all) when the edge < this
                                                   [measured -0.5, ramp 1.5]
  --post-only-offset-bps B   post-only price offset from the touch                [1.5]
  --min-qty-pad X            block orders below min_qty * X                       [1.1]
  --order-usd USD            notional per order                                   [500]
  --requote-bps B            keep an order within B bps of its new target         [1.0]
  --recon-interval-s S       reconcile every S seconds (and at the end)            [60]
  --interval-ms MS           pause between iterations (sim: simulated time) [1000 sim, 250 bybit]
  --obs                      serve /metrics on 127.0.0.1 during the run
  --obs-port P               metrics port (0 = ephemeral)                        [8080]
  --obs-linger-s S           keep /metrics up S seconds after the run               [0]
  --out FILE                 report path       [artifacts/smoke/TESTNET_SMOKE_REPORT.json]
  --seed N                   seed of the simulator and of retry jitter              [42]
  --sim-scenario NAME        sim market scenario                              [default]
                             (${Object.keys(SCENARIOS).join(", ")})
  --clock-fixed ISO          fixed start instant (also env MM_FREEZE_UTC_ISO)
  --base-url URL             Bybit REST base URL override (WS URLs follow it)
  --timeout-ms MS            timeout of every request and WS connect              [5000]
  --rate-limit-per-s N       client-side request rate limit                         [8]
  --fee-maker-bps, --rebate-maker-bps   measured edge and fees report        [1.0, 2.0]
  --verbose                  log every order event on stderr

Environment: BYBIT_API_KEY, BYBIT_API_SECRET (bybit without --shadow; never logged),
MM_LIVE_ENABLE=1 (required for mainnet orders), MM_FREEZE_UTC_ISO.

Exit codes: 0 report written, status pass; 1 run failed or status fail; 2 bad flags/config.`;

/** Parsed flags (credentials and kill switch are checked in run, from the environment). */
export interface Options extends Omit<SmokeOptions, "credentials"> {
  verbose: boolean;
}

const FLAGS = {
  exchange: { type: "string", default: "sim" },
  testnet: { type: "boolean", default: false },
  shadow: { type: "boolean", default: false },
  symbols: { type: "string", default: D.symbols.join(",") },
  iterations: { type: "string", default: String(D.iterations) },
  "max-inv": { type: "string", default: String(D.max_inventory_usd_per_symbol) },
  "max-total": { type: "string", default: String(D.max_total_notional_usd) },
  "edge-threshold": { type: "string" },
  "edge-source": { type: "string", default: D.edge_source },
  "sim-scenario": { type: "string", default: "default" },
  "post-only-offset-bps": { type: "string", default: String(D.post_only_offset_bps) },
  "min-qty-pad": { type: "string", default: String(D.min_qty_pad) },
  "order-usd": { type: "string", default: String(D.order_usd) },
  "requote-bps": { type: "string", default: String(D.requote_bps) },
  "recon-interval-s": { type: "string", default: String(D.recon_interval_s) },
  "interval-ms": { type: "string" },
  obs: { type: "boolean", default: false },
  "obs-port": { type: "string", default: "8080" },
  "obs-linger-s": { type: "string", default: "0" },
  out: { type: "string", default: "artifacts/smoke/TESTNET_SMOKE_REPORT.json" },
  seed: { type: "string", default: "42" },
  "clock-fixed": { type: "string" },
  "base-url": { type: "string" },
  "timeout-ms": { type: "string", default: "5000" },
  "rate-limit-per-s": { type: "string", default: "8" },
  "fee-maker-bps": { type: "string", default: String(DEFAULT_FEES.maker_fee_bps) },
  "rebate-maker-bps": { type: "string", default: String(DEFAULT_FEES.maker_rebate_bps) },
  verbose: { type: "boolean", default: false },
} as const;

/** Parse and validate the flags. */
export function parse(argv: string[]): Options {
  const { values: v, positionals } = parse_args(argv, FLAGS);
  if (positionals.length > 0) throw new UsageError(`Unexpected argument ${positionals[0]}`);
  const exchange = v.exchange;
  if (exchange !== "sim" && exchange !== "bybit") {
    throw new UsageError(`Flag --exchange must be sim or bybit, got ${JSON.stringify(exchange)}`);
  }
  const symbols = String(v.symbols).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (symbols.length === 0 || symbols.some((s) => !/^[A-Z0-9]{2,30}$/.test(s))) {
    throw new UsageError(`Flag --symbols must list symbols like BTCUSDT,ETHUSDT`);
  }
  const clock_fixed = (v["clock-fixed"] as string | undefined) ?? undefined;
  try {
    fixed_epoch_ms(clock_fixed);
  } catch (e) {
    throw new UsageError(`Flag --clock-fixed: ${(e as Error).message}`);
  }
  const base_url = v["base-url"] as string | undefined;
  if (base_url !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(base_url)) {
    throw new UsageError(`Flag --base-url must be like http://127.0.0.1:8080`);
  }
  const edge_source = v["edge-source"];
  if (edge_source !== "measured" && edge_source !== "ramp") {
    throw new UsageError(
      `Flag --edge-source must be measured or ramp, got ${JSON.stringify(edge_source)}`,
    );
  }
  const sim_scenario = String(v["sim-scenario"]);
  if (!Object.hasOwn(SCENARIOS, sim_scenario)) {
    throw new UsageError(
      `Flag --sim-scenario must be one of ${Object.keys(SCENARIOS).join(", ")}, got ${
        JSON.stringify(sim_scenario)
      }`,
    );
  }
  const threshold = v["edge-threshold"];
  const edge = opt_number_flag("edge-threshold", threshold) ?? EDGE_THRESHOLD_DEFAULTS[edge_source];
  return {
    exchange,
    edge_source,
    sim_scenario,
    testnet: v.testnet === true,
    shadow: v.shadow === true,
    symbols: [...new Set(symbols)],
    iterations: number_flag("iterations", v.iterations, { min: 1, integer: true }),
    max_inventory_usd_per_symbol: number_flag("max-inv", v["max-inv"], { min: 0 }),
    max_total_notional_usd: number_flag("max-total", v["max-total"], { min: 0 }),
    edge_freeze_threshold_bps: edge,
    post_only_offset_bps: number_flag("post-only-offset-bps", v["post-only-offset-bps"], {
      min: 0,
    }),
    min_qty_pad: number_flag("min-qty-pad", v["min-qty-pad"], { min: 1 }),
    order_usd: number_flag("order-usd", v["order-usd"], { min: 0 }),
    requote_bps: number_flag("requote-bps", v["requote-bps"], { min: 0 }),
    recon_interval_s: number_flag("recon-interval-s", v["recon-interval-s"], { min: 0 }),
    interval_ms: v["interval-ms"] === undefined
      ? (exchange === "sim" ? D.interval_ms : 250)
      : number_flag("interval-ms", v["interval-ms"], { min: 0 }),
    obs: v.obs === true,
    obs_port: number_flag("obs-port", v["obs-port"], { min: 0, integer: true }),
    obs_linger_s: number_flag("obs-linger-s", v["obs-linger-s"], { min: 0 }),
    out: String(v.out),
    seed: number_flag("seed", v.seed, { min: 0, integer: true }),
    clock_fixed,
    base_url,
    timeout_ms: number_flag("timeout-ms", v["timeout-ms"], { min: 1 }),
    rate_limit_per_s: number_flag("rate-limit-per-s", v["rate-limit-per-s"], { min: 0.1 }),
    fees: {
      maker_fee_bps: number_flag("fee-maker-bps", v["fee-maker-bps"], { min: 0 }),
      maker_rebate_bps: number_flag("rebate-maker-bps", v["rebate-maker-bps"], { min: 0 }),
    },
    verbose: v.verbose === true,
  };
}

const QUIET = new Set(["order_rejected"]);

/** Run the smoke test; resolves to the exit code. */
export async function run(options: Options): Promise<number> {
  const env_fixed = Deno.env.get("MM_FREEZE_UTC_ISO");
  let clock_fixed = options.clock_fixed;
  if (clock_fixed === undefined && env_fixed) {
    try {
      fixed_epoch_ms(env_fixed);
    } catch (e) {
      throw new UsageError(`MM_FREEZE_UTC_ISO: ${(e as Error).message}`);
    }
    clock_fixed = env_fixed;
  }
  let credentials: Credentials | undefined;
  if (options.exchange === "bybit") {
    try {
      confirm_live_enable(!options.shadow, options.testnet, Deno.env.get("MM_LIVE_ENABLE"));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    credentials = Credentials.from_env();
    if (!credentials && !options.shadow) {
      throw new UsageError(
        "Bybit orders need BYBIT_API_KEY and BYBIT_API_SECRET in the environment",
      );
    }
  }
  const log = (event: string, fields: Record<string, unknown> = {}) => {
    if (!options.verbose && QUIET.has(event)) return;
    console.error(stable_stringify({ event, ...fields }));
  };
  const t0 = performance.now();
  const r = await run_smoke({ ...options, clock_fixed, credentials }, log);
  const s = r.report.summary as Record<string, number | string>;
  const o = r.report.orders as Record<string, number>;
  const recon = r.report.recon as { divergence_count?: number } | undefined;
  const edge = r.report.edge as { source: string; by_symbol: Record<string, number | null> };
  const edges = Object.entries(edge.by_symbol).map(([k, v]) => `${k} ${v ?? "n/a"}`).join(" ");
  console.log(
    `smoke ${s.status}: ${options.exchange}, placed ${o.placed}, filled ${o.filled}, ` +
      `maker_fill_rate ${s.maker_fill_rate}, latency_p95_ms ${s.latency_p95_ms}, ` +
      `risk_ratio_p95 ${s.risk_ratio_p95}, edge bps (${edge.source}) ${edges}, ` +
      `freezes ${s.warnings}, open at end ${o.open_at_end}, ` +
      `recon divergences ${recon?.divergence_count ?? "n/a"}, ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s -> ${r.path}`,
  );
  return r.status === "pass" ? 0 : 1;
}

if (import.meta.main) Deno.exitCode = await run_command("smoke", { help, parse, run }, Deno.args);
