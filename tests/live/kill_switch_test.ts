import { assertRejects, assertThrows } from "../../lib/deps/assert.ts";
import { confirm_live_enable, LiveModeNotEnabledError } from "../../lib/live/kill_switch.ts";
import { run_smoke } from "../../lib/live/smoke_run.ts";

Deno.test("kill switch: only mainnet orders need MM_LIVE_ENABLE=1", () => {
  confirm_live_enable(false, false, undefined);
  confirm_live_enable(true, true, undefined);
  confirm_live_enable(true, false, "1");
  for (const v of [undefined, "0", "true", ""]) {
    assertThrows(() => confirm_live_enable(true, false, v), LiveModeNotEnabledError);
  }
});

Deno.test("library callers meet the kill switch too: mainnet run refused before any request", async () => {
  Deno.env.delete("MM_LIVE_ENABLE");
  await assertRejects(
    () =>
      run_smoke({
        exchange: "bybit",
        testnet: false,
        shadow: false,
        symbols: ["BTCUSDT"],
        iterations: 1,
        max_inventory_usd_per_symbol: 1,
        max_total_notional_usd: 1,
        edge_freeze_threshold_bps: 1,
        edge_source: "ramp",
        order_usd: 1,
        post_only_offset_bps: 1,
        min_qty_pad: 1,
        requote_bps: 1,
        recon_interval_s: 1,
        interval_ms: 0,
        out: "/nonexistent/never-written.json",
        seed: 1,
        obs: false,
        obs_port: 0,
        base_url: "http://127.0.0.1:1",
        timeout_ms: 100,
        rate_limit_per_s: 1,
        fees: { maker_fee_bps: 1, maker_rebate_bps: 2 },
      }),
    LiveModeNotEnabledError,
  );
});
