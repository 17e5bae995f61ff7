/**
 * One smoke run, wired: exchange adapter (sim or Bybit), clock, metrics endpoint, execution loop,
 * report written atomically. `cmd/smoke.ts` only parses flags and prints.
 * @module
 */
import { write_json_atomic } from "../artifacts/write.ts";
import { Credentials } from "../exchange/bybit/credentials.ts";
import { BybitExchange } from "../exchange/bybit/adapter.ts";
import { bybit_endpoints, local_endpoints } from "../exchange/bybit/sign.ts";
import { type Clock, fixed_epoch_ms, SimClock, WallClock } from "../exchange/clock.ts";
import { SimExchange, type SimOptions } from "../exchange/sim.ts";
import type { Exchange } from "../exchange/types.ts";
import { create_metrics } from "../metrics/registry.ts";
import { type MetricsServer, serve_metrics } from "../metrics/serve.ts";
import { ExecutionLoop, type LoopParams } from "./execution_loop.ts";
import { confirm_live_enable } from "./kill_switch.ts";
import { build_report, type FeeSchedule } from "./report.ts";
import { register_smoke_metrics } from "./smoke_metrics.ts";

/** Everything a smoke run needs (flags of `mmsoak smoke`). */
export interface SmokeOptions extends Omit<LoopParams, "edge_bps"> {
  exchange: "sim" | "bybit";
  testnet: boolean;
  out: string;
  seed: number;
  obs: boolean;
  obs_port: number;
  /** Keep /metrics up this many seconds after the report is written (for a last scrape). */
  obs_linger_s?: number;
  /** Fixed start instant (ISO); MM_FREEZE_UTC_ISO is read by the command. */
  clock_fixed?: string;
  /** Bybit REST base URL override (a local server); WS URLs follow it. */
  base_url?: string;
  timeout_ms: number;
  rate_limit_per_s: number;
  fees: FeeSchedule;
  /** Market scenario of the simulator (a `lib/market/scenarios.ts` preset; default "default"). */
  sim_scenario?: string;
  /** Extra simulator settings (tests). */
  sim?: Partial<SimOptions>;
  /** Credentials for Bybit (the command reads them from the environment). */
  credentials?: Credentials;
}

/** Result of a run. */
export interface SmokeOutcome {
  report: Record<string, unknown>;
  path: string;
  status: string;
  metrics_url?: string;
}

/** Name of the sim run's scenario as `make_exchange` resolves it ("custom" for a parameter set). */
function scenario_name(o: SmokeOptions): string {
  const sc = o.sim_scenario ?? o.sim?.scenario ?? "default";
  return typeof sc === "string" ? sc : "custom";
}

/** Build the adapter and the clock of a run. */
export function make_exchange(o: SmokeOptions): { exchange: Exchange; clock: Clock } {
  const fixed = fixed_epoch_ms(o.clock_fixed);
  if (o.exchange === "sim") {
    const clock = new SimClock(fixed ?? Date.now());
    // The scenario's price path covers the run: the interval plus a few round trips per iteration.
    const window_ms = o.iterations * (o.interval_ms + 400) + 5_000;
    const sim: Partial<SimOptions> = { window_ms, ...o.sim, seed: o.seed };
    if (o.sim_scenario !== undefined) sim.scenario = o.sim_scenario;
    return { exchange: new SimExchange(clock, sim), clock };
  }
  // The kill switch holds for library callers too, not only for the command line.
  confirm_live_enable(!o.shadow, o.testnet, Deno.env.get("MM_LIVE_ENABLE"));
  const clock = new WallClock();
  const exchange = new BybitExchange({
    endpoints: o.base_url ? local_endpoints(o.base_url) : bybit_endpoints(o.testnet),
    credentials: o.credentials,
    clock,
    shadow: o.shadow,
    timeout_ms: o.timeout_ms,
    resilience: {
      rate: { rate_per_s: o.rate_limit_per_s, burst: Math.max(1, Math.floor(o.rate_limit_per_s)) },
      seed: o.seed,
    },
  });
  return { exchange, clock };
}

/** Run the loop, write the report, and resolve with it. Exchange errors at start-up propagate. */
export async function run_smoke(
  o: SmokeOptions,
  log: (event: string, fields?: Record<string, unknown>) => void = () => {},
): Promise<SmokeOutcome> {
  const { exchange, clock } = make_exchange(o);
  const metrics = create_metrics();
  let server: MetricsServer | undefined;
  const fixed = fixed_epoch_ms(o.clock_fixed);
  try {
    if (o.obs) {
      server = serve_metrics(metrics.registry, { port: o.obs_port, hostname: "127.0.0.1" });
      log("metrics_serving", { url: server.url });
    }
    const start_ms = clock.now_ms();
    await exchange.start(o.symbols);
    const loop = new ExecutionLoop(exchange, clock, o, {
      metrics,
      log,
      // Bybit wants orderLinkIds unique per account: tag them with the run's start.
      client_id_prefix: o.exchange === "bybit" ? `mm${start_ms.toString(36)}-` : "",
    });
    register_smoke_metrics(metrics.registry, () => ({
      placed: loop.stats.orders_placed,
      fills: loop.stats.fills,
      rejected: loop.stats.orders_rejected,
      canceled: loop.stats.orders_canceled,
      freeze_events: loop.stats.freeze_events,
      breaker_open: exchange instanceof BybitExchange && exchange.caller.breaker.state !== "closed"
        ? 1
        : 0,
    }));
    await loop.run();
    const resilience = exchange instanceof BybitExchange
      ? {
        ...exchange.caller.stats(),
        ws_drops: exchange.ws_drops,
        resyncs: exchange.resyncs,
        duplicates: exchange.duplicates,
      }
      : undefined;
    const report = build_report(loop, {
      exchange: o.exchange,
      network_enabled: o.exchange !== "sim",
      testnet: o.testnet,
      seed: o.seed,
      sim_scenario: o.exchange === "sim" ? scenario_name(o) : undefined,
      start_ms,
      end_utc_ms: fixed ?? Date.now(),
      fees: o.fees,
      resilience,
    });
    await write_json_atomic(o.out, report);
    if (server && (o.obs_linger_s ?? 0) > 0) {
      await new Promise((resolve) => setTimeout(resolve, o.obs_linger_s! * 1000));
    }
    const status = String((report.summary as { status: string }).status);
    return { report, path: o.out, status, metrics_url: server?.url };
  } finally {
    await exchange.close();
    await server?.close();
  }
}
