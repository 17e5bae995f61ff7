/**
 * The measured edge of the loop's own fills, per symbol, with the engine's KPI definition
 * (`fill_parts` of lib/engine/fills.ts): edge vs the mid at the fill, minus the adverse move of
 * the mid over the markout horizon, minus the maker fee plus the rebate, in bps of the fill's
 * notional. A fill counts once its markout mid is known (the first mid seen at or after fill
 * time + horizon); the freeze check reads an EWMA over the last fills.
 * @module
 */
import { MARKOUT_MS } from "../engine/exchange.ts";
import { fee_usd, type Fees, type Fill as EngineFill, fill_parts } from "../engine/fills.ts";
import type { Side } from "../exchange/types.ts";

/** Settings of the measurement. */
export interface EdgeSettings {
  /** Markout horizon, ms (the engine's adverse-KPI horizon by default). */
  horizon_ms: number;
  /** EWMA span in fills: weight 2 / (span + 1) on the newest fill. */
  span_fills: number;
  /** Marked-out fills needed before the symbol has an edge (and may freeze). */
  min_fills: number;
  fees: Pick<Fees, "maker_fee_bps" | "maker_rebate_bps">;
}

/** Defaults: the engine's 1 s markout, an EWMA over ~10 fills, 5 fills before any verdict. */
export const EDGE_DEFAULTS: Omit<EdgeSettings, "fees"> = {
  horizon_ms: MARKOUT_MS,
  span_fills: 20,
  min_fills: 10,
};

/** Components of one symbol's measured edge. */
export interface SymbolEdge {
  /** EWMA of per-fill net bps (what the freeze reads); null before `min_fills`. */
  ewma_bps: number | null;
  /** Volume-weighted net bps over every marked-out fill (the engine KPI's `net_bps`). */
  net_bps: number | null;
  gross_bps: number | null;
  adverse_bps: number | null;
  fees_eff_bps: number | null;
  /** Marked-out fills, and fills still waiting for their markout. */
  fills: number;
  pending: number;
}

interface Sums {
  wsum: number;
  wnorm: number;
  n: number;
  volume: number;
  gross: number;
  adverse: number;
  fees: number;
  pending: EngineFill[];
}

/** Per-symbol measured edge of the loop's fills. */
export class MeasuredEdge {
  readonly settings: EdgeSettings;
  #by = new Map<string, Sums>();

  constructor(settings: EdgeSettings) {
    this.settings = settings;
  }

  /** A fill of ours at time `t`, `mid` being the mid we knew then. */
  on_fill(symbol: string, side: Side, qty: number, price: number, t: number, mid: number): void {
    const fees = { ...this.settings.fees, taker_fee_bps: 0 };
    this.#sums(symbol).pending.push({
      symbol: 0,
      t,
      side: side === "Buy" ? 1 : -1,
      qty,
      price,
      maker: true,
      mid: Number.isFinite(mid) ? mid : price,
      decision_mid: Number.isFinite(mid) ? mid : price,
      mark: NaN,
      fee: fee_usd(fees, true, qty * price),
    });
  }

  /**
   * The mid of `symbol` at `now`: marks out the fills whose horizon has passed (all of them
   * when `final`, as the engine does at the end of a session).
   */
  on_mid(symbol: string, mid: number, now: number, final = false): void {
    const s = this.#by.get(symbol);
    if (!s || !Number.isFinite(mid)) return;
    const h = this.settings.horizon_ms;
    const alpha = 2 / (this.settings.span_fills + 1);
    while (s.pending.length && (final || s.pending[0]!.t + h <= now)) {
      const f = s.pending.shift()!;
      f.mark = mid;
      const x = fill_parts(f);
      if (!(x.volume > 0)) continue;
      const net_bps = (x.gross - x.adverse - x.slippage - f.fee) / x.volume * 1e4;
      // Bias-corrected EWMA (Σ w·x / Σ w): the first fills are a plain mean, not the first one.
      s.wsum = (1 - alpha) * s.wsum + alpha * net_bps;
      s.wnorm = (1 - alpha) * s.wnorm + alpha;
      s.n += 1;
      s.volume += x.volume;
      s.gross += x.gross;
      s.adverse += x.adverse;
      s.fees += f.fee;
    }
  }

  /** The smoothed net edge of `symbol` in bps, or undefined before `min_fills` marked-out fills. */
  value(symbol: string): number | undefined {
    const s = this.#by.get(symbol);
    return s && s.n >= this.settings.min_fills ? s.wsum / s.wnorm : undefined;
  }

  /** Every symbol's figures (symbols without fills report nulls). */
  report(symbols: readonly string[]): Record<string, SymbolEdge> {
    const out: Record<string, SymbolEdge> = {};
    for (const sym of symbols) {
      const s = this.#by.get(sym);
      const bps = (x: number) => (s && s.volume > 0 ? x / s.volume * 1e4 : null);
      const gross = bps(s?.gross ?? 0), adverse = bps(s?.adverse ?? 0), fees = bps(s?.fees ?? 0);
      out[sym] = {
        ewma_bps: this.value(sym) ?? null,
        net_bps: gross === null ? null : gross - adverse! - fees!,
        gross_bps: gross,
        adverse_bps: adverse,
        fees_eff_bps: fees,
        fills: s?.n ?? 0,
        pending: s?.pending.length ?? 0,
      };
    }
    return out;
  }

  #sums(symbol: string): Sums {
    let s = this.#by.get(symbol);
    if (!s) {
      s = { wsum: 0, wnorm: 0, n: 0, volume: 0, gross: 0, adverse: 0, fees: 0, pending: [] };
      this.#by.set(symbol, s);
    }
    return s;
  }
}
