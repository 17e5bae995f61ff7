/**
 * Client-side token bucket, so the client stays under the exchange's request limit instead of
 * discovering it through 10006 responses.
 * @module
 */
import { TokenBucket } from "../../engine/latency.ts";
import type { Clock } from "../clock.ts";

/** Limiter settings: sustained rate and burst size. */
export interface RateLimiterOptions {
  rate_per_s: number;
  burst: number;
}

/** Token bucket (the engine's {@linkcode TokenBucket}) that waits on an injected clock. */
export class RateLimiter {
  readonly options: RateLimiterOptions;
  #clock: Clock;
  #bucket: TokenBucket;
  /** How many acquisitions had to wait, and for how long in total. */
  waits = 0;
  waited_ms = 0;

  constructor(clock: Clock, options: RateLimiterOptions) {
    if (!(options.rate_per_s > 0) || !(options.burst >= 1)) {
      throw new RangeError("Rate limiter needs rate_per_s > 0 and burst >= 1");
    }
    this.options = options;
    this.#clock = clock;
    this.#bucket = new TokenBucket(options.rate_per_s, options.burst, clock.now_ms());
  }

  /** Take one token, waiting on the clock until one is available; resolves to the wait in ms. */
  async acquire(): Promise<number> {
    let waited = 0;
    // One token accrues every 1000/rate ms.
    const step = Math.max(1, Math.ceil(1000 / this.options.rate_per_s));
    while (!this.#bucket.take(this.#clock.now_ms())) {
      await this.#clock.sleep(step);
      waited += step;
    }
    if (waited > 0) {
      this.waits += 1;
      this.waited_ms += waited;
    }
    return waited;
  }
}
