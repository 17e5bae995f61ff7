/**
 * Scenario presets of the sim market: each a documented parameter set. Prices move in bps of
 * the symbol's price; depth and trade sizes are USD notional (scaled per symbol by
 * `SymbolSpec.liquidity_scale`), so one scenario serves every symbol.
 * @module
 */

/** Every parameter of the sim generator (units in the names). */
export interface ScenarioParams {
  /** Diffusion volatility of the fair log-price in the calm regime, bps per √second. */
  vol_bps_per_sqrt_s: number;
  /** Volatility multiplier in the volatile regime. */
  volatile_vol_mult: number;
  /** Switching rates between regimes, per second. */
  to_volatile_per_s: number;
  to_calm_per_s: number;
  /** Poisson jumps of the fair price: rate per second and size standard deviation in bps. */
  jump_rate_per_s: number;
  jump_bps: number;
  /** Touch spread, in ticks (Binance BTCUSDT: one tick almost always). */
  spread_ticks: number;
  /** Depth per 1-bps bucket away from the touch, USD, bucket 0 = the first bps. Beyond: last. */
  depth_usd_per_bps: number[];
  /** Extra depth sitting at the touch level itself, USD. */
  touch_usd: number;
  /** Book range kept on each side, bps from the touch. */
  depth_range_bps: number;
  /** Share of a depleted level's deficit refilled per second (resilience). */
  refill_per_s: number;
  /** Random level changes (adds/cancels) per second per side. */
  churn_per_s: number;
  /** Liquidity gaps per second: a band of levels near the touch is emptied. */
  gap_rate_per_s: number;
  /** Width of a gap, bps. */
  gap_bps: number;
  /** Aggressive orders per second (each may walk several levels). */
  trade_rate_per_s: number;
  /** Lognormal size of an aggressive order in USD: log-mean and log-sd. */
  trade_size_log_mu: number;
  trade_size_log_sigma: number;
  /** Share of aggressive orders that trade in the direction of the fair price's next move. */
  informed_share: number;
  /** How far ahead informed flow sees the fair price, seconds. */
  informed_horizon_s: number;
  /** Step of the generator, ms (book refresh cadence). */
  step_ms: number;
  /** Latency spikes: probability per request in the volatile regime, and mean extra ms. */
  latency_spike_prob: number;
  latency_spike_ms: number;
  /** Flash crash: at this share of the window the fair drops by `crash_bps` over `crash_s` (0 = none). */
  crash_at: number;
  crash_bps: number;
  crash_s: number;
}

/**
 * `default`: microstructure calibrated from the Binance USD-M futures BTCUSDT sample
 * (hftbacktest `usdm_btcusdt_20240808.gz`, 2024-08-08, 343 s, 21,313 trades, 5,374 aggressive
 * orders) by `calibrate()` (lib/market/calibrate.ts):
 * fair-price volatility 1.34 bps/√s (1-s mid log-returns), touch spread 1 tick (p50 and p90),
 * depth ≈ 0.6-1.1 M USD per bps in the first 12 bps (REST snapshot, average of both sides),
 * 15.7 aggressive orders/s with lognormal USD size (log-mean 7.85, log-sd 2.05 ≈ median 2.6 k USD).
 * Economics are assumptions, not calibrated: informed share 0.15 (a typical share of informed
 * flow in the adverse-selection literature, e.g. Glosten-Milgrom style estimates of 10-20 %).
 */
export const DEFAULT_SCENARIO: ScenarioParams = {
  vol_bps_per_sqrt_s: 1.34,
  volatile_vol_mult: 2.5,
  to_volatile_per_s: 1 / 600,
  to_calm_per_s: 1 / 60,
  jump_rate_per_s: 1 / 120,
  jump_bps: 3,
  spread_ticks: 1,
  depth_usd_per_bps: [
    600_000,
    620_000,
    1_290_000,
    1_290_000,
    2_860_000,
    1_680_000,
    1_160_000,
    1_030_000,
    1_130_000,
    1_620_000,
    1_050_000,
    510_000,
  ],
  touch_usd: 0,
  depth_range_bps: 20,
  refill_per_s: 2,
  churn_per_s: 20,
  gap_rate_per_s: 1 / 30,
  gap_bps: 1,
  trade_rate_per_s: 15.7,
  trade_size_log_mu: 7.75,
  trade_size_log_sigma: 2.4,
  informed_share: 0.15,
  informed_horizon_s: 1,
  step_ms: 100,
  latency_spike_prob: 0.05,
  latency_spike_ms: 150,
  crash_at: 0,
  crash_bps: 0,
  crash_s: 0,
};

/** The presets: calm, default, volatile, stressed, flash_crash. */
export const SCENARIOS: Readonly<Record<string, ScenarioParams>> = {
  /** Half the volatility, fewer jumps, less informed flow, deeper book. */
  calm: {
    ...DEFAULT_SCENARIO,
    vol_bps_per_sqrt_s: 0.7,
    to_volatile_per_s: 1 / 1800,
    jump_rate_per_s: 1 / 600,
    informed_share: 0.08,
    depth_usd_per_bps: DEFAULT_SCENARIO.depth_usd_per_bps.map((d) => d * 1.3),
  },
  default: DEFAULT_SCENARIO,
  /** Twice the volatility, volatile regime a third of the time, more jumps. */
  volatile: {
    ...DEFAULT_SCENARIO,
    vol_bps_per_sqrt_s: 2.5,
    to_volatile_per_s: 1 / 120,
    to_calm_per_s: 1 / 60,
    jump_rate_per_s: 1 / 40,
    jump_bps: 5,
    informed_share: 0.2,
  },
  /** Volatile, thin book, frequent gaps, heavy informed flow, frequent latency spikes. */
  stressed: {
    ...DEFAULT_SCENARIO,
    vol_bps_per_sqrt_s: 3,
    to_volatile_per_s: 1 / 60,
    to_calm_per_s: 1 / 60,
    jump_rate_per_s: 1 / 20,
    jump_bps: 6,
    depth_usd_per_bps: DEFAULT_SCENARIO.depth_usd_per_bps.map((d) => d * 0.4),
    touch_usd: 60_000,
    gap_rate_per_s: 1 / 5,
    gap_bps: 2,
    informed_share: 0.35,
    latency_spike_prob: 0.15,
    latency_spike_ms: 300,
  },
  /** The default market with a 4 % crash over 20 s at 40 % of the window. */
  flash_crash: {
    ...DEFAULT_SCENARIO,
    crash_at: 0.4,
    crash_bps: 400,
    crash_s: 20,
    informed_share: 0.25,
  },
};

/** The scenario `name`; throws RangeError naming it when unknown. */
export function scenario(name: string): ScenarioParams {
  const s = SCENARIOS[name];
  if (!s) {
    throw new RangeError(
      `Unknown scenario "${name}" (known: ${Object.keys(SCENARIOS).join(", ")})`,
    );
  }
  return s;
}
