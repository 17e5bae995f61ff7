/**
 * Smoke command throughput: a default sim run (50 iterations × 2 symbols, in-process) and a run
 * against the local fake Bybit server (signed REST + WebSockets, no faults).
 */
import { join } from "../../lib/deps/path.ts";
import { Credentials } from "../../lib/exchange/bybit/credentials.ts";
import { LOOP_DEFAULTS } from "../../lib/live/execution_loop.ts";
import { run_smoke, type SmokeOptions } from "../../lib/live/smoke_run.ts";
import { FakeBybit } from "../exchange/_fake_bybit.ts";

const dir = Deno.makeTempDirSync();
const base: SmokeOptions = {
  exchange: "sim",
  testnet: false,
  ...LOOP_DEFAULTS,
  out: join(dir, "sim.json"),
  seed: 42,
  obs: false,
  obs_port: 0,
  timeout_ms: 5000,
  rate_limit_per_s: 8,
  fees: { maker_fee_bps: 1, maker_rebate_bps: 2 },
  clock_fixed: "2025-01-01T00:00:00Z",
};

Deno.bench("smoke: default sim run (50 iterations, 2 symbols)", async () => {
  await run_smoke(base);
});

Deno.bench({
  name: "smoke: fake Bybit run (20 iterations, 2 symbols, signed REST + WS)",
  n: 5,
  async fn() {
    const fake = new FakeBybit({ api_key: "k", secret: "s", seed: 3 });
    try {
      await run_smoke({
        ...base,
        exchange: "bybit",
        testnet: true,
        iterations: 20,
        interval_ms: 0,
        rate_limit_per_s: 10000,
        base_url: fake.url,
        out: join(dir, "bybit.json"),
        credentials: new Credentials("k", "s"),
      });
    } finally {
      await fake.close();
    }
  },
});
