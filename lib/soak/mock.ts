/**
 * The original's scripted mock EDGE_REPORT sequence (SPEC §1.5), kept as `--mock`: a fast,
 * deterministic input for regression tests. Arithmetic follows the original expression by
 * expression so the doubles match its fixtures exactly.
 * @module
 */

/** The fixed runtime block of every mock report. */
export const MOCK_RUNTIME = { utc: "2025-10-12T12:00:00Z", version: "test" } as const;

/** The mock EDGE_REPORT for 0-based index `i` (iteration n = i + 1). */
export function mock_edge_report(i: number): Record<string, unknown> {
  if (!Number.isInteger(i) || i < 0) throw new RangeError(`Mock index must be ≥ 0, got ${i}`);
  const first = i === 0;
  const second = i === 1;
  const net = first ? -1.5 : second ? -0.8 : 2.8 + 0.1 * i;
  let maker_count: number, taker_count: number, maker_volume: number, taker_volume: number;
  if (first) [maker_count, taker_count, maker_volume, taker_volume] = [500, 500, 25000, 25000];
  else if (second) {
    [maker_count, taker_count, maker_volume, taker_volume] = [600, 400, 30000, 20000];
  } else {
    const r = Math.min(0.85, 0.50 + 0.05 * i);
    maker_count = Math.trunc(1000 * r);
    taker_count = 1000 - maker_count;
    maker_volume = 50.0 * maker_count;
    taker_volume = 50.0 * taker_count;
  }
  const rho = Math.max(0.30, 0.68 * 0.83 ** (i - 2));
  const risk = first ? { count: 5, ratio: 0.17 } : second ? { count: 10, ratio: 0.33 } : {
    count: Math.trunc(25 * rho),
    ratio: rho,
  };
  const breakdown = first
    ? { gross_bps: 5.0, fees_eff_bps: 2.0, slippage_bps: 3.5, adverse_bps: 2.0, inventory_bps: 1.0 }
    : second
    ? { gross_bps: 5.0, fees_eff_bps: 2.0, slippage_bps: 2.8, adverse_bps: 1.5, inventory_bps: 0.5 }
    : {
      gross_bps: 8.0,
      fees_eff_bps: 2.0,
      slippage_bps: 2.0,
      adverse_bps: 1.5,
      inventory_bps: 0.5,
    };
  return {
    totals: {
      net_bps: net,
      adverse_bps_p95: first ? 5.0 : second ? 4.5 : Math.max(1.5, 3.5 - 0.2 * i),
      slippage_bps_p95: first ? 3.5 : second ? 3.2 : Math.max(1.0, 2.5 - 0.15 * i),
      cancel_ratio: first ? 0.60 : second ? 0.55 : Math.max(0.05, 0.48 - 0.05 * i),
      order_age_p95_ms: first ? 340 : second ? 335 : 350,
      ws_lag_p95_ms: first ? 130 : second ? 125 : 95 + 5 * i,
      maker_share_pct: first ? 88.0 : second ? 89.0 : 90.0 + 0.5 * i,
      p95_latency_ms: first ? 250.0 : second ? 280.0 : Math.max(180.0, 320.0 - 5.0 * i),
      fills: { maker_count, taker_count, maker_volume, taker_volume },
      component_breakdown: { ...breakdown, net_bps: net },
      neg_edge_drivers: first
        ? ["slippage_bps", "adverse_bps"]
        : second
        ? ["slippage_bps", "fees_eff_bps"]
        : [],
      block_reasons: {
        min_interval: first
          ? { count: 15, ratio: 0.5 }
          : second
          ? { count: 12, ratio: 0.4 }
          : { count: 5, ratio: 0.2 },
        concurrency: first
          ? { count: 10, ratio: 0.33 }
          : second
          ? { count: 8, ratio: 0.27 }
          : { count: 3, ratio: 0.12 },
        risk,
        throttle: { count: 0, ratio: 0.0 },
      },
    },
    symbols: {},
    runtime: { ...MOCK_RUNTIME },
  };
}
