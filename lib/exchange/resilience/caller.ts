/**
 * Every exchange request goes through {@linkcode ResilientCaller.call}: circuit breaker, rate
 * limiter, then the request; rate limits trip the breaker, transient errors are retried with
 * backoff and jitter, anything else fails at once.
 * @module
 */
import type { Clock } from "../clock.ts";
import { Rng } from "../../market/rng.ts";
import { ExchangeError, is_retryable } from "../types.ts";
import { type BreakerOptions, CircuitBreaker } from "./circuit_breaker.ts";
import { RateLimiter, type RateLimiterOptions } from "./rate_limiter.ts";
import { backoff_ms, RETRY_DEFAULTS, type RetryOptions } from "./retry.ts";

/** Settings of the three mechanisms. */
export interface ResilienceOptions {
  rate: RateLimiterOptions;
  breaker: Partial<BreakerOptions>;
  retry: RetryOptions;
  /** Seed of the jitter. */
  seed: number;
}

/** Defaults: 8 requests/s (Bybit allows 10/s per UID on order endpoints), burst 8. */
export const RESILIENCE_DEFAULTS: ResilienceOptions = {
  rate: { rate_per_s: 8, burst: 8 },
  breaker: {},
  retry: RETRY_DEFAULTS,
  seed: 7,
};

/** Counters reported in the smoke report's `resilience` section. */
export interface ResilienceStats {
  requests: number;
  retries: number;
  rate_limited: number;
  transient_errors: number;
  breaker_trips: number;
  breaker_recoveries: number;
  breaker_state: string;
  limiter_waits: number;
}

/** Breaker + limiter + retries around exchange requests. */
export class ResilientCaller {
  readonly breaker: CircuitBreaker;
  readonly limiter: RateLimiter;
  readonly retry: RetryOptions;
  #clock: Clock;
  #rng: Rng;
  requests = 0;
  retries = 0;
  rate_limited = 0;
  transient_errors = 0;

  constructor(clock: Clock, options: Partial<ResilienceOptions> = {}) {
    const o = { ...RESILIENCE_DEFAULTS, ...options };
    this.#clock = clock;
    this.breaker = new CircuitBreaker(clock, o.breaker);
    this.limiter = new RateLimiter(clock, o.rate);
    this.retry = o.retry;
    this.#rng = new Rng(o.seed);
  }

  /**
   * Run `fn` (one request); `attempt` is 1-based, so idempotent requests can tell a retry.
   * Throws the last error when attempts run out or the error is not retryable.
   */
  async call<T>(fn: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1;; attempt++) {
      await this.breaker.admit();
      await this.limiter.acquire();
      this.requests += 1;
      try {
        const r = await fn(attempt);
        this.breaker.success();
        return r;
      } catch (e) {
        if (e instanceof ExchangeError && e.kind === "rate_limit") {
          this.rate_limited += 1;
          this.breaker.trip(e.reset_at_ms);
        } else if (e instanceof ExchangeError && e.kind === "transient") {
          this.transient_errors += 1;
        }
        if (!is_retryable(e) || attempt >= this.retry.max_attempts) throw e;
        this.retries += 1;
        // Rate limits wait in the breaker; transient errors back off with jitter.
        if (!(e instanceof ExchangeError && e.kind === "rate_limit")) {
          await this.#clock.sleep(backoff_ms(attempt, this.retry, () => this.#rng.next()));
        }
      }
    }
  }

  /** Snapshot of the counters. */
  stats(): ResilienceStats {
    return {
      requests: this.requests,
      retries: this.retries,
      rate_limited: this.rate_limited,
      transient_errors: this.transient_errors,
      breaker_trips: this.breaker.trips,
      breaker_recoveries: this.breaker.recoveries,
      breaker_state: this.breaker.state,
      limiter_waits: this.limiter.waits,
    };
  }
}
