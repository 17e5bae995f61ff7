/**
 * The sim market as a session feed: one seeded generator per symbol on a common step grid.
 * @module
 */
import { Rng } from "../market/rng.ts";
import type { ScenarioParams } from "../market/scenarios.ts";
import { SimMarket } from "../market/sim.ts";
import { symbol_spec } from "../market/symbols.ts";
import type { Feed } from "./feed.ts";

/** A feed over `symbols` for `window_ms` from `start_ms`; `prices` continue a previous session. */
export function sim_feed(
  p: ScenarioParams,
  symbols: string[],
  seed: number,
  start_ms: number,
  window_ms: number,
  prices: Record<string, number> = {},
): Feed {
  const root = new Rng(seed);
  const feeds = symbols.map((sym, i) => {
    const spec = symbol_spec(sym);
    const m = new SimMarket(p, spec, root.fork(i), start_ms, window_ms, prices[sym] ?? spec.price);
    return {
      symbol: sym,
      tick: spec.tick,
      lot: spec.lot,
      init: m.init.bind(m),
      step: m.step.bind(m),
      volatile: (k: number) => m.volatile[k] === 1,
      end_price: () => m.fair_price(m.steps),
    };
  });
  return {
    symbols: feeds,
    steps: Math.ceil(window_ms / p.step_ms),
    step_ms: p.step_ms,
    start_ms,
    spike_prob: p.latency_spike_prob,
    spike_ms: p.latency_spike_ms,
  };
}
