/**
 * The engine's entry point (CONTRACT.md): one session of the reference maker against a sim or
 * replayed market, returning the KPI summary, the EDGE_REPORT and the raw latency and risk
 * samples. Deterministic for (config, seed, carry); no wall clock.
 * @module
 */
import { replay_feed } from "./replay_feed.ts";
import { scenario } from "../market/scenarios.ts";
import { maker_params } from "../strategy/maker.ts";
import type { Feed } from "./feed.ts";
import { DEFAULT_FEES, type Fees } from "./fills.ts";
import { summarize } from "./kpi.ts";
import { DEFAULT_LATENCY } from "./latency.ts";
import { type Limits, type SessionRecord, simulate } from "./loop.ts";
import { sim_feed } from "./sim_feed.ts";
import type { IterationResult, SessionConfig } from "./types.ts";

export type { IterationResult, KpiSummary, MarketSpec, SessionConfig } from "./types.ts";

/**
 * Position limits when the config gives none: 10 k USD per symbol (the original smoke tool's
 * `--max-inv` default) and 12.5 k USD in total per symbol traded (the total scales with the
 * symbol count unless given). A default BTCUSDT order is 0.10 × the touch level ≈ 5-10 k USD.
 */
export const DEFAULT_LIMITS: Limits = {
  max_inventory_usd_per_symbol: 10_000,
  max_total_notional_usd: 12_500,
};

/** State carried between consecutive sessions (JSON): fair prices and positions per symbol. */
export interface Carry {
  prices: Record<string, number>;
  positions: Record<string, number>;
}

function is_carry(c: unknown): c is Carry {
  return typeof c === "object" && c !== null && "prices" in c && "positions" in c;
}

/** The feed of a session's market. */
export function make_feed(
  config: SessionConfig,
  seed: number,
  carry?: Carry,
): Feed | Promise<Feed> {
  const window_ms = config.window_s * 1000;
  if (config.market.kind === "sim") {
    return sim_feed(
      scenario(config.market.scenario),
      config.symbols,
      seed,
      config.start_ms,
      window_ms,
      carry?.prices,
    );
  }
  return replay_feed(config.market.data, window_ms, config.market.window_index ?? 0);
}

/** Runs the session and returns its raw records (tests and benchmarks use this). */
export async function run_record(
  config: SessionConfig,
  seed: number,
  carry?: unknown,
): Promise<SessionRecord> {
  const c = is_carry(carry) ? carry : undefined;
  const feed = await make_feed(config, seed, c);
  // Without an explicit total limit, it scales with the number of symbols (1.25 × per symbol each).
  const per = config.limits?.max_inventory_usd_per_symbol ??
    DEFAULT_LIMITS.max_inventory_usd_per_symbol;
  const limits: Limits = {
    max_inventory_usd_per_symbol: per,
    max_total_notional_usd: config.limits?.max_total_notional_usd ??
      1.25 * per * Math.max(1, feed.symbols.length),
  };
  const fees: Fees = { ...DEFAULT_FEES, ...config.fees };
  const pos0 = feed.symbols.map((f) => c?.positions[f.symbol] ?? 0);
  return simulate(feed, maker_params(config.params), DEFAULT_LATENCY, limits, fees, seed, pos0);
}

/** One session (CONTRACT.md). */
export async function run_session(
  config: SessionConfig,
  seed: number,
  carry?: unknown,
): Promise<IterationResult> {
  const rec = await run_record(config, seed, carry);
  const { summary, edge_report } = summarize(rec);
  const next: Carry = { prices: {}, positions: {} };
  rec.symbols.forEach((s, i) => {
    next.prices[s] = rec.end_price[i] ?? rec.mid_end[i]!;
    next.positions[s] = rec.pos[i]!;
  });
  return {
    summary,
    edge_report,
    latency_ms: Float64Array.from(rec.latency_ms),
    risk_samples: Float64Array.from(rec.risk_samples),
    carry: next,
  };
}
