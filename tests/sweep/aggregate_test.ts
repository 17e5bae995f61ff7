import fc from "fast-check";
import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { merge_outcomes, type ShardOutcome, type Verdict } from "../../lib/sweep/aggregate.ts";

const outcome_arb: fc.Arbitrary<ShardOutcome> = fc.oneof(
  fc.record({
    path: fc.string(),
    verdict: fc.constantFrom<Verdict | null>("PASS", "WARN"),
    exit_code: fc.constant<number>(0),
    reasons: fc.constant<string[]>([]),
  }),
  fc.record({
    path: fc.string(),
    verdict: fc.constant<Verdict | null>("FAIL"),
    exit_code: fc.constant<number>(1),
    reasons: fc.array(fc.string(), { maxLength: 2 }),
  }),
  fc.record({
    path: fc.string(),
    verdict: fc.constant<Verdict | null>(null),
    exit_code: fc.constant<number>(2),
    reasons: fc.constant<string[]>(["missing"]),
  }),
);

/** Oracle: gate the shards one by one; the release goes out only if every shard would. */
function one_by_one(shards: ShardOutcome[]): { verdict: Verdict | null; exit: number } {
  if (shards.some((s) => s.exit_code === 2)) return { verdict: null, exit: 2 };
  if (shards.some((s) => s.verdict === "FAIL")) return { verdict: "FAIL", exit: 1 };
  if (shards.every((s) => s.verdict === "PASS")) return { verdict: "PASS", exit: 0 };
  return { verdict: "WARN", exit: 0 };
}

Deno.test("merge: equals gating every shard one by one (differential, property)", () => {
  fc.assert(fc.property(fc.array(outcome_arb, { minLength: 1, maxLength: 12 }), (shards) => {
    const m = merge_outcomes(shards);
    const o = one_by_one(shards);
    assertEquals([m.verdict, m.exit_code], [o.verdict, o.exit]);
    assertEquals(m.counts.PASS + m.counts.WARN + m.counts.FAIL + m.counts.ERROR, shards.length);
  }));
});

Deno.test("merge: order-independent and compositional (property)", () => {
  fc.assert(fc.property(
    fc.array(outcome_arb, { minLength: 2, maxLength: 10 }),
    fc.nat(),
    (shards, cut) => {
      const k = 1 + (cut % (shards.length - 1));
      const whole = merge_outcomes(shards);
      assertEquals(merge_outcomes([...shards].reverse()).verdict, whole.verdict);
      // Merging merged halves (as nested sweeps would) gives the same answer.
      const halves = [shards.slice(0, k), shards.slice(k)].map(merge_outcomes).map((h) => ({
        path: "",
        verdict: h.verdict,
        exit_code: h.exit_code,
        reasons: [],
      }));
      const nested = merge_outcomes(halves);
      assertEquals([nested.verdict, nested.exit_code], [whole.verdict, whole.exit_code]);
    },
  ));
});

Deno.test("merge: no shard is an error", () => {
  assertThrows(() => merge_outcomes([]), RangeError);
});
