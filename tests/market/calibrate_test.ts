import { assert, assertAlmostEquals, assertEquals } from "../../lib/deps/assert.ts";
import { calibrate } from "../../lib/market/calibrate.ts";
import { EventBuffer } from "../../lib/market/events.ts";
import { load_recording } from "../../lib/market/replay/load.ts";
import { Rng } from "../../lib/market/rng.ts";
import { DEFAULT_SCENARIO } from "../../lib/market/scenarios.ts";
import { SimMarket } from "../../lib/market/sim.ts";
import { symbol_spec } from "../../lib/market/symbols.ts";
import { data_path, data_test } from "../_data.ts";

const BINANCE = "market/hftbacktest/usdm_btcusdt_20240808.gz";

data_test(
  "calibrate: the Binance sample gives the figures documented on the default scenario",
  BINANCE,
  async () => {
    const dir = await Deno.makeTempDir();
    Deno.env.set("MMSOAK_CACHE_DIR", dir);
    try {
      const c = calibrate(await load_recording(data_path(BINANCE)));
      assertAlmostEquals(c.duration_s, 345, 1);
      assertEquals(c.spread_ticks, 1);
      assertAlmostEquals(c.trade_rate_per_s, DEFAULT_SCENARIO.trade_rate_per_s, 0.05);
      assertAlmostEquals(c.trade_size_log_mu, DEFAULT_SCENARIO.trade_size_log_mu, 0.01);
      assertAlmostEquals(c.trade_size_log_sigma, 2.117, 0.01);
      // Total 1-s variance = diffusion + jumps ≈ (1.34 bps)², as the default's calm regime.
      const total = Math.sqrt(c.vol_bps_per_sqrt_s ** 2 + c.jump_rate_per_s * c.jump_bps ** 2);
      assertAlmostEquals(total, DEFAULT_SCENARIO.vol_bps_per_sqrt_s, 0.1);
      c.depth_usd_per_bps.forEach((d, i) => {
        assertAlmostEquals(d, DEFAULT_SCENARIO.depth_usd_per_bps[i]!, 1000, `depth bucket ${i}`);
      });
      c.occupancy_by_bps.forEach((o, i) => {
        assertAlmostEquals(
          o,
          DEFAULT_SCENARIO.occupancy_by_bps[i]!,
          0.001,
          `occupancy bucket ${i}`,
        );
      });
    } finally {
      Deno.env.delete("MMSOAK_CACHE_DIR");
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("calibrate: recovers a sim market's spread and near-touch depth", () => {
  const p = { ...DEFAULT_SCENARIO, to_volatile_per_s: 0, jump_rate_per_s: 0 };
  const m = new SimMarket(p, symbol_spec("BTCUSDT"), new Rng(11), 1.7e12, 240_000);
  const out = new EventBuffer();
  m.init(out);
  for (let k = 0; k < m.steps; k++) m.step(k, out);
  const c = calibrate({
    symbol: "BTCUSDT",
    tick: 0.1,
    lot: 0.001,
    format: "sim",
    gaps: 0,
    events: out.freeze(),
  });
  assert(c.spread_ticks >= 1 && c.spread_ticks <= 5, `spread ${c.spread_ticks}`);
  // The first two buckets hold about the profile's depth (sweeps thin them between refills).
  for (const b of [0, 1]) {
    const ratio = c.depth_usd_per_bps[b]! / p.depth_usd_per_bps[b]!;
    assert(ratio > 0.6 && ratio < 1.6, `bucket ${b} depth ratio ${ratio}`);
  }
  // Mid volatility is the fair price's plus microstructure noise, never below it.
  assert(
    c.vol_bps_per_sqrt_s + Math.sqrt(c.jump_rate_per_s) * c.jump_bps >= 0.9 * p.vol_bps_per_sqrt_s,
  );
});
