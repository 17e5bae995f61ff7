/**
 * The reference maker's parameters and quote arithmetic (DESIGN §4, SPEC §1.17). The session loop
 * (lib/engine/session.ts) owns timing, blocks and orders; this module says where to quote and
 * how much, so each tunable parameter acts in one visible place.
 * @module
 */
import { param_defaults } from "../tuning/registry.ts";

/** Maker parameters: the registry's tunables plus fixed structure constants. */
export interface MakerParams {
  base_spread_bps: number;
  base_spread_bps_delta: number;
  min_interval_ms: number;
  replace_rate_per_min: number;
  concurrency_limit: number;
  tail_age_ms: number;
  impact_cap_ratio: number;
  max_delta_ratio: number;
  /** Half-spread added per unit of short-term volatility (bps per bps/√s). */
  vol_spread_mult: number;
  /** Quote levels per side; level l sits `l·level_step` half-spreads further out. */
  levels: number;
  level_step: number;
  /** Requote when the wanted price is this share of the half-spread away from the resting one. */
  requote_ratio: number;
  /** Reservation-price skew: half-spreads per unit of inventory ratio. */
  skew: number;
  /** Taker hedge when the total risk ratio exceeds this; it trades back to `hedge_to`. */
  hedge_trigger: number;
  hedge_to: number;
  /** Queue-aware placement: look this share of the half-spread behind the price for an empty tick. */
  gap_search: number;
  /** After a fill, the side adds no new order for this many min_interval_ms. */
  fill_cooldown_mult: number;
  /** Post-only orders that would cross are re-priced this far behind the touch (0 = rejected). */
  post_only_offset_bps: number;
}

/** Structure constants (not tuned; documented with the engine in README). */
export const MAKER_CONSTANTS = {
  vol_spread_mult: 2.8,
  fill_cooldown_mult: 20,
  gap_search: 0.25,
  levels: 2,
  level_step: 0.6,
  requote_ratio: 0.1,
  skew: 1.0,
  hedge_trigger: 1.2,
  hedge_to: 1.0,
  post_only_offset_bps: 1.5,
} as const;

/** Maker parameters from flat registry values (missing keys take registry defaults). */
export function maker_params(flat: Record<string, number>): MakerParams {
  const d = { ...param_defaults(), ...flat };
  return {
    base_spread_bps: d.base_spread_bps!,
    base_spread_bps_delta: d.base_spread_bps_delta!,
    min_interval_ms: d.min_interval_ms!,
    replace_rate_per_min: d.replace_rate_per_min!,
    concurrency_limit: Math.max(1, Math.floor(d.concurrency_limit!)),
    tail_age_ms: d.tail_age_ms!,
    impact_cap_ratio: d.impact_cap_ratio!,
    max_delta_ratio: d.max_delta_ratio!,
    ...MAKER_CONSTANTS,
  };
}

/** Half-spread in bps for a short-term volatility estimate `vol_bps_s` (bps per √s). */
export function half_spread_bps(p: MakerParams, vol_bps_s: number): number {
  return p.base_spread_bps + p.base_spread_bps_delta + p.vol_spread_mult * vol_bps_s;
}

/**
 * Wanted price of quote level `level` on `side` (0 bid, 1 ask) around `mid`, skewed by
 * `inv_ratio` (signed position notional / per-symbol limit), on the tick grid (bids down, asks
 * up: never closer than wanted).
 */
export function quote_price(
  p: MakerParams,
  side: 0 | 1,
  level: number,
  mid: number,
  h_bps: number,
  inv_ratio: number,
  tick: number,
): number {
  const r = mid * (1 - p.skew * inv_ratio * h_bps * 1e-4);
  const off = h_bps * (1 + level * p.level_step) * 1e-4 * mid;
  return side === 0
    ? Math.floor((r - off) / tick + 1e-9) * tick
    : Math.ceil((r + off) / tick - 1e-9) * tick;
}

/**
 * Price after one requote from `current` towards `wanted`: moving away from the touch is free
 * (retreat at once), moving towards it is capped at `max_delta_ratio` of the half-spread.
 */
export function step_towards(
  p: MakerParams,
  side: 0 | 1,
  current: number,
  wanted: number,
  h_bps: number,
  mid: number,
  tick: number,
): number {
  const towards = side === 0 ? wanted > current : wanted < current;
  if (!towards) return wanted;
  const cap = Math.max(tick, p.max_delta_ratio * h_bps * 1e-4 * mid);
  if (Math.abs(wanted - current) <= cap) return wanted;
  const moved = side === 0 ? current + cap : current - cap;
  return side === 0
    ? Math.floor(moved / tick + 1e-9) * tick
    : Math.ceil(moved / tick - 1e-9) * tick;
}

/** Order size in base units: `impact_cap_ratio` of the touch depth (top 5 levels), on lots. */
export function order_size(p: MakerParams, touch_depth: number, lot: number): number {
  return Math.floor(p.impact_cap_ratio * touch_depth / lot + 1e-9) * lot;
}
