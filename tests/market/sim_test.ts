import { assert, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { SimMarket } from "../../lib/market/sim.ts";
import { Rng } from "../../lib/market/rng.ts";
import { EV_TRADE_BUY, EV_TRADE_SELL, EventBuffer } from "../../lib/market/events.ts";
import { DEFAULT_SCENARIO, scenario, SCENARIOS } from "../../lib/market/scenarios.ts";
import { symbol_spec } from "../../lib/market/symbols.ts";

function run(seed: number, p = DEFAULT_SCENARIO) {
  const m = new SimMarket(p, symbol_spec("BTCUSDT"), new Rng(seed), 0, 120_000);
  const out = new EventBuffer();
  m.init(out);
  let trades = 0;
  for (let k = 0; k < m.steps; k++) m.step(k, out);
  for (let i = 0; i < out.length; i++) {
    if (out.kind[i] === EV_TRADE_BUY || out.kind[i] === EV_TRADE_SELL) trades++;
  }
  return { m, out, trades };
}

Deno.test("sim: deterministic per seed, different across seeds", () => {
  const a = run(1), b = run(1), c = run(2);
  assertEquals(a.out.length, b.out.length);
  assertEquals(a.out.price.slice(0, a.out.length), b.out.price.slice(0, b.out.length));
  assert(a.out.length !== c.out.length || a.m.fair_price(100) !== c.m.fair_price(100));
});

Deno.test("sim: fair-price volatility matches the scenario (bps per √s)", () => {
  const { m } = run(3, { ...DEFAULT_SCENARIO, to_volatile_per_s: 0, jump_rate_per_s: 0 });
  const per_s = 1000 / m.step_ms;
  let ss = 0, n = 0;
  for (let k = per_s; k < m.steps; k += per_s) {
    const r = Math.log(m.fair[k]! / m.fair[k - per_s]!);
    ss += r * r;
    n++;
  }
  const vol = Math.sqrt(ss / n) * 1e4;
  assert(Math.abs(vol - DEFAULT_SCENARIO.vol_bps_per_sqrt_s) < 0.3, `vol ${vol}`);
});

Deno.test("sim: prices lie on the tick grid and trades happen", () => {
  const { out, trades } = run(4);
  assert(trades > 100);
  for (let i = 0; i < Math.min(out.length, 5000); i++) {
    if (out.kind[i]! > 3) continue;
    const t = out.price[i]! / 0.1;
    assert(Math.abs(t - Math.round(t)) < 1e-6, `off-grid price ${out.price[i]}`);
  }
});

Deno.test("scenarios: all presets exist, unknown names are rejected", () => {
  assertEquals(Object.keys(SCENARIOS).sort(), [
    "calm",
    "default",
    "flash_crash",
    "sample_fit",
    "stressed",
    "volatile",
  ]);
  assertThrows(() => scenario("nope"), RangeError, "nope");
});
