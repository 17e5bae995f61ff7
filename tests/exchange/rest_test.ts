import { assert, assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { Credentials } from "../../lib/exchange/bybit/credentials.ts";
import { BybitRest, http_status_kind, ret_code_kind } from "../../lib/exchange/bybit/rest.ts";
import { WallClock } from "../../lib/exchange/clock.ts";
import { ResilientCaller } from "../../lib/exchange/resilience/caller.ts";
import { ExchangeError } from "../../lib/exchange/types.ts";

const SECRET = "S3CRET-canary-rest";

async function with_server(
  handler: (req: Request) => Response | Promise<Response>,
  fn: (rest: BybitRest) => Promise<void>,
  timeout_ms = 300,
): Promise<void> {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, handler);
  const clock = new WallClock();
  const rest = new BybitRest({
    base_url: `http://127.0.0.1:${server.addr.port}`,
    credentials: new Credentials("k", SECRET),
    clock,
    caller: new ResilientCaller(clock, {
      rate: { rate_per_s: 1000, burst: 10 },
      retry: { max_attempts: 2, base_ms: 1, max_ms: 2 },
    }),
    timeout_ms,
  });
  try {
    await fn(rest);
  } finally {
    await server.shutdown();
  }
}

Deno.test("retCodes and HTTP statuses map to error kinds", () => {
  assertEquals(ret_code_kind(10006), "rate_limit");
  assertEquals(ret_code_kind(10016), "transient");
  assertEquals(ret_code_kind(10004), "auth");
  assertEquals(ret_code_kind(110001), "not_found");
  assertEquals(ret_code_kind(110007), "rejected");
  assertEquals(http_status_kind(403), "rate_limit");
  assertEquals(http_status_kind(429), "rate_limit");
  assertEquals(http_status_kind(401), "auth");
  assertEquals(http_status_kind(503), "transient");
  assertEquals(http_status_kind(404), "fatal");
});

Deno.test("10006 carries the reset timestamp; an echoed secret never reaches the message", async () => {
  await with_server(
    (req) =>
      new URL(req.url).pathname === "/rl"
        ? new Response(JSON.stringify({ retCode: 10006, retMsg: "Too many visits!" }), {
          headers: { "X-Bapi-Limit-Reset-Timestamp": "1700000000123" },
        })
        : new Response(JSON.stringify({ retCode: 10001, retMsg: `bad key ${SECRET}` })),
    async (rest) => {
      const e = await assertRejects(() => rest.get("/rl", {}), ExchangeError) as ExchangeError;
      assertEquals([e.kind, e.code, e.reset_at_ms], ["rate_limit", 10006, 1700000000123]);
      const e2 = await assertRejects(() => rest.post("/echo", { a: 1 }), ExchangeError);
      assert(!e2.message.includes(SECRET), e2.message);
      assert(e2.message.includes("retCode 10001"));
    },
  );
});

Deno.test("a hanging server times out as a transient error, bounded by the timeout", async () => {
  const pending: (() => void)[] = [];
  await with_server(
    () =>
      new Promise<Response>((resolve) => {
        const t = setTimeout(() => resolve(new Response("{}")), 2000);
        pending.push(() => (clearTimeout(t), resolve(new Response("{}"))));
      }),
    async (rest) => {
      const t0 = performance.now();
      const e = await assertRejects(() => rest.get("/slow", {}), ExchangeError) as ExchangeError;
      assertEquals(e.kind, "transient");
      assert(e.message.includes("timed out after 300 ms"));
      assert(performance.now() - t0 < 1500);
      pending.forEach((release) => release());
    },
    300,
  );
});

Deno.test("an unreachable host is one transient error naming the host, without the secret", async () => {
  const clock = new WallClock();
  const rest = new BybitRest({
    base_url: "http://127.0.0.1:1",
    credentials: new Credentials("k", SECRET),
    clock,
    caller: new ResilientCaller(clock, { retry: { max_attempts: 2, base_ms: 1, max_ms: 2 } }),
    timeout_ms: 500,
  });
  const e = await assertRejects(() => rest.get("/v5/position/list", {}), ExchangeError);
  assert(e.message.includes("cannot reach 127.0.0.1:1"), e.message);
  assert(!e.message.includes(SECRET));
});
