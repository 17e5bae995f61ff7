/**
 * The session loop: event driven on the market clock (no sleeping). Each step loads the feed's
 * events; requests arriving at the exchange and the maker's wake-ups are processed in time order,
 * the books being advanced to each of those instants (batches split there); the maker decides
 * at mid-step and step end; markouts and risk samples follow the clock.
 * @module
 */
import type { MakerParams } from "../strategy/maker.ts";
import { Quoter } from "../strategy/quoter.ts";
import { Exchange } from "./exchange.ts";
import type { Feed } from "./feed.ts";
import type { Fees } from "./fills.ts";
import type { LatencyParams } from "./latency.ts";
import { type Limits, new_record, type SessionRecord } from "./record.ts";

export type { BlockReason, Limits, SessionRecord } from "./record.ts";
export { MARKOUT_MS } from "./exchange.ts";

/** Cadence of risk-ratio samples, ms. */
export const RISK_SAMPLE_MS = 1000;

/** Runs one session over `feed` and returns its records. Deterministic for (inputs, seed). */
export function simulate(
  feed: Feed,
  p: MakerParams,
  lat: LatencyParams,
  limits: Limits,
  fees: Fees,
  seed: number,
  pos0: number[],
): SessionRecord {
  const end_ms = feed.start_ms + feed.steps * feed.step_ms;
  const rec = new_record(feed.symbols.map((f) => f.symbol), pos0, feed.start_ms, end_ms);
  const ex = new Exchange(feed, lat, fees, p.post_only_offset_bps, seed, pos0, rec);
  const quoters = ex.markets.map((m) => new Quoter(p, limits, ex, m, feed.start_ms));
  const dt_s = feed.step_ms / 1000;
  let next_risk = feed.start_ms + RISK_SAMPLE_MS;
  for (let k = 0; k < feed.steps; k++) {
    const t0 = feed.start_ms + k * feed.step_ms, t1 = t0 + feed.step_ms;
    ex.load_step(k);
    // A mid-step decision: trades arrive inside steps, and min_interval_ms (40-100 ms) must be
    // able to bind between step-end decisions.
    for (const q of quoters) q.wake = Math.min(q.wake, t0 + feed.step_ms / 2);
    for (;;) {
      let best = ex.next_arrival(t1), who = best < t1 ? ex.next_arrival_market() : -1;
      let arrival = who >= 0;
      quoters.forEach((q, i) => {
        if (q.wake < best && q.wake < t1) {
          best = q.wake;
          who = i;
          arrival = false;
        }
      });
      if (who < 0) break;
      ex.advance(ex.markets[who]!, best);
      if (arrival) ex.execute_next();
      else quoters[who]!.decide(Math.max(best, t0), k);
    }
    for (const m of ex.markets) ex.advance(m, Infinity);
    for (const q of quoters) q.observe(dt_s);
    quoters.forEach((q) => q.decide(t1, k));
    ex.mark(t1);
    while (next_risk <= t1) {
      rec.risk_samples.push(ex.total_notional() / limits.max_total_notional_usd);
      next_risk += RISK_SAMPLE_MS;
    }
  }
  ex.finish();
  return rec;
}
