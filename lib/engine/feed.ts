/**
 * A market feed: per symbol, the events of each step of the session. The sim generator and the
 * replay of a normalised recording both present themselves this way to the session loop.
 * @module
 */
import type { EventBuffer } from "../market/events.ts";

/** One symbol's feed. */
export interface SymbolFeed {
  symbol: string;
  tick: number;
  lot: number;
  /** Initial book (a snapshot) at the session start. */
  init(out: EventBuffer): void;
  /** Events of step k. */
  step(k: number, out: EventBuffer): void;
  /** True while the market is in a volatile regime (latency spikes). */
  volatile(k: number): boolean;
  /** Price to carry to the next session (the sim's fair price at the end), if any. */
  end_price(): number | undefined;
}

/** All symbols of one session on a common step grid. */
export interface Feed {
  symbols: SymbolFeed[];
  steps: number;
  step_ms: number;
  start_ms: number;
  /** Latency spikes in volatile regimes: probability per request and mean extra ms. */
  spike_prob: number;
  spike_ms: number;
}
