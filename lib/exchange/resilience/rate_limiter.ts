/**
 * Client-side token bucket, so the client stays under the exchange's request limit instead of
 * discovering it through 10006 responses.
 * @module
 */
import type { Clock } from "../clock.ts";

/** Limiter settings: sustained rate and burst size. */
export interface RateLimiterOptions {
  rate_per_s: number;
  burst: number;
}

/** Token bucket on an injected clock. */
export class RateLimiter {
  readonly options: RateLimiterOptions;
  #clock: Clock;
  #tokens: number;
  #last: number;
  /** How many acquisitions had to wait, and for how long in total. */
  waits = 0;
  waited_ms = 0;

  constructor(clock: Clock, options: RateLimiterOptions) {
    if (!(options.rate_per_s > 0) || !(options.burst >= 1)) {
      throw new RangeError("Rate limiter needs rate_per_s > 0 and burst >= 1");
    }
    this.options = options;
    this.#clock = clock;
    this.#tokens = options.burst;
    this.#last = clock.now_ms();
  }

  #refill(): void {
    const now = this.#clock.now_ms();
    const dt = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(
      this.options.burst,
      this.#tokens + (dt * this.options.rate_per_s) / 1000,
    );
  }

  /** Take one token, waiting on the clock until one is available; resolves to the wait in ms. */
  async acquire(): Promise<number> {
    this.#refill();
    let waited = 0;
    while (this.#tokens < 1) {
      const ms = Math.ceil(((1 - this.#tokens) * 1000) / this.options.rate_per_s);
      await this.#clock.sleep(ms);
      waited += ms;
      this.#refill();
    }
    this.#tokens -= 1;
    if (waited > 0) {
      this.waits += 1;
      this.waited_ms += waited;
    }
    return waited;
  }
}
