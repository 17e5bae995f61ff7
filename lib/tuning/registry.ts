/**
 * The one parameter registry: every tunable strategy parameter with its nested path, default,
 * bounds, rounding and meaning. Proposals, bounds, apply, verification and the engine all read it,
 * so the flat view (`min_interval_ms`) and the nested view (`engine.min_interval_ms`) never disagree.
 * Defaults are the original's "default best cell" (SPEC §1.3); bounds contain every value the
 * original's tuner, profiles and presets could reach (SPEC §1.12, §1.17).
 * @module
 */

/** One tunable parameter. */
export interface ParamSpec {
  /** Flat name, as in runtime_overrides.json and tuning deltas. */
  readonly name: string;
  /** Nested path (the original's params.py layout). */
  readonly path: readonly [string, string];
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Values are rounded to this many decimals after every change (0 = integer). */
  readonly decimals: number;
  readonly unit: string;
  /** What the parameter does in the engine. */
  readonly doc: string;
}

/** Every tunable parameter. */
export const PARAMS: readonly ParamSpec[] = [
  {
    name: "base_spread_bps",
    path: ["risk", "base_spread_bps"],
    default: 0.12,
    min: 0.05,
    max: 1.0,
    decimals: 6,
    unit: "bps",
    doc:
      "base half-spread of the quotes, bps; the engine adds base_spread_bps_delta and 2.8 × the short-term volatility (bps/√s), ≈ 3-4 bps in all on BTCUSDT",
  },
  {
    name: "base_spread_bps_delta",
    path: ["risk", "base_spread_bps_delta"],
    default: 0.05,
    min: 0.0,
    max: 0.25,
    decimals: 6,
    unit: "bps",
    doc: "extra half-spread added to base_spread_bps, bps (the tuner's widening knob)",
  },
  {
    name: "min_interval_ms",
    path: ["engine", "min_interval_ms"],
    default: 60,
    min: 40,
    max: 100,
    decimals: 0,
    unit: "ms",
    doc:
      "minimum time between two requotes of one side; after a fill the side adds no new order for 20 × this (no quoting back into a sweep)",
  },
  {
    name: "replace_rate_per_min",
    path: ["engine", "replace_rate_per_min"],
    default: 300,
    min: 120,
    max: 360,
    decimals: 0,
    unit: "1/min",
    doc:
      "cap on replacements per minute of each quote (token bucket, 2 s burst); a replacement is cancel + new order",
  },
  {
    name: "concurrency_limit",
    path: ["engine", "concurrency_limit"],
    default: 10,
    min: 1,
    max: 20,
    decimals: 0,
    unit: "requests",
    doc:
      "maximum requests in flight (all symbols); each one in flight adds 24 ms to the next request's latency",
  },
  {
    name: "tail_age_ms",
    path: ["engine", "tail_age_ms"],
    default: 600,
    min: 400,
    max: 1000,
    decimals: 0,
    unit: "ms",
    doc: "orders older than this are refreshed (cancel + new: more requests, back of the queue)",
  },
  {
    name: "impact_cap_ratio",
    path: ["risk", "impact_cap_ratio"],
    default: 0.10,
    min: 0.04,
    max: 0.12,
    decimals: 6,
    unit: "ratio",
    doc:
      "order size as a share of the displayed quantity at the touch level (then cut to the room under the position limits)",
  },
  {
    name: "max_delta_ratio",
    path: ["risk", "max_delta_ratio"],
    default: 0.15,
    min: 0.10,
    max: 0.20,
    decimals: 6,
    unit: "ratio",
    doc:
      "largest move of one requote towards the touch, as a share of the half-spread (retreats are immediate)",
  },
];

const BY_NAME = new Map(PARAMS.map((p) => [p.name, p]));

/** The spec of `name`, or undefined for an unknown parameter. */
export function param_spec(name: string): ParamSpec | undefined {
  return BY_NAME.get(name);
}

/** All defaults as a flat object. */
export function param_defaults(): Record<string, number> {
  return Object.fromEntries(PARAMS.map((p) => [p.name, p.default]));
}

/** Round to the parameter's decimals (removes float noise such as 0.09000000000000001). */
export function round_param(spec: ParamSpec, v: number): number {
  const f = 10 ** spec.decimals;
  return Math.round(v * f) / f;
}

/** Clamp to bounds, then round. */
export function clamp_param(spec: ParamSpec, v: number): number {
  return round_param(spec, Math.min(spec.max, Math.max(spec.min, v)));
}

/** The value after applying `delta` to `current`: `clamp(current + delta)`, rounded. */
export function next_value(spec: ParamSpec, current: number, delta: number): number {
  return clamp_param(spec, current + delta);
}
