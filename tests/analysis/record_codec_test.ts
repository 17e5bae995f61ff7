/**
 * Worker hand-over: records encoded to columns and decoded are equal to the originals, numbers
 * included (−0, integers beyond 32 bits, fractions, missing), skips with and without dropped keys.
 * @module
 */
import { assertEquals } from "../../lib/deps/assert.ts";
import { decode_records, encode_records } from "../../lib/analysis/record_codec.ts";
import { record } from "./_records.ts";

Deno.test("record codec: decode(encode(records)) equals the records", () => {
  const values = [-0, 0, 7, 2 ** 31, -(2 ** 40), 1e15, 0.5, -3.25, null];
  const records = values.map((v, i) =>
    record(i === 3 ? 2 ** 40 : i + 1, { net_bps: v, p95_latency_ms: v, risk_ratio: 0.3 }, {
      proposed: { min_interval_ms: 5, impact_cap_ratio: -0.005 },
      skip: i % 2 ? { reason: "velocity", note: "cap" } : null,
      partial_skip: i % 3 ? null : { reason: "freeze", note: "", dropped: ["impact_cap_ratio"] },
    })
  );
  // Registry parameters travel as numbers (−0 kept); other keys, like proposals, as JSON, where
  // −0 becomes 0 — which no output tells apart (JSON, Markdown and CSV all print 0).
  records[4]!.overrides = { min_interval_ms: -0, extra_key: 2.5 };
  assertEquals(decode_records(encode_records(records)), records);
});
