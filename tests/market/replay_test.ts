import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { data_path, data_test } from "../_data.ts";
import { decode, encode, load_recording, normalise } from "../../lib/market/replay/load.ts";
import { read_text } from "../../lib/market/replay/common.ts";
import { EV_SNAPSHOT, EV_TRADE_BUY, EV_TRADE_SELL } from "../../lib/market/events.ts";
import { run_session } from "../../lib/engine/session.ts";
import { stable_stringify } from "../../lib/json/stable.ts";

const BINANCE = "market/hftbacktest/usdm_btcusdt_20240808.gz";
const BYBIT = "market/nautilus/bybit_2024-12-01_XRPUSDT_ob500.jsonl.gz";
const TARDIS_L2 = "market/nautilus/tardis_deribit_incremental_book_L2_BTC-PERPETUAL.csv";
const TARDIS_TRADES = "market/nautilus/tardis_bitmex_trades_XBTUSD.csv";

function count(kinds: Uint8Array, f: (k: number) => boolean): number {
  let n = 0;
  for (const k of kinds) if (f(k)) n++;
  return n;
}

data_test(
  "hftbacktest Binance futures: snapshot bootstrap, all trades, no gaps, grid",
  BINANCE,
  async () => {
    const { text } = await read_text(data_path(BINANCE));
    const r = normalise(text, BINANCE);
    assertEquals(r.symbol, "BTCUSDT");
    assertEquals(r.format, "hftbacktest-binance-futures");
    assertEquals(r.tick, 0.1);
    assertEquals(r.lot, 0.001);
    assertEquals(r.gaps, 0);
    assertEquals(count(r.events.kind, (k) => k === EV_TRADE_BUY || k === EV_TRADE_SELL), 21_313);
    assertEquals(count(r.events.kind, (k) => k === EV_SNAPSHOT), 1);
    // The cache round-trips exactly.
    const back = decode(encode(r))!;
    assertEquals(back.events.length, r.events.length);
    assertEquals(back.events.price, r.events.price);
    assertEquals(back.events.kind, r.events.kind);
  },
);

data_test("hftbacktest: a sequence gap is detected (diff removed)", BINANCE, async () => {
  const { text } = await read_text(data_path(BINANCE));
  const lines = text.split("\n");
  const i = lines.findIndex((l, j) => j > 200 && l.includes("depthUpdate"));
  lines.splice(i, 1);
  assertEquals(normalise(lines.join("\n"), BINANCE).gaps, 1);
});

data_test(
  "Bybit v5: snapshot then 49 deltas, gaps resync on the next snapshot",
  BYBIT,
  async () => {
    const { text } = await read_text(data_path(BYBIT));
    const r = normalise(text, BYBIT);
    assertEquals(r.symbol, "XRPUSDT");
    assertEquals(r.gaps, 0);
    assertEquals(count(r.events.kind, (k) => k === EV_SNAPSHOT), 1);
    const lines = text.trim().split("\n");
    lines.splice(10, 1);
    assertEquals(normalise(lines.join("\n"), BYBIT).gaps, 1);
  },
);

data_test("Tardis CSV: incremental_book_L2 and trades, microsecond timestamps", [
  TARDIS_L2,
  TARDIS_TRADES,
], async () => {
  const l2 = normalise((await read_text(data_path(TARDIS_L2))).text, TARDIS_L2);
  assertEquals(l2.format, "tardis-incremental_book_L2");
  assert(l2.events.ts[0]! > 1.5e12 && l2.events.ts[0]! < 2e12, "ms epoch");
  const tr = normalise((await read_text(data_path(TARDIS_TRADES))).text, TARDIS_TRADES);
  assertEquals(tr.format, "tardis-trades");
  assertEquals(tr.events.length, 10);
});

data_test(
  "replay of the Binance futures sample runs end to end with the maker",
  BINANCE,
  async () => {
    const dir = await Deno.makeTempDir();
    Deno.env.set("MMSOAK_CACHE_DIR", dir);
    try {
      const cfg = {
        market: { kind: "replay" as const, data: data_path(BINANCE) },
        window_s: 120,
        start_ms: 0,
        symbols: [],
        params: {},
      };
      const a = await run_session(cfg, 1);
      const b = await run_session(cfg, 1); // from the cache
      assertEquals(JSON.stringify(a.summary), JSON.stringify(b.summary));
      // Printable as JSON: no NaN or Infinity anywhere.
      stable_stringify(a.summary);
      const s = a.summary as Record<string, number>;
      assert(s.orders! > 100, `orders ${s.orders}`);
      assert(s.p95_latency_ms! > 0);
      assertEquals((await load_recording(data_path(BINANCE))).gaps, 0);
      // A carried position (soak iterations over a replay): its P&L uses the first known mid.
      const carried = await run_session(cfg, 1, { prices: {}, positions: { BTCUSDT: 0.05 } });
      stable_stringify(carried.summary);
    } finally {
      Deno.env.delete("MMSOAK_CACHE_DIR");
      await Deno.remove(dir, { recursive: true });
    }
  },
);
