/** Real data: Bybit v5 XRPUSDT ob500 snapshot + deltas through the WASM book. */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { Book } from "../../lib/core/mod.ts";
import { data_path, data_test } from "../_data.ts";
import { feed_bybit, read_bybit_ob } from "./_bybit_fixture.ts";

const REL = "market/nautilus/bybit_2024-12-01_XRPUSDT_ob500.jsonl.gz";

data_test("bybit v5: snapshot + deltas apply in sequence, book stays sane", REL, async () => {
  const msgs = await read_bybit_ob(data_path(REL));
  using book = new Book({ tick_size: 0.0001 });
  let max_levels = 0;
  const r = feed_bybit(book, msgs, () => {
    const t = book.top();
    assert(!t.crossed, `crossed book: ${t.bid} ≥ ${t.ask}`);
    // ob500 keeps 500 levels per side: deltas delete what leaves the top 500.
    max_levels = Math.max(max_levels, t.bid_levels, t.ask_levels);
  });
  assertEquals(r, { applied: msgs.length, gaps: 0, skipped: 0 });
  assertEquals(max_levels, 500);
  const t = book.top();
  console.log(
    `bybit XRPUSDT ob500: ${r.applied} messages, 0 gaps, final top ${t.bid}/${t.ask}, levels ${t.bid_levels}/${t.ask_levels}`,
  );
  // Levels are exact on the 0.0001 grid: the last delta's prices are readable back.
  const last = msgs[msgs.length - 1]!;
  for (let i = 0; i < last.side.length; i++) {
    assertEquals(book.qty_at(last.side[i] as 0 | 1, last.price[i]!), last.qty[i]);
  }
});

data_test(
  "bybit v5: a missing delta is a gap; deltas wait for the next snapshot",
  REL,
  async () => {
    const msgs = await read_bybit_ob(data_path(REL));
    using book = new Book({ tick_size: 0.0001 });
    const dropped = [...msgs.slice(0, 10), ...msgs.slice(11), msgs[0]!, ...msgs.slice(1, 5)];
    const r = feed_bybit(book, dropped);
    // Message 11 (u+2) breaks the chain; 38 more deltas wait; the repeated snapshot resyncs.
    assertEquals(r, { applied: 10 + 1 + 4, gaps: 1, skipped: msgs.length - 11 });
    using clean = new Book({ tick_size: 0.0001 });
    feed_bybit(clean, msgs.slice(0, 5));
    assertEquals(book.top(), clean.top());
  },
);
