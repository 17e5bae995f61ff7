import { createHmac } from "node:crypto";
import fc from "fast-check";
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { Credentials } from "../../lib/exchange/bybit/credentials.ts";
import {
  bybit_endpoints,
  local_endpoints,
  sign_payload,
  signed_headers,
  ws_auth_signature,
} from "../../lib/exchange/bybit/sign.ts";

// Bybit v5 docs ("Integration Guidance", authentication): GET /v5/order/realtime with
// category=option&symbol=BTC-29JUL22-25000-C at timestamp 1658384314791, recv_window 5000; the
// docs mask the key and secret, so the expected hex below was computed with
// `printf '%s' "$payload" | openssl dgst -sha256 -hmac YYYYYYYYYY` (an independent tool).
const TS = 1658384314791;
const KEY = "XXXXXXXXXX";
const SECRET = "YYYYYYYYYY";
const GET_QUERY = "category=option&symbol=BTC-29JUL22-25000-C";
const POST_BODY =
  '{"category":"option","symbol":"BTC-29JUL22-25000-C","orderType":"Limit","side":"Buy","qty":"1","price":"1000","timeInForce":"GTC"}';

Deno.test("sign payload is timestamp + api_key + recv_window + query (documented example)", () => {
  assertEquals(
    sign_payload(TS, KEY, 5000, GET_QUERY),
    "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C",
  );
});

Deno.test("X-BAPI-SIGN of the documented GET and POST examples (openssl-computed)", async () => {
  const creds = new Credentials(KEY, SECRET);
  const get = await signed_headers(creds, TS, GET_QUERY, 5000);
  assertEquals(get, {
    "X-BAPI-API-KEY": KEY,
    "X-BAPI-TIMESTAMP": "1658384314791",
    "X-BAPI-RECV-WINDOW": "5000",
    "X-BAPI-SIGN": "37813c67fafb3017e92354eb88f218e7e52a98f9f5eb74cfcf0b21f17edb143b",
  });
  const post = await signed_headers(creds, TS, POST_BODY, 5000);
  assertEquals(
    post["X-BAPI-SIGN"],
    "17521aa7086b2b4b7a851a56f843fea314ff1ad1a6e9375d890b05718ca70e00",
  );
});

Deno.test("HMAC-SHA256 matches RFC 4231 test case 2", async () => {
  const c = new Credentials("k", "Jefe");
  assertEquals(
    await c.hmac_hex("what do ya want for nothing?"),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

Deno.test("signatures equal node:crypto HMAC for random inputs (differential)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.string({ maxLength: 200 }),
      fc.integer({ min: 0, max: 2 ** 42 }),
      async (key, secret, payload, ts) => {
        const h = await signed_headers(new Credentials(key, secret), ts, payload, 5000);
        const want = createHmac("sha256", secret).update(`${ts}${key}5000${payload}`).digest(
          "hex",
        );
        assertEquals(h["X-BAPI-SIGN"], want);
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("WebSocket auth signs GET/realtime + expires", async () => {
  const c = new Credentials(KEY, SECRET);
  const want = createHmac("sha256", SECRET).update("GET/realtime1700000000000").digest("hex");
  assertEquals(await ws_auth_signature(c, 1700000000000), want);
});

Deno.test("credentials never print, inspect or serialise the secret", () => {
  const c = new Credentials("key-1", "S3CRET-canary");
  for (const text of [String(c), JSON.stringify({ c }), Deno.inspect(c), Deno.inspect({ c })]) {
    assert(!text.includes("S3CRET-canary"), text);
  }
  assert(c.leaks_into("xx S3CRET-canary yy"));
  assert(!c.leaks_into("nothing here"));
});

Deno.test("testnet, mainnet and local endpoints", () => {
  assertEquals(bybit_endpoints(true).rest, "https://api-testnet.bybit.com");
  assertEquals(bybit_endpoints(false).rest, "https://api.bybit.com");
  assertEquals(bybit_endpoints(true).ws_public, "wss://stream-testnet.bybit.com/v5/public/linear");
  assertEquals(bybit_endpoints(false).ws_private, "wss://stream.bybit.com/v5/private");
  assertEquals(local_endpoints("http://127.0.0.1:9/"), {
    rest: "http://127.0.0.1:9",
    ws_public: "ws://127.0.0.1:9/v5/public/linear",
    ws_private: "ws://127.0.0.1:9/v5/private",
  });
});
