/**
 * The engine's own fill records and the P&L accounting built on them: cash, inventory, fees,
 * per-fill edge vs the mid at the fill, markout after a horizon.
 * @module
 */

/** Fee schedule in bps of notional. */
export interface Fees {
  maker_fee_bps: number;
  maker_rebate_bps: number;
  taker_fee_bps: number;
}

/** Defaults of the original smoke tool (SPEC §5.1): maker 1.0, rebate 2.0, taker 7.0 bps. */
export const DEFAULT_FEES: Fees = { maker_fee_bps: 1.0, maker_rebate_bps: 2.0, taker_fee_bps: 7.0 };

/** One fill. Signs: side +1 buy, −1 sell. USD amounts are signed P&L contributions. */
export interface Fill {
  symbol: number;
  t: number;
  side: 1 | -1;
  qty: number;
  price: number;
  maker: boolean;
  /** Mid when the fill happened (last mid before the event batch). */
  mid: number;
  /** Mid when the decision was taken (taker orders; = mid for maker fills). */
  decision_mid: number;
  /** Mid `horizon` after the fill (the final mid when the window ends first). */
  mark: number;
  /** Fee paid (negative = rebate received), USD. */
  fee: number;
}

/** Per-fill components in USD (volume-weighted means come from their sums / volume). */
export interface FillParts {
  volume: number;
  gross: number;
  adverse: number;
  slippage: number;
}

/**
 * Decomposition of one fill so that gross − adverse − slippage − fee = side·qty·(mark − price) −
 * fee exactly: gross = edge vs the mid at the fill (maker) or the mid's drift between decision
 * and fill (taker); slippage = taker price vs the decision mid; adverse = the mid's move against
 * the position over the horizon.
 */
export function fill_parts(f: Fill): FillParts {
  const q = f.qty * f.side;
  const volume = f.qty * f.price;
  if (f.maker) {
    return { volume, gross: q * (f.mid - f.price), adverse: -q * (f.mark - f.mid), slippage: 0 };
  }
  return {
    volume,
    gross: q * (f.mid - f.decision_mid),
    adverse: -q * (f.mark - f.mid),
    slippage: q * (f.price - f.decision_mid),
  };
}

/** Fee of a fill, USD (negative when the maker rebate exceeds the maker fee). */
export function fee_usd(fees: Fees, maker: boolean, notional: number): number {
  const bps = maker ? fees.maker_fee_bps - fees.maker_rebate_bps : fees.taker_fee_bps;
  return notional * bps * 1e-4;
}
