import fc from "fast-check";
import { assert, assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { ResilientCaller } from "../../lib/exchange/resilience/caller.ts";
import { CircuitBreaker } from "../../lib/exchange/resilience/circuit_breaker.ts";
import { RateLimiter } from "../../lib/exchange/resilience/rate_limiter.ts";
import { backoff_ms, RETRY_DEFAULTS } from "../../lib/exchange/resilience/retry.ts";
import { ExchangeError } from "../../lib/exchange/types.ts";

Deno.test("rate limiter never lets more than burst + rate·t requests through", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 80 }),
      async (rate, burst, n) => {
        const clock = new SimClock(0);
        const lim = new RateLimiter(clock, { rate_per_s: rate, burst });
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          await lim.acquire();
          times.push(clock.now_ms());
        }
        // In any window [t0, t1] at most burst + rate·(t1 − t0)/1000 acquisitions.
        for (let i = 0; i < times.length; i++) {
          for (let j = i; j < times.length; j++) {
            assert(j - i + 1 <= burst + (rate * (times[j]! - times[i]!)) / 1000 + 1e-9);
          }
        }
        if (n > burst) assert(lim.waits > 0);
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("breaker: trip opens until the reset header, half-open probe, success recovers", async () => {
  const clock = new SimClock(1000);
  const b = new CircuitBreaker(clock, { min_pause_ms: 100, max_pause_ms: 5000 });
  assertEquals(b.state, "closed");
  b.trip(1000 + 700);
  assertEquals(b.state, "open");
  assertEquals(b.trips, 1);
  await b.admit();
  assertEquals(clock.now_ms(), 1700, "waited until the exchange's reset time");
  assertEquals(b.state, "half_open");
  b.trip(); // probe rate-limited again: re-open with a doubled pause
  assertEquals(b.trips, 1, "a failed probe is not a new trip");
  await b.admit();
  assertEquals(clock.now_ms(), 1700 + 1400);
  b.success();
  assertEquals(b.state, "closed");
  assertEquals(b.recoveries, 1);
  assertEquals(b.history.map(([, s]) => s), ["open", "half_open", "open", "half_open", "closed"]);
});

Deno.test("breaker fails fast rather than waiting beyond max_wait_ms", async () => {
  const clock = new SimClock(0);
  const b = new CircuitBreaker(clock, { max_pause_ms: 60_000, max_wait_ms: 1000 });
  b.trip(30_000);
  await assertRejects(() => b.admit(), ExchangeError, "Circuit breaker open");
});

Deno.test("caller retries transient errors with backoff, never rejected ones", async () => {
  const clock = new SimClock(0);
  const c = new ResilientCaller(clock, { rate: { rate_per_s: 1000, burst: 10 } });
  let n = 0;
  const r = await c.call(() => {
    n++;
    if (n < 3) throw new ExchangeError("transient", "HTTP 502");
    return Promise.resolve("ok");
  });
  assertEquals(r, "ok");
  assertEquals(c.retries, 2);
  assertEquals(c.transient_errors, 2);
  let m = 0;
  await assertRejects(
    () =>
      c.call(() => {
        m++;
        throw new ExchangeError("rejected", "retCode 110007");
      }),
    ExchangeError,
    "110007",
  );
  assertEquals(m, 1, "a rejection is not retried");
  let k = 0;
  await assertRejects(() =>
    c.call(() => {
      k++;
      throw new ExchangeError("transient", "timeout");
    })
  );
  assertEquals(k, RETRY_DEFAULTS.max_attempts);
});

Deno.test("caller: a rate limit trips the breaker, the retry waits and recovers it", async () => {
  const clock = new SimClock(0);
  const c = new ResilientCaller(clock, {
    rate: { rate_per_s: 1000, burst: 10 },
    breaker: { min_pause_ms: 50 },
  });
  let n = 0;
  const r = await c.call(() => {
    n++;
    if (n === 1) {
      throw new ExchangeError("rate_limit", "retCode 10006", { reset_at_ms: 400 });
    }
    return Promise.resolve(n);
  });
  assertEquals(r, 2);
  assert(clock.now_ms() >= 400);
  const s = c.stats();
  assertEquals([s.breaker_trips, s.breaker_recoveries, s.breaker_state], [1, 1, "closed"]);
  assertEquals(s.rate_limited, 1);
});

Deno.test("backoff is full-jitter exponential and capped", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.double({ min: 0, max: 0.999, noNaN: true }),
      (i, u) => {
        const ms = backoff_ms(i, RETRY_DEFAULTS, () => u);
        const cap = Math.min(RETRY_DEFAULTS.max_ms, RETRY_DEFAULTS.base_ms * 2 ** (i - 1));
        assert(ms >= 0 && ms <= cap);
      },
    ),
  );
  assertEquals(backoff_ms(3, RETRY_DEFAULTS, () => 1), 400);
});
