import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { phase_of, warmup_values } from "../../lib/soak/warmup.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { mock_run, temp_dir } from "./_helpers.ts";

Deno.test("phases: WARMUP 1-4, RAMPDOWN 5-6, STEADY from 7", () => {
  assertEquals([1, 4, 5, 6, 7, 30].map(phase_of), [
    "WARMUP",
    "WARMUP",
    "RAMPDOWN",
    "RAMPDOWN",
    "STEADY",
    "STEADY",
  ]);
});

Deno.test("warm-up values: preset once on the tuned values, linear ramp-down, no compounding", () => {
  const base = param_defaults();
  const w = [1, 2, 3, 4].map((n) => warmup_values(base, n));
  for (const v of w) assertEquals(v, w[0]); // the original compounded to 137.5 ms (SPEC §10.1 item 16)
  assertEquals(w[0]!.min_interval_ms, 85);
  assertEquals(w[0]!.replace_rate_per_min, 225);
  assertEquals(w[0]!.impact_cap_ratio, 0.085);
  assertEquals(warmup_values(base, 5).min_interval_ms, 85);
  assertEquals(warmup_values(base, 6).min_interval_ms, 73); // halfway back, rounded
  assertEquals(warmup_values(base, 7), base);
  assertEquals(base, param_defaults()); // the input is never modified
});

Deno.test("a --warmup mock run records the phase, softens warm-up FAILs and never feeds them back", async () => {
  const d = await temp_dir();
  await mock_run(d, { warmup: true, iterations: 8 });
  const doc = async (n: number) =>
    JSON.parse(await Deno.readTextFile(`${d}/ITER_SUMMARY_${n}.json`));
  const phases = await Promise.all([1, 4, 5, 6, 7].map(async (n) => (await doc(n)).summary.phase));
  assertEquals(phases, ["WARMUP", "WARMUP", "RAMPDOWN", "RAMPDOWN", "STEADY"]);
  const i1 = await doc(1), i2 = await doc(2);
  assertEquals(i1.summary.verdict, "WARN"); // net −1.5 is a FAIL outside warm-up
  assertEquals(i1.effective_overrides.min_interval_ms, i1.runtime_overrides.min_interval_ms + 25);
  // The next iteration's tuned values are iteration 1's plus its applied deltas only.
  for (const [k, v] of Object.entries(i2.runtime_overrides as Record<string, number>)) {
    const dlt = (i1.tuning.applied_deltas as Record<string, number>)[k] ?? 0;
    assert(Math.abs(v - i1.runtime_overrides[k] - dlt) < 1e-9, k);
  }
  assertEquals((await doc(7)).effective_overrides, (await doc(7)).runtime_overrides);
  // Micro-steps through warm-up and ramp-down: ≤ 2 keys per apply, none two iterations running.
  let before: string[] = [];
  for (let n = 1; n <= 8; n++) {
    const t = (await doc(n)).tuning;
    assertEquals(t.micro_steps_active, n <= 6, `iteration ${n}`);
    if (n > 6) continue;
    assert(t.changed_keys.length <= 2, `iteration ${n}: ${t.changed_keys}`);
    for (const k of t.changed_keys) assert(!before.includes(k), `iteration ${n}: ${k} again`);
    before = t.changed_keys;
  }
  const first = (await doc(1)).tuning;
  assertEquals(Object.keys(first.suggested_deltas).length, 4);
  assertEquals(Object.keys(first.proposed_deltas).length, 2);
  assertEquals(first.partial_skip.reason, "micro_steps");
  await Deno.remove(d, { recursive: true });
});
