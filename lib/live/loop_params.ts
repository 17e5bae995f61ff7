/**
 * Parameters of the smoke execution loop, their defaults, and the edge the freeze check reads
 * when it is not measured (the original tool's scripted ramp).
 * @module
 */
import { DEFAULT_FEES, type Fees } from "../engine/fills.ts";

/** Parameters of a run (flags of the smoke command). */
export interface LoopParams {
  symbols: string[];
  iterations: number;
  max_inventory_usd_per_symbol: number;
  max_total_notional_usd: number;
  edge_freeze_threshold_bps: number;
  /** Notional per order (USD); quantity = notional / mid, rounded down to the step. */
  order_usd: number;
  post_only_offset_bps: number;
  min_qty_pad: number;
  /** Keep a working order whose price is within this many bps of the new target. */
  requote_bps: number;
  recon_interval_s: number;
  /** Pause between iterations (ms, on the loop's clock). */
  interval_ms: number;
  /** Market data only: no orders. */
  shadow: boolean;
  /**
   * What the freeze check reads: `measured` (the smoothed net edge of our own fills, see
   * measured_edge.ts) or `ramp` (the original tool's scripted 10 → 2 bps ramp, SPEC §5.1).
   */
  edge_source: "measured" | "ramp";
  /** Maker fee and rebate (bps) of the measured edge and the fees report. */
  fees: Pick<Fees, "maker_fee_bps" | "maker_rebate_bps">;
  /** Test hook: edge (net bps) fed to the freeze check at iteration `it`, overriding the source. */
  edge_bps?: (it: number, iterations: number, symbol: string) => number;
}

/**
 * Default freeze threshold per edge source, bps. Ramp: the original's 1.5. Measured: −0.5, i.e.
 * freeze when our fills lose money after fees, rebates and a 1 s markout: with the 10-30 fills a
 * symbol gets in a default run, the smoothed edge's noise (≈ 0.5 bps) makes a threshold at the
 * benign mean (≈ +1 bps in the default scenario) freeze benign runs at random.
 */
export const EDGE_THRESHOLD_DEFAULTS = { measured: -0.5, ramp: 1.5 } as const;

/** Defaults of the smoke command (the exec_demo defaults of SPEC §5.7 where they exist). */
export const LOOP_DEFAULTS: Readonly<LoopParams> = {
  symbols: ["BTCUSDT", "ETHUSDT"],
  iterations: 50,
  max_inventory_usd_per_symbol: 10000,
  max_total_notional_usd: 50000,
  edge_freeze_threshold_bps: EDGE_THRESHOLD_DEFAULTS.measured,
  order_usd: 500,
  post_only_offset_bps: 1.5,
  min_qty_pad: 1.1,
  requote_bps: 1.0,
  recon_interval_s: 60,
  interval_ms: 1000,
  shadow: false,
  edge_source: "measured",
  fees: {
    maker_fee_bps: DEFAULT_FEES.maker_fee_bps,
    maker_rebate_bps: DEFAULT_FEES.maker_rebate_bps,
  },
};

/** The original shadow run's edge ramp: 10 bps falling linearly by 8 bps over the run. */
export function ramp_edge_bps(it: number, iterations: number): number {
  return 10 - (it / iterations) * 8;
}
