/**
 * TESTNET_SMOKE_REPORT.json from a finished loop (SPEC §5.1 shape, §10.4 fixed): fills are
 * fills, `passed` counts accepted orders once, `failed` counts what really failed (requests that
 * failed after retries, orders left open, unresolved recon divergences, failed cancels).
 * @module
 */
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import { fee_usd, type Fees } from "../engine/fills.ts";
import { utc_iso_seconds } from "../exchange/clock.ts";
import type { ResilienceStats } from "../exchange/resilience/caller.ts";
import type { ExecutionLoop } from "./execution_loop.ts";

/** Maker side of the engine's fee schedule (bps), for the `fees_report`. */
export type FeeSchedule = Pick<Fees, "maker_fee_bps" | "maker_rebate_bps">;

/** Context of the run that the loop does not know. */
export interface ReportContext {
  exchange: string;
  network_enabled: boolean;
  testnet: boolean;
  seed: number;
  /** The simulator's market scenario (sim runs). */
  sim_scenario?: string;
  start_ms: number;
  end_utc_ms: number;
  fees: FeeSchedule;
  resilience?: ResilienceStats & { ws_drops?: number; resyncs?: number; duplicates?: number };
}

/**
 * Seed 001's rule: unfilled = placed − filled (0 if negative), rate = filled / (filled +
 * unfilled), 0 when nothing was placed; rejects are not in the denominator.
 */
export function maker_fill_rate(placed: number, filled: number): number {
  const unfilled = placed >= filled ? placed - filled : 0;
  const total = filled + unfilled;
  return total > 0 ? filled / total : 0;
}

function round(v: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(v * f) / f;
}

/** `edge`: what the freeze read, and the measured net edge of our fills per symbol (bps). */
export function edge_section(loop: ExecutionLoop, symbols: readonly string[]) {
  const r4 = (v: number | null) => (v === null ? null : round(v, 4));
  const detail = loop.edge.report(symbols);
  const by_symbol: Record<string, number | null> = {};
  const measured: Record<string, Record<string, number | null>> = {};
  for (const sym of symbols) {
    const d = detail[sym]!;
    by_symbol[sym] = r4(d.ewma_bps);
    measured[sym] = {
      ewma_bps: r4(d.ewma_bps),
      net_bps: r4(d.net_bps),
      gross_bps: r4(d.gross_bps),
      adverse_bps: r4(d.adverse_bps),
      fees_eff_bps: r4(d.fees_eff_bps),
      fills: d.fills,
    };
  }
  const s = loop.edge.settings;
  return {
    source: loop.params.edge_bps ? "custom" : loop.params.edge_source,
    threshold_bps: loop.params.edge_freeze_threshold_bps,
    horizon_ms: s.horizon_ms,
    ewma_span_fills: s.span_fills,
    min_fills: s.min_fills,
    by_symbol,
    measured,
  };
}

/** Build the report object (written with sorted keys by the caller). */
export function build_report(loop: ExecutionLoop, ctx: ReportContext): Record<string, unknown> {
  const p = loop.params;
  const s = loop.stats;
  const symbols = [...p.symbols].sort();
  const lat = loop.latency.percentiles();
  const cancel_failed = (loop.freeze_cancel?.failed.length ?? 0) +
    (loop.final_cancel?.failed.length ?? 0);
  const final_divergences = loop.last_recon?.divergence_count ?? 0;
  const failed = s.errors + loop.open_orders_at_end + final_divergences + cancel_failed;
  const by_symbol: Record<string, number> = {};
  const net_pos_usd: Record<string, number> = {};
  const mark_price: Record<string, number> = {};
  for (const sym of symbols) {
    const q = loop.risk.positions.get(sym) ?? 0;
    const mid = loop.mids.get(sym) ?? 0;
    by_symbol[sym] = q;
    net_pos_usd[sym] = Math.abs(q * mid);
    mark_price[sym] = mid;
  }
  const recon = loop.last_recon;
  const fill_usd = loop.fill_notional_usd;
  const execution = {
    exchange: ctx.exchange,
    iterations: p.iterations,
    symbols,
    idempotency_enabled: true,
    maker_only: true,
    network_enabled: ctx.network_enabled,
    testnet: ctx.testnet,
    shadow: p.shadow,
    recon_interval_s: p.recon_interval_s,
    post_only_offset_bps: p.post_only_offset_bps,
    warmup_filters: true,
  };
  return {
    schema_version: SCHEMA_VERSION,
    timestamp_ms: ctx.start_ms,
    params: {
      network: ctx.exchange === "sim" ? "sim" : ctx.testnet ? "testnet" : "mainnet",
      exchange: ctx.exchange,
      symbols,
      iterations: p.iterations,
      maker_only: true,
      idempotency_enabled: true,
      recon_interval_s: p.recon_interval_s,
      max_inventory_usd_per_symbol: p.max_inventory_usd_per_symbol,
      max_total_notional_usd: p.max_total_notional_usd,
      edge_freeze_threshold_bps: p.edge_freeze_threshold_bps,
      edge_source: p.edge_source,
      order_usd: p.order_usd,
      shadow: p.shadow,
      seed: ctx.seed,
      ...(ctx.sim_scenario === undefined ? {} : { sim_scenario: ctx.sim_scenario }),
    },
    summary: {
      status: failed === 0 ? "pass" : "fail",
      passed: s.orders_placed,
      failed,
      warnings: s.freeze_events,
      maker_fill_rate: round(maker_fill_rate(s.orders_placed, s.orders_filled), 4),
      risk_ratio_p95: round(loop.risk.risk_ratio_p95(), 4),
      latency_p95_ms: round(lat.p95, 2),
    },
    execution,
    orders: {
      placed: s.orders_placed,
      filled: s.orders_filled,
      fills: s.fills,
      rejected: s.orders_rejected,
      canceled: s.orders_canceled,
      exchange_canceled: s.exchange_canceled,
      risk_blocks: s.risk_blocks,
      blocked: s.orders_blocked,
      blocked_min_qty: s.blocked_min_qty,
      blocked_cross_price: s.blocked_cross_price,
      post_only_adjustments: s.post_only_adjustments,
      errors: s.errors,
      open_at_end: loop.open_orders_at_end,
    },
    positions: {
      by_symbol,
      net_pos_usd,
      mark_price,
      total_notional_usd: loop.risk.total_notional(),
    },
    risk: {
      frozen: loop.risk.frozen,
      freeze_events: s.freeze_events,
      last_freeze_reason: loop.risk.last_freeze_reason,
      last_freeze_symbol: loop.risk.last_freeze_symbol,
      blocks_total: loop.risk.blocks_total,
      freezes_total: loop.risk.freezes_total,
      risk_ratio_samples: loop.risk.samples.length,
      cancel_all_on_freeze: loop.freeze_cancel ?? null,
      cancel_all_end_of_run: loop.final_cancel ?? null,
    },
    edge: edge_section(loop, symbols),
    latency: {
      samples: loop.latency.count(),
      p50_ms: round(lat.p50, 2),
      p95_ms: round(lat.p95, 2),
      p99_ms: round(lat.p99, 2),
    },
    resilience: ctx.resilience ?? null,
    state: {
      recoveries: 0,
      duplicate_operations: ctx.resilience?.duplicates ?? 0,
      recon_runs: s.recon_runs,
    },
    runtime: { utc: utc_iso_seconds(ctx.end_utc_ms) },
    recon: recon
      ? {
        ...recon,
        runs: s.recon_runs,
        divergences_total: loop.divergences_total,
        fees_report: {
          maker_notional_usd: round(fill_usd, 6),
          maker_fee_bps: ctx.fees.maker_fee_bps,
          maker_rebate_bps: ctx.fees.maker_rebate_bps,
          fees_usd: round((fill_usd * ctx.fees.maker_fee_bps) / 1e4, 6),
          rebates_usd: round((fill_usd * ctx.fees.maker_rebate_bps) / 1e4, 6),
          net_fees_usd: round(fee_usd({ ...ctx.fees, taker_fee_bps: 0 }, true, fill_usd), 6),
        },
      }
      : undefined,
  };
}
