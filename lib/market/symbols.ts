/**
 * Symbol presets: price grid and the starting price of the sim. Prices are those of the Binance
 * USD-M futures sample (2024-08-08) so that the calibrated scenario applies unchanged.
 * @module
 */

/** A tradable symbol's grid. */
export interface SymbolSpec {
  symbol: string;
  /** Price tick. */
  tick: number;
  /** Quantity step (lot). */
  lot: number;
  /** Starting price of the sim. */
  price: number;
  /** Scale of the book depth and trade sizes relative to the calibrated (BTCUSDT) scenario. */
  liquidity_scale: number;
}

/** Binance USD-M futures grids (tick and lot from the exchange's symbol filters). */
export const SYMBOLS: Readonly<Record<string, SymbolSpec>> = {
  BTCUSDT: { symbol: "BTCUSDT", tick: 0.1, lot: 0.001, price: 61800, liquidity_scale: 1 },
  // ETHUSDT futures books hold roughly half the USD depth of BTCUSDT near the touch.
  ETHUSDT: { symbol: "ETHUSDT", tick: 0.01, lot: 0.001, price: 2650, liquidity_scale: 0.5 },
};

/** The spec of `symbol`; throws RangeError naming it when unknown. */
export function symbol_spec(symbol: string): SymbolSpec {
  const s = SYMBOLS[symbol];
  if (!s) {
    throw new RangeError(
      `Unknown symbol "${symbol}" (known: ${Object.keys(SYMBOLS).join(", ")})`,
    );
  }
  return s;
}
