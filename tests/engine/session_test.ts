import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
} from "../../lib/deps/assert.ts";
import { run_record, run_session, type SessionConfig } from "../../lib/engine/session.ts";
import { fill_parts } from "../../lib/engine/fills.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { IterKpis } from "../../lib/artifacts/iter_summary.ts";
import { EdgeReport } from "../../lib/artifacts/edge_report.ts";

const START = Date.UTC(2026, 0, 1);

function config(over: Partial<SessionConfig> = {}): SessionConfig {
  return {
    market: { kind: "sim", scenario: "default" },
    window_s: 60,
    start_ms: START,
    symbols: ["BTCUSDT", "ETHUSDT"],
    params: param_defaults(),
    ...over,
  };
}

/** Every `summary` key of CONTRACT.md (SPEC §1.7 + mmsoak additions). */
const KEYS = [
  "runtime_utc",
  "version",
  "net_bps",
  "gross_bps",
  "fees_eff_bps",
  "slippage_bps",
  "adverse_bps",
  "inventory_bps",
  "adverse_bps_p95",
  "slippage_bps_p95",
  "order_age_p95_ms",
  "p95_latency_ms",
  "risk_ratio",
  "min_interval_ratio",
  "concurrency_ratio",
  "neg_edge_drivers",
  "blocks",
  "kpi_verdict",
  "kpi_reasons",
  "sentinel_advice",
  "maker_taker_ratio",
  "maker_taker_source",
  "fills",
  "verdict",
  "verdict_reasons",
  "risk_ratio_p95",
  "latency_p50_ms",
  "latency_p99_ms",
  "orders",
  "cancels",
  "rejects",
  "maker_fill_rate",
  "pnl_usd",
  "inventory_usd",
  "phase",
];

Deno.test("run_session: same seed gives identical results, different seeds differ", async () => {
  const a = await run_session(config(), 7);
  const b = await run_session(config(), 7);
  const c = await run_session(config(), 8);
  assertEquals(JSON.stringify(a.summary), JSON.stringify(b.summary));
  assertEquals(a.latency_ms, b.latency_ms);
  assertEquals(JSON.stringify(a.carry), JSON.stringify(b.carry));
  assertNotEquals(JSON.stringify(a.summary), JSON.stringify(c.summary));
});

Deno.test("run_session: summary has every contract key, runtime from the market clock", async () => {
  const r = await run_session(config({ window_s: 30 }), 1);
  for (const k of KEYS) assert(k in r.summary, `missing summary key ${k}`);
  assertEquals(r.summary.runtime_utc, "2026-01-01T00:00:30Z");
  assertEquals(r.summary.maker_taker_source, "fills_volume");
  assertEquals(r.risk_samples.length, 30);
  assertEquals(JSON.parse(JSON.stringify(r.carry)), r.carry);
  // The artifacts' own schemas accept what the engine returns.
  IterKpis.parse(r.summary);
  EdgeReport.parse(r.edge_report);
});

Deno.test("run_session: net = gross − adverse − slippage − fees exactly on the reported means", async () => {
  for (const seed of [1, 2, 3]) {
    const s = (await run_session(config(), seed)).summary as Record<string, number>;
    if (s.net_bps === null) continue;
    assertEquals(s.net_bps, s.gross_bps! - s.adverse_bps! - s.slippage_bps! - s.fees_eff_bps!);
  }
});

Deno.test("P&L conservation: cash + inventory·final mid = Σ edge + Σ markout to the final mid − fees", async () => {
  const rec = await run_record(config({ window_s: 120 }), 3);
  assert(rec.fills.length > 0, "the session should fill");
  let lhs = 0, rhs = 0;
  rec.symbols.forEach((_, i) => {
    lhs += rec.cash[i]! + (rec.pos[i]! - rec.pos0[i]!) * rec.mid_end[i]!;
  });
  for (const f of rec.fills) {
    const q = f.side * f.qty;
    rhs += q * (f.mid - f.price) + q * (rec.mid_end[f.symbol]! - f.mid) - f.fee;
  }
  assertAlmostEquals(lhs, rhs, 1e-6 * Math.max(1, Math.abs(lhs)));
  // The per-fill decomposition adds up to the markout P&L of each fill.
  for (const f of rec.fills) {
    const x = fill_parts(f);
    assertAlmostEquals(x.gross - x.adverse - x.slippage, f.side * f.qty * (f.mark - f.price), 1e-6);
  }
});

Deno.test("run_session: carry continues prices and positions", async () => {
  const a = await run_session(config({ window_s: 30 }), 4);
  const carry = a.carry as { prices: Record<string, number>; positions: Record<string, number> };
  const rec = await run_record(config({ window_s: 30, start_ms: START + 30_000 }), 5, carry);
  assertEquals(rec.pos0, [carry.positions.BTCUSDT, carry.positions.ETHUSDT]);
  assert(Math.abs(rec.mid0[0]! / carry.prices.BTCUSDT! - 1) < 5e-4);
});
