import { assertEquals } from "../../lib/deps/assert.ts";
import { recording_feed, window_offset_ms } from "../../lib/engine/replay_feed.ts";
import { EV_ASK, EV_BID, EV_TRADE_BUY, EventBuffer } from "../../lib/market/events.ts";

Deno.test("replay windows: whole windows of the recording, wrapping", () => {
  // 345 s recording, 60 s windows: 5 whole windows, then back to the start
  assertEquals([0, 1, 4, 5, 6].map((i) => window_offset_ms(345_000, 60_000, i)), [
    0,
    60_000,
    240_000,
    0,
    60_000,
  ]);
  // a window longer than the recording: always the start
  assertEquals(window_offset_ms(345_000, 600_000, 3), 0);
});

Deno.test("replay windows: window i starts at its offset with the earlier book already applied", () => {
  const ev = new EventBuffer();
  ev.push(0, EV_BID, 100, 1); // the book before every window
  ev.push(0, EV_ASK, 101, 1);
  for (let t = 1000; t <= 10_000; t += 1000) ev.push(t, EV_TRADE_BUY, 101, 0.1);
  const rec = { symbol: "X", tick: 1, lot: 0.1, format: "test", gaps: 0, events: ev.freeze() };
  const feed = recording_feed(rec, 3000, 2); // windows [0,3), [3,6), [6,9): the third
  assertEquals(feed.start_ms, 6000);
  const first = new EventBuffer();
  feed.symbols[0]!.step(0, first);
  // step 0 carries the book and everything before 6.1 s: 2 levels + trades at 1..6 s
  assertEquals(first.length, 8);
  const later = new EventBuffer();
  for (let k = 1; k < feed.steps; k++) feed.symbols[0]!.step(k, later);
  assertEquals(Array.from(later.freeze().ts), [7000, 8000]);
});
