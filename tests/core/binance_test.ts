/**
 * Real data: rebuild the Binance USD-M BTCUSDT book from the REST snapshot and the diff-depth
 * stream (update-id order, gap detection) and compare the top of book with the recording's own
 * bookTicker stream at the same update ids.
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { Book } from "../../lib/core/mod.ts";
import { data_path, data_test } from "../_data.ts";
import { plan_diffs, read_binance_usdm } from "./_binance_fixture.ts";

const REL = "market/hftbacktest/usdm_btcusdt_20240808.gz";
const TICK = 0.1;

data_test(
  "binance usdm: rebuilt top of book matches bookTicker at the same update ids",
  REL,
  async () => {
    const rec = await read_binance_usdm(data_path(REL));
    const plan = plan_diffs(rec);
    assertEquals(plan.gaps, 0, "update-id chain of the recording");
    using book = new Book({ tick_size: TICK });
    const s = rec.snapshot.levels;
    assertEquals(book.apply_snapshot(s.side, s.price, s.qty), 0);
    // The ticker state at update id X is the last ticker with u ≤ X (one ticker per top change).
    const t = rec.tickers;
    const ti = [...t.u.keys()].sort((i, j) => t.u[i]! - t.u[j]!);
    const { u, start, end } = rec.diffs;
    let next = 0, compared = 0, matched = 0, crossed = 0;
    const tick = (p: number) => Math.round(p / TICK);
    for (const i of plan.order) {
      const a = start[i]!, b = end[i]!;
      const lv = rec.levels;
      assertEquals(
        book.apply(lv.side.subarray(a, b), lv.price.subarray(a, b), lv.qty.subarray(a, b)),
        0,
      );
      while (next < ti.length && t.u[ti[next]!]! <= u[i]!) next++;
      if (next === 0) continue; // no ticker yet at this update id
      const k = ti[next - 1]!;
      const top = book.top();
      compared++;
      if (top.crossed) crossed++;
      if (
        tick(top.bid) === tick(t.b[k]!) && tick(top.ask) === tick(t.a[k]!) &&
        Math.abs(top.bid_qty - t.B[k]!) < 1e-9 && Math.abs(top.ask_qty - t.A[k]!) < 1e-9
      ) matched++;
    }
    const rate = matched / compared;
    console.log(
      `binance usdm BTCUSDT: ${plan.order.length} diffs applied (${plan.stale} stale, ${plan.gaps} gaps), ` +
        `top of book = bookTicker (price and qty) at ${matched}/${compared} update ids = ${
          (rate * 100).toFixed(2)
        }%, ` +
        `crossed ${crossed}`,
    );
    assert(compared > 6000, `compared only ${compared} states`);
    assert(rate >= 0.99, `match rate ${rate}`);
  },
);

data_test("binance usdm: a dropped diff message is detected as a gap", REL, async () => {
  const rec = await read_binance_usdm(data_path(REL));
  const clean = plan_diffs(rec);
  const victim = clean.order[100]!;
  rec.diffs.pu[clean.order[101]!] = rec.diffs.u[victim]! - 1; // as if message 100 were lost
  const broken = plan_diffs(rec);
  assertEquals([broken.gaps, broken.synced_until], [1, 101]);
});
