/**
 * Circuit breaker tripped by rate-limit responses (seed 004 task 4): open → requests pause until
 * the exchange's reset time (bounded); then half-open → one probe request; success closes it
 * (a recovery), another rate limit re-opens it with a doubled pause.
 * @module
 */
import type { Clock } from "../clock.ts";
import { ExchangeError } from "../types.ts";

/** Breaker state. */
export type BreakerState = "closed" | "open" | "half_open";

/** Pause bounds (ms) and the longest a caller may be made to wait before failing fast. */
export interface BreakerOptions {
  min_pause_ms: number;
  max_pause_ms: number;
  max_wait_ms: number;
}

/** Defaults: pause at least 200 ms, at most 30 s; a caller waits at most 60 s. */
export const BREAKER_DEFAULTS: BreakerOptions = {
  min_pause_ms: 200,
  max_pause_ms: 30_000,
  max_wait_ms: 60_000,
};

/** The breaker; `trips` and `recoveries` are reported by the smoke command. */
export class CircuitBreaker {
  readonly options: BreakerOptions;
  #clock: Clock;
  #state: BreakerState = "closed";
  #open_until = 0;
  #pause = 0;
  trips = 0;
  recoveries = 0;
  /** Transitions, for logs and tests: `[ms, state]`. */
  readonly history: [number, BreakerState][] = [];

  constructor(clock: Clock, options: Partial<BreakerOptions> = {}) {
    this.#clock = clock;
    this.options = { ...BREAKER_DEFAULTS, ...options };
  }

  /** Current state (an open breaker whose pause is over reads as half-open). */
  get state(): BreakerState {
    if (this.#state === "open" && this.#clock.now_ms() >= this.#open_until) return "half_open";
    return this.#state;
  }

  #set(s: BreakerState): void {
    this.#state = s;
    this.history.push([this.#clock.now_ms(), s]);
  }

  /** Wait while open; throws a rate_limit ExchangeError if the pause exceeds `max_wait_ms`. */
  async admit(): Promise<void> {
    if (this.#state !== "open") return;
    const wait = this.#open_until - this.#clock.now_ms();
    if (wait > this.options.max_wait_ms) {
      throw new ExchangeError("rate_limit", `Circuit breaker open for ${Math.round(wait)} ms`);
    }
    if (wait > 0) await this.#clock.sleep(wait);
    this.#set("half_open");
  }

  /** A rate-limit response: open (again), until `reset_at_ms` when the exchange gave one. */
  trip(reset_at_ms?: number): void {
    const now = this.#clock.now_ms();
    const o = this.options;
    const asked = reset_at_ms !== undefined ? reset_at_ms - now : 0;
    this.#pause = this.#state === "half_open"
      ? Math.min(o.max_pause_ms, Math.max(this.#pause * 2, asked, o.min_pause_ms))
      : Math.min(o.max_pause_ms, Math.max(asked, o.min_pause_ms));
    if (this.#state === "closed") this.trips += 1;
    this.#open_until = now + this.#pause;
    this.#set("open");
  }

  /** A successful call: a half-open breaker closes (one recovery). */
  success(): void {
    if (this.#state === "half_open") {
      this.recoveries += 1;
      this.#set("closed");
    }
  }
}
