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
  /** Share of ticks holding an order, per 1-bps bucket (the touch itself is always held). */
  occupancy_by_bps: number[];
  /** Log-sd of a held level's size around the profile (lumpy books: walls and dust). */
  level_size_log_sigma: number;
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
 * (hftbacktest `usdm_btcusdt_20240808.gz`, 2024-08-08 23:54-23:59 UTC, 345 s, 21,313 trades) by
 * `calibrate()` (lib/market/calibrate.ts, figures in README):
 * - volatility 1.34 bps/√s (RMS of 1-s mid log-returns; this is the calm-regime value, the
 *   volatile regime, 9 % of the time at ×2.5, lifts the average to ≈ 1.6);
 * - touch spread 1 tick (median); depth per 1-bps bucket from the touch and level occupancy per
 *   bucket: time averages of the replayed book sampled every second;
 * - aggressive orders (trades grouped by millisecond and side): 15.9 /s, USD size lognormal with
 *   log-mean 7.75 (median ≈ 2.3 k USD) and fitted log-sd 2.12.
 * One deliberate deviation: the size log-sd is 2.4, not the fitted 2.12. With the fitted tail a
 * maker quoting ≥ 2 bps away gets ≈ 7 fills per 5 minutes and per-iteration KPIs are too noisy
 * for the gate's 6-of-8 rule; the heavier tail (more large aggressive orders, as in busier hours
 * than this 6-minute sample) gives ≈ 20. The pure fit is the `sample_fit` scenario.
 * Economics (assumptions, not calibrated): informed share 0.15, the middle of the 0.1-0.2 range of
 * PIN estimates for actively traded assets (Easley, Kiefer, O'Hara & Paperman 1996); fees are the
 * exchange model's defaults (maker 1.0, rebate 2.0, taker 7.0 bps: the original smoke tool's).
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
    598_664,
    626_775,
    1_511_963,
    1_050_605,
    2_845_238,
    1_659_468,
    1_157_583,
    1_122_368,
    1_044_036,
    1_783_606,
    2_010_051,
    1_999_173,
  ],
  occupancy_by_bps: [
    0.262,
    0.474,
    0.607,
    0.682,
    0.716,
    0.712,
    0.696,
    0.704,
    0.684,
    0.667,
    0.647,
    0.639,
  ],
  level_size_log_sigma: 0.9,
  touch_usd: 0,
  depth_range_bps: 20,
  refill_per_s: 2,
  churn_per_s: 20,
  gap_rate_per_s: 1 / 30,
  gap_bps: 1,
  trade_rate_per_s: 15.88,
  trade_size_log_mu: 7.749,
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

/** The presets: calm, default, volatile, stressed, flash_crash, and the pure fit sample_fit. */
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
  /**
   * The pure fit of the Binance sample, nothing adjusted: 1-s returns split into a diffusion of
   * 0.41 bps/√s and jumps (returns beyond 4 robust σ) of 2.8 bps RMS at 0.19 /s, one regime,
   * aggressive-order size log-sd 2.12. Much harder for a maker than `default` (jumps pick off
   * quotes): a reality check, not a tuning target.
   */
  sample_fit: {
    ...DEFAULT_SCENARIO,
    vol_bps_per_sqrt_s: 0.405,
    to_volatile_per_s: 0,
    jump_rate_per_s: 0.186,
    jump_bps: 2.79,
    trade_size_log_sigma: 2.117,
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
