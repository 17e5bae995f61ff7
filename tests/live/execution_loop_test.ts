import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { SimClock } from "../../lib/exchange/clock.ts";
import { SimExchange, type SimOptions } from "../../lib/exchange/sim.ts";
import {
  ExecutionLoop,
  LOOP_DEFAULTS,
  type LoopParams,
  ramp_edge_bps,
} from "../../lib/live/execution_loop.ts";
import { build_report, maker_fill_rate } from "../../lib/live/report.ts";
import { stable_stringify } from "../../lib/json/stable.ts";

const PARAMS: LoopParams = { ...LOOP_DEFAULTS, recon_interval_s: 10 };

async function run(
  params: Partial<LoopParams> = {},
  sim: Partial<SimOptions> = {},
  on_event?: (event: string, loop: ExecutionLoop) => void,
) {
  const clock = new SimClock(1_700_000_000_000);
  const ex = new SimExchange(clock, { seed: 42, ...sim });
  await ex.start(PARAMS.symbols);
  const log = (event: string) => on_event?.(event, loop);
  const loop: ExecutionLoop = new ExecutionLoop(ex, clock, { ...PARAMS, ...params }, { log });
  await loop.run();
  return { loop, ex };
}

/** The scenario's window as the smoke command sizes it for 50 iterations of 1 s. */
const WINDOW_MS = 75_000;

Deno.test("fills are counted as fills, never as rejects; fill rate follows seed 001", async () => {
  const { loop, ex } = await run();
  const s = loop.stats;
  assert(s.orders_placed > 50 && s.orders_filled > 0);
  assert(s.orders_filled <= s.orders_placed, "filled orders are a subset of placed ones");
  assert(s.fills >= s.orders_filled);
  const rate = maker_fill_rate(s.orders_placed, s.orders_filled);
  assert(rate > 0.05 && rate < 1, `rate ${rate}`);
  assertEquals(loop.open_orders_at_end, 0);
  assertEquals(await ex.open_orders(), []);
  assertEquals(loop.last_recon!.divergence_count, 0);
  assert(s.recon_runs >= 5, "recon every 10 s of a ~55 s run, plus the last one");
  // Local positions (from fills) equal the exchange's.
  for (const p of await ex.positions()) {
    assert(Math.abs(p.qty - (loop.risk.positions.get(p.symbol) ?? 0)) < 1e-9);
  }
});

Deno.test("rejects are only exchange rejects and do not enter the fill-rate denominator", async () => {
  const { loop } = await run({}, { reject_rate: 0.3 });
  const s = loop.stats;
  assert(s.orders_rejected > 10);
  const rep = build_report(loop, {
    exchange: "sim",
    network_enabled: false,
    testnet: false,
    seed: 42,
    start_ms: 0,
    end_utc_ms: 0,
    fees: { maker_fee_bps: 1, maker_rebate_bps: 2 },
  });
  const summary = rep.summary as Record<string, number>;
  assertEquals(summary.passed, s.orders_placed);
  assertEquals(
    summary.maker_fill_rate,
    Math.round(maker_fill_rate(s.orders_placed, s.orders_filled) * 1e4) / 1e4,
  );
  assertEquals(summary.failed, 0, "rejects are not failures of the smoke run");
});

Deno.test("latency p95 and risk p95 are real and non-zero", async () => {
  const { loop } = await run();
  const lat = loop.latency.percentiles();
  assert(lat.p95 > 50 && lat.p95 < 400, `p95 ${lat.p95}`);
  assert(loop.risk.risk_ratio_p95() > 0);
  assert(loop.risk.samples.length === loop.stats.fills);
});

Deno.test("edge below threshold freezes once, cancels everything and stops quoting", async () => {
  const { loop, ex } = await run({ edge_source: "ramp", edge_freeze_threshold_bps: 6 });
  assertEquals(loop.stats.freeze_events, 1);
  assertEquals(loop.freeze_cancel!.method, "bulk");
  assertEquals(loop.freeze_cancel!.remaining_open, 0);
  assertEquals(await ex.open_orders(), []);
  // Freeze at ramp < 6 bps: iteration 26 of 50; nothing placed afterwards.
  const placed_at_freeze = loop.stats.orders_placed;
  assert(placed_at_freeze < 2 * 2 * 27);
  assertEquals(ramp_edge_bps(25, 50), 6);
});

Deno.test("the same seed gives the same run", async () => {
  const a = await run();
  const b = await run();
  assertEquals(a.loop.stats, b.loop.stats);
  assertEquals(a.loop.latency.percentiles(), b.loop.latency.percentiles());
  assertEquals(a.loop.risk.samples, b.loop.risk.samples);
});

Deno.test("shadow mode reads market data only", async () => {
  const { loop } = await run({ shadow: true, iterations: 10 });
  assertEquals(loop.stats.orders_placed, 0);
  assert(loop.latency.count() >= 20, "market data requests are timed");
  assertEquals(loop.mids.size, 2);
});

Deno.test("a market turning against the maker freezes on the measured edge: cancel-all, 0 open", async () => {
  for (const seed of [1, 2, 3]) {
    let placed_at_freeze = -1;
    const sim = { seed, scenario: "flash_crash", window_ms: WINDOW_MS };
    const { loop, ex } = await run({}, sim, (event, l) => {
      if (event === "freeze_triggered") placed_at_freeze = l.stats.orders_placed;
    });
    assertEquals(loop.stats.freeze_events, 1, `seed ${seed}`);
    const m = /^Edge degradation: (-?[\d.]+) BPS < (-?[\d.]+) BPS$/.exec(
      loop.risk.last_freeze_reason!,
    );
    assert(m, loop.risk.last_freeze_reason!);
    assert(Number(m[1]) < LOOP_DEFAULTS.edge_freeze_threshold_bps);
    assertEquals(loop.freeze_cancel!.failed, []);
    assertEquals(loop.freeze_cancel!.remaining_open, 0);
    assertEquals(loop.open_orders_at_end, 0);
    assertEquals(await ex.open_orders(), []);
    assertEquals(loop.stats.orders_placed, placed_at_freeze, "nothing placed after the freeze");
    const edge = loop.edge.report(PARAMS.symbols)[loop.risk.last_freeze_symbol!]!;
    assert(edge.net_bps! < 0, `the crash cost money: ${edge.net_bps}`);
  }
});

Deno.test("a benign market does not freeze, its measured edges staying above the threshold", async () => {
  let verdicts = 0;
  for (const seed of [1, 2, 3, 4]) {
    const { loop } = await run({}, { seed, scenario: "calm", window_ms: WINDOW_MS });
    assertEquals(loop.stats.freeze_events, 0, `seed ${seed}`);
    assertEquals(loop.risk.frozen, false);
    for (const [s, e] of Object.entries(loop.edge.report(PARAMS.symbols))) {
      assert(e.fills > 0, `${s} was measured`);
      if (e.ewma_bps === null) continue; // fewer fills than a verdict needs
      verdicts++;
      assert(e.ewma_bps > LOOP_DEFAULTS.edge_freeze_threshold_bps, `${s}: ${e.ewma_bps}`);
    }
  }
  assert(verdicts >= 4, `symbols with a measured edge: ${verdicts} of 8`);
});

Deno.test("an empty or crossed book is not quoted against and sets no mid", async () => {
  const clock = new SimClock(0);
  const ex = new SimExchange(clock, { seed: 1 });
  const bad = [{ bid: NaN, ask: 100 }, { bid: 101, ask: 100 }];
  let calls = 0;
  ex.quote = (symbol: string) =>
    Promise.resolve({ symbol, ...bad[calls++ % 2]!, timestamp_ms: clock.now_ms() });
  const events: string[] = [];
  const loop = new ExecutionLoop(ex, clock, { ...PARAMS, iterations: 4 }, {
    // The command writes every log event as JSON: NaN must not reach it.
    log: (e, fields) => events.push(e, stable_stringify(fields ?? {})),
  });
  await loop.run();
  assertEquals(loop.stats.orders_placed, 0);
  assertEquals(loop.stats.errors, 0);
  assertEquals(loop.mids.size, 0);
  assert(events.filter((e) => e === "quote_unusable").length >= 8);
});
