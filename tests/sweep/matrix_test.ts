import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import {
  actions_matrix,
  MAX_MATRIX_JOBS,
  parse_seed_list,
  sweep_shards,
  type SweepSpec,
} from "../../lib/sweep/matrix.ts";

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const spec_arb = fc.record({
  seeds: fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 5 }),
  scenarios: fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
  profiles: fc.oneof(
    fc.constant([null] as (string | null)[]),
    fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
  ),
  iterations: fc.integer({ min: 1, max: 500 }),
  out_root: fc.constantFrom("artifacts/sweep", "out", "a/b/c/"),
}) as fc.Arbitrary<SweepSpec>;

Deno.test("sweep: every seed × scenario × profile exactly once, unique ids and outputs (property)", () => {
  fc.assert(fc.property(spec_arb, (spec) => {
    const shards = sweep_shards(spec);
    assertEquals(shards.length, spec.seeds.length * spec.scenarios.length * spec.profiles.length);
    assertEquals(new Set(shards.map((s) => s.id)).size, shards.length);
    assertEquals(new Set(shards.map((s) => s.out)).size, shards.length);
    const combos = new Set(shards.map((s) => JSON.stringify([s.seed, s.scenario, s.profile])));
    for (const seed of spec.seeds) {
      for (const sc of spec.scenarios) {
        for (const p of spec.profiles) assert(combos.has(JSON.stringify([seed, sc, p])));
      }
    }
    const root = spec.out_root.replace(/\/+$/, "");
    for (const s of shards) {
      assertEquals(s.out, `${root}/${s.id}`);
      assertEquals(s.iterations, spec.iterations);
    }
  }));
});

Deno.test("sweep: shard command runs the soak with the shard's own flags", () => {
  const [s] = sweep_shards({
    seeds: [7],
    scenarios: ["volatile"],
    profiles: ["steady_safe"],
    iterations: 12,
    out_root: "artifacts\\sweep",
  });
  assertEquals(s!.id, "s7-volatile-steady_safe");
  assertEquals(s!.out, "artifacts/sweep/s7-volatile-steady_safe");
  assertEquals(
    s!.command,
    "soak --seed 7 --scenario volatile --profile steady_safe --iterations 12 " +
      "--out artifacts/sweep/s7-volatile-steady_safe",
  );
  const [mock] = sweep_shards({
    seeds: [1],
    scenarios: ["calm"],
    profiles: [null],
    iterations: 3,
    out_root: "o",
    soak_flags: ["--mock", "--window-s", "60"],
  });
  assertEquals(
    mock!.command,
    "soak --seed 1 --scenario calm --iterations 3 --out o/s1-calm --mock --window-s 60",
  );
  const m = actions_matrix([s!]);
  assertEquals(m.include[0], s);
});

Deno.test("sweep: rejects empty or duplicated lists, unsafe names and paths, oversize matrices", () => {
  const ok: SweepSpec = {
    seeds: [1],
    scenarios: ["default"],
    profiles: [null],
    iterations: 2,
    out_root: "o",
  };
  const bad: Partial<SweepSpec>[] = [
    { seeds: [] },
    { seeds: [1, 1] },
    { seeds: [-1] },
    { seeds: [1.5] },
    { scenarios: ["a b"] },
    { scenarios: ["$(rm)"] },
    { profiles: ["x;y"] },
    { iterations: 0 },
    { out_root: "../up" },
    { out_root: "/abs" },
    { out_root: "a b" },
    { soak_flags: ["--set", "a b"] },
    { soak_flags: ["$(x)"] },
    { seeds: Array.from({ length: 65 }, (_, i) => i), scenarios: ["a", "b", "c", "d"] },
  ];
  for (const b of bad) assertThrows(() => sweep_shards({ ...ok, ...b }), RangeError);
  assertEquals(
    sweep_shards({
      ...ok,
      seeds: Array.from({ length: 64 }, (_, i) => i),
      scenarios: ["a", "b", "c", "d"],
    })
      .length,
    MAX_MATRIX_JOBS,
  );
});

Deno.test("sweep: seed lists accept values and ranges", () => {
  assertEquals(parse_seed_list("1..4"), [1, 2, 3, 4]);
  assertEquals(parse_seed_list("3, 9,1..2"), [3, 9, 1, 2]);
  assertThrows(() => parse_seed_list("4..1"), RangeError);
  assertThrows(() => parse_seed_list("1..999"), RangeError);
  assertThrows(() => parse_seed_list("x"), RangeError);
});
