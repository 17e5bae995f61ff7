/**
 * The P&L decomposition `net = gross − adverse − slippage − fees` (all in bps), its identity
 * check with a tolerance, and gross imputation. Zero is a value, never "missing" (SPEC §10 item 33):
 * only null, undefined and NaN count as missing.
 * @module
 */

/** Default tolerance of the identity check, in bps (seed 000). */
export const PNL_TOLERANCE_BPS = 0.05;

/** One row of the decomposition; any component may be missing. */
export interface PnlRow {
  iteration?: number;
  net_bps?: number | null;
  gross_bps?: number | null;
  adverse_bps?: number | null;
  slippage_bps?: number | null;
  fees_bps?: number | null;
}

/** A row whose identity does not hold within the tolerance. */
export interface PnlViolation {
  iteration: number | null;
  /** gross − adverse − slippage − fees − net, in bps. */
  residual_bps: number;
}

/** True when `v` is a usable number (0 included). */
export function present(v: number | null | undefined): v is number {
  return typeof v === "number" && !Number.isNaN(v);
}

/** net computed from the components (missing costs count as 0), or null without gross. */
export function net_from_components(row: PnlRow): number | null {
  if (!present(row.gross_bps)) return null;
  return row.gross_bps - cost(row.adverse_bps) - cost(row.slippage_bps) - cost(row.fees_bps);
}

function cost(v: number | null | undefined): number {
  return present(v) ? v : 0;
}

/** gross − adverse − slippage − fees − net, or null when net or gross is missing. */
export function identity_residual(row: PnlRow): number | null {
  const computed = net_from_components(row);
  return computed === null || !present(row.net_bps) ? null : computed - row.net_bps;
}

/** Rows (with both net and gross) whose identity is off by more than `tolerance_bps`. */
export function check_identity(
  rows: readonly PnlRow[],
  tolerance_bps = PNL_TOLERANCE_BPS,
): PnlViolation[] {
  const out: PnlViolation[] = [];
  for (const row of rows) {
    const r = identity_residual(row);
    if (r !== null && Math.abs(r) > tolerance_bps) {
      out.push({ iteration: row.iteration ?? null, residual_bps: r });
    }
  }
  return out;
}

/**
 * Gross when it is missing: `net + adverse + slippage + fees`, provided net and at least one cost
 * component are present. A present gross (0 included) is kept as is.
 */
export function impute_gross(row: PnlRow): { gross_bps: number | null; gross_imputed: boolean } {
  if (present(row.gross_bps)) return { gross_bps: row.gross_bps, gross_imputed: false };
  const anyCost = present(row.adverse_bps) || present(row.slippage_bps) || present(row.fees_bps);
  if (!present(row.net_bps) || !anyCost) return { gross_bps: null, gross_imputed: false };
  return {
    gross_bps: row.net_bps + cost(row.adverse_bps) + cost(row.slippage_bps) + cost(row.fees_bps),
    gross_imputed: true,
  };
}
