/**
 * Maker-only order shaping (SPEC §5.1 step 2): quantity rounded down to the step with a minimum
 * (min_qty · pad), post-only price `ref ∓ ref·offset_bps` (ref = best bid for a buy, best ask
 * for a sell) rounded away from the touch to the tick grid, and a block when it would still cross. Integer tick arithmetic avoids binary noise.
 * @module
 */
import type { Side, SymbolFilters } from "../exchange/types.ts";
import { round_to } from "../exchange/grid.ts";

/** A shaped order or the reason it was blocked. */
export type Shaped =
  | { ok: true; qty: number; price: number; adjusted: boolean }
  | { ok: false; reason: "min_qty" | "cross_price" };

/** Settings of the maker policy. */
export interface MakerPolicy {
  post_only_offset_bps: number;
  min_qty_pad: number;
}

/** Shape an order of `qty` at `price` against the touch (`best_bid`, `best_ask`). */
export function shape_post_only(
  side: Side,
  qty: number,
  price: number,
  best_bid: number,
  best_ask: number,
  f: SymbolFilters,
  policy: MakerPolicy,
): Shaped {
  const q = round_to(Math.floor(qty / f.step_size + 1e-9) * f.step_size, f.step_size);
  if (q < f.min_qty * policy.min_qty_pad - 1e-12) return { ok: false, reason: "min_qty" };
  const ref = side === "Buy" ? best_bid : best_ask;
  const raw = side === "Buy"
    ? ref - (ref * policy.post_only_offset_bps) / 1e4
    : ref + (ref * policy.post_only_offset_bps) / 1e4;
  // As the original: the post-only price replaces the requested one (counted as an adjustment).
  const ticks = raw / f.tick_size;
  const po = side === "Buy" ? Math.floor(ticks + 1e-9) : Math.ceil(ticks - 1e-9);
  const p = round_to(po * f.tick_size, f.tick_size);
  if (side === "Buy" ? p >= best_ask : p <= best_bid) return { ok: false, reason: "cross_price" };
  return { ok: true, qty: q, price: p, adjusted: Math.abs(p - price) > 1e-8 };
}
