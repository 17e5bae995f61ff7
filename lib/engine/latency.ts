/**
 * The exchange model's timing: request latency (lognormal base + a load term growing with the
 * requests in flight + spikes in the volatile regime), the in-flight set, a token bucket for the
 * strategy's own replace-rate throttle, and the exchange's rate limit (requests beyond it are
 * rejected).
 * @module
 */
import type { Rng } from "../market/rng.ts";

/** Latency model parameters (ms). */
export interface LatencyParams {
  /** Median of the lognormal base round trip, ms. */
  base_median_ms: number;
  /** Log-sd of the base. */
  base_log_sigma: number;
  /** Extra ms per request already in flight when this one is sent (queueing at the gateway). */
  load_ms_per_inflight: number;
  /** Exchange rate limit: requests per rolling second; more are rejected. */
  exchange_limit_per_s: number;
}

/**
 * Defaults: a co-located-ish retail path to a major futures venue: median 90 ms round trip,
 * log-sd 0.45 (p95 ≈ 190 ms unloaded), +24 ms per request in flight, 40 requests/s account limit.
 */
export const DEFAULT_LATENCY: LatencyParams = {
  base_median_ms: 90,
  base_log_sigma: 0.45,
  load_ms_per_inflight: 24,
  exchange_limit_per_s: 40,
};

/** Round-trip latency of one request, ms. */
export function sample_latency(
  p: LatencyParams,
  rng: Rng,
  in_flight: number,
  spike_prob: number,
  spike_ms: number,
): number {
  let l = rng.lognormal(Math.log(p.base_median_ms), p.base_log_sigma) +
    p.load_ms_per_inflight * in_flight;
  if (spike_prob > 0 && rng.next() < spike_prob) l += rng.exp(spike_ms);
  return l;
}

/** Requests in flight: their completion times (ms), pruned as the clock advances. */
export class InFlight {
  #done: number[] = [];

  /** Number in flight at `now`. */
  count(now: number): number {
    const d = this.#done;
    let w = 0;
    for (let i = 0; i < d.length; i++) if (d[i]! > now) d[w++] = d[i]!;
    d.length = w;
    return w;
  }

  /** Track a request completing at `done_ms`. */
  add(done_ms: number): void {
    this.#done.push(done_ms);
  }
}

/** A token bucket: `rate_per_s` tokens per second, at most `burst` stored. */
export class TokenBucket {
  #tokens: number;
  #last: number;
  constructor(readonly rate_per_s: number, readonly burst: number, now: number) {
    this.#tokens = burst;
    this.#last = now;
  }

  /** Take one token at `now`; false when empty. */
  take(now: number): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#last) / 1000 * this.rate_per_s);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** The exchange's rolling one-second request counter. */
export class RateLimit {
  #times: number[] = [];
  constructor(readonly per_s: number) {}

  /** Record a request at `now`; false (reject) when the rolling second is full. */
  admit(now: number): boolean {
    const t = this.#times;
    while (t.length && t[0]! <= now - 1000) t.shift();
    if (t.length >= this.per_s) return false;
    t.push(now);
    return true;
  }
}
