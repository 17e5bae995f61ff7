/**
 * Exponential backoff with full jitter for transient failures only.
 * @module
 */

/** Retry settings. */
export interface RetryOptions {
  /** Total attempts including the first. */
  max_attempts: number;
  base_ms: number;
  max_ms: number;
}

/** Defaults: 4 attempts, 100 ms doubling, capped at 2 s. */
export const RETRY_DEFAULTS: RetryOptions = { max_attempts: 4, base_ms: 100, max_ms: 2000 };

/** Backoff before retry number `retry` (1-based): uniform in [0, min(max, base·2^(retry−1))]. */
export function backoff_ms(retry: number, o: RetryOptions, rand: () => number): number {
  const cap = Math.min(o.max_ms, o.base_ms * 2 ** Math.max(0, retry - 1));
  return Math.round(cap * rand());
}
