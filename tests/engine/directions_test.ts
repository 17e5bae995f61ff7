/**
 * Parameters act as their names say: averages over several seeds of short sessions.
 */
import { assert } from "../../lib/deps/assert.ts";
import { run_record, run_session, type SessionConfig } from "../../lib/engine/session.ts";
import { simulate } from "../../lib/engine/loop.ts";
import { sim_feed } from "../../lib/engine/sim_feed.ts";
import { DEFAULT_FEES, fill_parts } from "../../lib/engine/fills.ts";
import { DEFAULT_LATENCY } from "../../lib/engine/latency.ts";
import { DEFAULT_LIMITS } from "../../lib/engine/session.ts";
import { DEFAULT_SCENARIO } from "../../lib/market/scenarios.ts";
import { maker_params } from "../../lib/strategy/maker.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";

const SEEDS = [1, 2, 3, 4];

function config(params: Record<string, number>, scenario = "default"): SessionConfig {
  return {
    market: { kind: "sim", scenario },
    window_s: 90,
    start_ms: 0,
    symbols: ["BTCUSDT", "ETHUSDT"],
    params: { ...param_defaults(), ...params },
  };
}

async function mean_of(
  params: Record<string, number>,
  f: (s: Record<string, number>) => number,
  scenario = "default",
): Promise<number> {
  let sum = 0;
  for (const seed of SEEDS) {
    sum += f((await run_session(config(params, scenario), seed)).summary as Record<string, number>);
  }
  return sum / SEEDS.length;
}

Deno.test("wider spread → fewer fills and higher gross bps per fill", async () => {
  let fills_n = 0, fills_w = 0, gross_n = 0, gross_w = 0;
  for (const seed of SEEDS) {
    const n = await run_record(config({ base_spread_bps: 0.05 }), seed);
    const w = await run_record(config({ base_spread_bps: 1.0 }), seed);
    const g = (fs: typeof n.fills) =>
      fs.filter((f) => f.maker).reduce(
        (a, f) => a + fill_parts(f).gross / (f.qty * f.price) * 1e4,
        0,
      );
    fills_n += n.fills.filter((f) => f.maker).length;
    fills_w += w.fills.filter((f) => f.maker).length;
    gross_n += g(n.fills);
    gross_w += g(w.fills);
  }
  assert(fills_w < fills_n, `fills narrow ${fills_n} wide ${fills_w}`);
  assert(
    gross_w / fills_w > gross_n / fills_n,
    `gross/fill narrow ${gross_n / fills_n} wide ${gross_w / fills_w}`,
  );
});

Deno.test("larger min_interval_ms → more min_interval blocks and fewer orders", async () => {
  const lo = await mean_of(
    { min_interval_ms: 40 },
    (s) => (s.blocks as unknown as { counts: Record<string, number> }).counts.min_interval!,
  );
  const hi = await mean_of(
    { min_interval_ms: 100 },
    (s) => (s.blocks as unknown as { counts: Record<string, number> }).counts.min_interval!,
  );
  const olo = await mean_of({ min_interval_ms: 40 }, (s) => s.orders!);
  const ohi = await mean_of({ min_interval_ms: 100 }, (s) => s.orders!);
  assert(hi > lo, `min_interval blocks 40ms ${lo} 100ms ${hi}`);
  assert(ohi < olo, `orders 40ms ${olo} 100ms ${ohi}`);
});

Deno.test("larger concurrency_limit → higher p95 latency", async () => {
  const lo = await mean_of({ concurrency_limit: 2 }, (s) => s.p95_latency_ms!);
  const hi = await mean_of({ concurrency_limit: 20 }, (s) => s.p95_latency_ms!);
  assert(hi > lo, `p95 at 2: ${lo}, at 20: ${hi}`);
});

Deno.test("informed share 0 → adverse ≈ 0", () => {
  let adverse = 0, volume = 0;
  for (const seed of SEEDS) {
    const feed = sim_feed(
      { ...DEFAULT_SCENARIO, informed_share: 0, jump_rate_per_s: 0 },
      ["BTCUSDT", "ETHUSDT"],
      seed,
      0,
      90_000,
    );
    const rec = simulate(
      feed,
      maker_params({}),
      DEFAULT_LATENCY,
      DEFAULT_LIMITS,
      DEFAULT_FEES,
      seed,
      [0, 0],
    );
    for (const f of rec.fills) {
      const x = fill_parts(f);
      adverse += x.adverse;
      volume += x.volume;
    }
  }
  const bps = adverse / volume * 1e4;
  assert(Math.abs(bps) < 1.0, `adverse with no informed flow ${bps} bps`);
});

Deno.test("stressed scenario → higher adverse and latency than calm", async () => {
  const adv_c = await mean_of({}, (s) => s.adverse_bps ?? 0, "calm");
  const adv_s = await mean_of({}, (s) => s.adverse_bps ?? 0, "stressed");
  const lat_c = await mean_of({}, (s) => s.p95_latency_ms!, "calm");
  const lat_s = await mean_of({}, (s) => s.p95_latency_ms!, "stressed");
  assert(adv_s > adv_c, `adverse calm ${adv_c} stressed ${adv_s}`);
  assert(lat_s > lat_c, `p95 calm ${lat_c} stressed ${lat_s}`);
});

Deno.test("lower max_total_notional_usd → more risk blocks and lower exposure", async () => {
  const blocks = (s: Record<string, unknown>) =>
    (s.blocks as { counts: Record<string, number> }).counts.risk!;
  let hi_blocks = 0, lo_blocks = 0, hi_usd = 0, lo_usd = 0;
  for (const seed of SEEDS) {
    const c = config({});
    const hi = (await run_session({ ...c, limits: { max_total_notional_usd: 40_000 } }, seed))
      .summary;
    const lo = (await run_session({ ...c, limits: { max_total_notional_usd: 6_000 } }, seed))
      .summary;
    hi_blocks += blocks(hi);
    lo_blocks += blocks(lo);
    // Exposure in USD: the mean risk ratio times the limit it was measured against.
    hi_usd += (hi.risk_ratio as number) * 40_000;
    lo_usd += (lo.risk_ratio as number) * 6_000;
  }
  assert(lo_blocks > hi_blocks, `risk blocks at 40k ${hi_blocks}, at 6k ${lo_blocks}`);
  assert(lo_usd < hi_usd, `exposure USD at 40k ${hi_usd}, at 6k ${lo_usd}`);
});

Deno.test("lower impact_cap_ratio → smaller orders → lower risk ratio", async () => {
  const lo = await mean_of({ impact_cap_ratio: 0.04 }, (s) => s.risk_ratio!);
  const hi = await mean_of({ impact_cap_ratio: 0.12 }, (s) => s.risk_ratio!);
  assert(lo < hi, `risk at impact_cap 0.04: ${lo}, at 0.12: ${hi}`);
});

Deno.test("larger tail_age_ms → fewer order refreshes", async () => {
  const lo = await mean_of({ tail_age_ms: 400 }, (s) => s.orders!);
  const hi = await mean_of({ tail_age_ms: 1000 }, (s) => s.orders!);
  assert(hi < lo, `orders at tail_age 400: ${lo}, at 1000: ${hi}`);
});
