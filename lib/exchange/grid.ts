/**
 * Price-grid and position arithmetic shared by the adapters and the maker policy.
 * @module
 */

/** Round `v` to the nearest multiple of `step`, without binary noise in the decimals. */
export function round_to(v: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number((Math.round(v / step) * step).toFixed(decimals));
}

/** Average entry price after adding `signed` at `price` to a position `qty` at `avg`. */
export function next_avg_price(qty: number, avg: number, signed: number, price: number): number {
  const next = qty + signed;
  if (next === 0) return 0;
  if (qty === 0 || Math.sign(qty) !== Math.sign(next)) return price;
  if (Math.sign(signed) !== Math.sign(qty)) return avg; // reducing keeps the entry price
  return (qty * avg + signed * price) / next;
}
