/**
 * Engine speed: one 300 s sim session (default scenario, BTCUSDT; and BTCUSDT+ETHUSDT), and the
 * replay of the Binance futures sample (345 s of market time, normalised events from the cache)
 * with the maker, queue and latency models on. Replay speed = 345 s / the measured time.
 */
import { run_session, type SessionConfig } from "../../lib/engine/session.ts";
import { load_recording } from "../../lib/market/replay/load.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { data_path, has_data } from "../_data.ts";

const BINANCE = "market/hftbacktest/usdm_btcusdt_20240808.gz";

function sim(symbols: string[]): SessionConfig {
  return {
    market: { kind: "sim", scenario: "default" },
    window_s: 300,
    start_ms: Date.UTC(2026, 0, 1),
    symbols,
    params: param_defaults(),
  };
}

let seed = 0;
Deno.bench("sim session 300 s, default scenario, BTCUSDT", { group: "sim" }, async () => {
  await run_session(sim(["BTCUSDT"]), ++seed);
});

Deno.bench("sim session 300 s, default scenario, BTCUSDT+ETHUSDT", { group: "sim" }, async () => {
  await run_session(sim(["BTCUSDT", "ETHUSDT"]), ++seed);
});

if (has_data(BINANCE)) {
  const file = data_path(BINANCE);
  await load_recording(file); // normalise once into the cache (replays then read the cache)
  Deno.bench(
    "replay Binance futures sample (345 s) with the maker",
    { group: "replay" },
    async () => {
      await run_session({
        market: { kind: "replay", data: file },
        window_s: 400,
        start_ms: 0,
        symbols: [],
        params: param_defaults(),
      }, 1);
    },
  );
  Deno.bench("normalise the Binance futures sample (no cache)", { group: "replay" }, async () => {
    await load_recording(file, false);
  });
}
