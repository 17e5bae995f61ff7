/**
 * Runtime risk monitor (SPEC §5.3 with §10.4 fixed): notional uses real mark prices (mid from
 * quotes, not 1.0), risk-ratio samples above 1.0 are kept (not dropped), and an edge below the
 * threshold freezes quoting.
 * @module
 */
import type { MmMetrics } from "../metrics/registry.ts";
import { percentile } from "../stats/percentile.ts";
import type { Side } from "../exchange/types.ts";

/** Limits of the monitor. */
export interface RiskLimits {
  max_inventory_usd_per_symbol: number;
  max_total_notional_usd: number;
  edge_freeze_threshold_bps: number;
}

/** Positions, limits, freeze state and risk-ratio samples. */
export class RiskMonitor {
  readonly limits: RiskLimits;
  #mark: (symbol: string) => number | undefined;
  #metrics: MmMetrics | undefined;
  readonly positions = new Map<string, number>();
  readonly samples: number[] = [];
  frozen = false;
  freezes_total = 0;
  blocks_total = 0;
  last_freeze_reason: string | null = null;
  last_freeze_symbol: string | null = null;

  /** `mark` gives the mark price of a symbol (the mid of its last quote). */
  constructor(
    limits: RiskLimits,
    mark: (symbol: string) => number | undefined,
    metrics?: MmMetrics,
  ) {
    this.limits = limits;
    this.#mark = mark;
    this.#metrics = metrics;
  }

  #notional(symbol: string, qty: number, price?: number): number {
    return Math.abs(qty * (price ?? this.#mark(symbol) ?? 0));
  }

  /** Σ |position · mark| over symbols. */
  total_notional(): number {
    let t = 0;
    for (const [s, q] of this.positions) t += this.#notional(s, q);
    return t;
  }

  /** May an order of `qty` at `price` be sent? False (and counted) when frozen or over a limit. */
  check_before_order(symbol: string, side: Side, qty: number, price: number): boolean {
    const signed = side === "Buy" ? qty : -qty;
    const next = (this.positions.get(symbol) ?? 0) + signed;
    const per_symbol = this.#notional(symbol, next, price);
    const total = this.total_notional() - this.#notional(symbol, this.positions.get(symbol) ?? 0) +
      per_symbol;
    const ok = !this.frozen && per_symbol <= this.limits.max_inventory_usd_per_symbol &&
      total <= this.limits.max_total_notional_usd;
    if (!ok) this.blocks_total += 1;
    return ok;
  }

  /** Apply a fill to the position and take a risk-ratio sample (seed 001: one per fill). */
  on_fill(symbol: string, side: Side, qty: number): void {
    this.positions.set(symbol, (this.positions.get(symbol) ?? 0) + (side === "Buy" ? qty : -qty));
    this.sample();
  }

  /** Record the current risk ratio; values above 1.0 are kept. */
  sample(): number | undefined {
    const max = this.limits.max_total_notional_usd;
    if (!(max > 0)) return undefined;
    const ratio = this.total_notional() / max;
    if (!Number.isFinite(ratio)) return undefined;
    this.samples.push(ratio);
    this.#metrics?.observe_risk_ratio(ratio);
    return ratio;
  }

  /** Edge update: freezes (returns true on the transition) when `net_bps` < threshold. */
  on_edge_update(symbol: string, net_bps: number): boolean {
    const t = this.limits.edge_freeze_threshold_bps;
    if (!(net_bps < t)) return false;
    return this.freeze(
      `Edge degradation: ${net_bps.toFixed(2)} BPS < ${t.toFixed(2)} BPS`,
      symbol,
    );
  }

  /** Freeze; true when this call froze a running monitor. */
  freeze(reason: string, symbol: string): boolean {
    this.last_freeze_reason = reason;
    this.last_freeze_symbol = symbol;
    if (this.frozen) return false;
    this.frozen = true;
    this.freezes_total += 1;
    return true;
  }

  /** Nearest-rank p95 of the risk-ratio samples (0 when none). */
  risk_ratio_p95(): number {
    return percentile(this.samples, 0.95);
  }
}
