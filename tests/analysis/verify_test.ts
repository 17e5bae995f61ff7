/**
 * verify-deltas by value: converged runs give ratio 1.0, tampering with the overrides between
 * iterations (or after the last one) gives a fail naming the key, guard skips are partial_ok,
 * and a fast-check property compares the verdict with a direct oracle of clamp(old + delta).
 * @module
 */
import fc from "fast-check";
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { load_soak_dir } from "../../lib/analysis/load.ts";
import { verify_deltas } from "../../lib/analysis/verify.ts";
import { param_spec, PARAMS } from "../../lib/tuning/registry.ts";
import type { IterRecord } from "../../lib/analysis/iter_record.ts";
import type { SoakDir } from "../../lib/analysis/load.ts";
import { write_soak_dir } from "./_soak_dir.ts";
import { record, soak_dir } from "./_records.ts";

const tmp = () => Deno.makeTempDir({ prefix: "mmsoak_verify_" });

/** Rewrite iteration n's applied flag and skip_reason in its ITER_SUMMARY and TUNING_REPORT entry. */
async function set_decision(dir: string, n: number, applied: boolean, skip_reason: string) {
  const p = join(dir, `ITER_SUMMARY_${n}.json`);
  const doc = JSON.parse(await Deno.readTextFile(p));
  Object.assign(doc.tuning, { applied, skip_reason });
  await Deno.writeTextFile(p, JSON.stringify(doc));
  const rp = join(dir, "TUNING_REPORT.json");
  const rep = JSON.parse(await Deno.readTextFile(rp));
  Object.assign(rep.iterations[n - 1], { applied, skip_reason });
  await Deno.writeTextFile(rp, JSON.stringify(rep));
}

Deno.test("verify: every applied delta took effect → ratio 1.0, all full_apply", async () => {
  const r = verify_deltas(await load_soak_dir(await write_soak_dir(await tmp())));
  assertEquals(r.format, "mmsoak");
  assertEquals(r.metrics.full_apply_ratio, 1);
  assertEquals(r.metrics.proposed_count, 6);
  assertEquals(r.metrics.full_apply_count, 6);
  assertEquals(r.verdict, "PASS");
  // Iteration 6's proposal is observed at 7; the values are clamp(old + delta), not old + delta.
  const six = r.proposals.find((p) => p.iteration === 6)!;
  const impact = six.checks.find((c) => c.param === "impact_cap_ratio")!;
  assertEquals([impact.old, impact.expected, impact.observed], [0.05, 0.04, 0.04]);
});

Deno.test("verify: overrides tampered between iterations → fail naming the key, ratio < 1", async () => {
  const dir = await write_soak_dir(await tmp(), {
    tamper: (n, o) => {
      if (n === 2) o.min_interval_ms = 97;
    },
  });
  const r = verify_deltas(await load_soak_dir(dir), { strict: true });
  assert(r.metrics.full_apply_ratio < 1);
  assertEquals(r.metrics.fail_count, 1);
  const bad = r.proposals.find((p) => p.outcome === "fail")!;
  assertEquals(bad.iteration, 2);
  assertStringIncludes(bad.reason, "min_interval_ms: expected 70, observed 97");
  assertEquals(r.verdict, "FAIL");
});

Deno.test("verify: the last apply is checked against runtime_overrides.json", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 5 });
  // Iteration 5 is the last: its proposal is skipped (late_iteration); 4's is observed at 5.
  let r = verify_deltas(await load_soak_dir(dir));
  assertEquals(r.proposals.map((p) => [p.iteration, p.outcome]), [
    [1, "full_apply"],
    [2, "full_apply"],
    [3, "full_apply"],
    [4, "full_apply"],
    [5, "partial_ok"],
  ]);
  assertStringIncludes(r.proposals[4]!.reason, "late_iteration");
  // A 3-iteration run whose last proposal was applied (no late guard) reads runtime_overrides.json.
  const d2 = await write_soak_dir(await tmp(), { iterations: 3 });
  await set_decision(d2, 3, true, "");
  r = verify_deltas(await load_soak_dir(d2));
  const last = r.proposals.find((p) => p.iteration === 3)!;
  assertEquals([last.observed_at, last.outcome], ["final", "fail"]);
  assertStringIncludes(last.reason, "min_interval_ms: expected 75, observed 70");
});

Deno.test("verify: guard skips are partial_ok with their reason; a gap is unverifiable", async () => {
  const dir = await write_soak_dir(await tmp(), { skip: { 2: "cooldown", 3: "velocity" } });
  await Deno.remove(join(dir, "ITER_SUMMARY_5.json"));
  const rep = JSON.parse(await Deno.readTextFile(join(dir, "TUNING_REPORT.json")));
  const r = verify_deltas(await load_soak_dir(dir));
  assertEquals(
    r.proposals.find((p) => p.iteration === 2)!.reason,
    "skipped: cooldown (cooldown guard)",
  );
  assertEquals(r.proposals.find((p) => p.iteration === 3)!.outcome, "partial_ok");
  const four = r.proposals.find((p) => p.iteration === 4)!;
  assertEquals([four.outcome, four.reason], ["unverifiable", "ITER_SUMMARY_5.json missing"]);
  assertEquals(r.metrics.unverifiable_count, 1);
  assert(rep.iterations.length === 24);
});

Deno.test("verify: ITER_SUMMARY vs TUNING_REPORT disagreement is reported", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 4 });
  const rep = JSON.parse(await Deno.readTextFile(join(dir, "TUNING_REPORT.json")));
  rep.iterations[1].applied = false;
  await Deno.writeTextFile(join(dir, "TUNING_REPORT.json"), JSON.stringify(rep));
  const r = verify_deltas(await load_soak_dir(dir));
  assertEquals(r.inconsistencies, [{
    iteration: 2,
    field: "applied",
    iter_summary: "true",
    tuning_report: "false",
  }]);
});

/** A minimal loaded dir of two iterations for the property test. */
function two_iterations(
  old: Record<string, number>,
  delta: Record<string, number>,
  observed: Record<string, number>,
): SoakDir {
  const rec = (n: number, overrides: Record<string, number>, applied: boolean): IterRecord => ({
    ...record(n, {}, { applied, proposed: applied ? delta : {}, state_hash: "b", old_hash: "a" }),
    overrides,
  });
  return soak_dir([rec(1, old, true), rec(2, observed, false)]);
}

Deno.test("verify: property — full_apply iff every observed value equals clamp(old + delta), rounded", () => {
  const names = PARAMS.map((p) => p.name);
  fc.assert(
    fc.property(
      fc.subarray(names, { minLength: 1 }),
      fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: -1, max: 7 }),
      (keys, deltas, olds, tamper) => {
        const old: Record<string, number> = {};
        const delta: Record<string, number> = {};
        const observed: Record<string, number> = {};
        keys.forEach((k, i) => {
          const s = param_spec(k)!;
          old[k] = olds[i]!;
          delta[k] = deltas[i]! * (s.max - s.min) / 50;
          // Oracle, written independently of next_value: clamp, then round to the decimals.
          const f = 10 ** s.decimals;
          observed[k] = Math.round(Math.min(s.max, Math.max(s.min, old[k]! + delta[k]!)) * f) / f;
        });
        const tampered = tamper >= 0 && tamper < keys.length ? keys[tamper]! : null;
        if (tampered) observed[tampered] = observed[tampered]! + 1;
        const r = verify_deltas(two_iterations(old, delta, observed));
        assertEquals(r.proposals[0]!.outcome, tampered ? "fail" : "full_apply");
        assertEquals(r.metrics.full_apply_ratio, tampered ? 0 : 1);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("verify: a freeze that drops keys from an applied proposal is partial_ok (dropped keys unchanged)", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 4 });
  const p3 = join(dir, "ITER_SUMMARY_3.json");
  const p4 = join(dir, "ITER_SUMMARY_4.json");
  const [d3, d4] = [
    JSON.parse(await Deno.readTextFile(p3)),
    JSON.parse(await Deno.readTextFile(p4)),
  ];
  d3.tuning.proposed_deltas = { min_interval_ms: 5 };
  d3.tuning.partial_skip = {
    freeze: true,
    reason: "freeze",
    note: "frozen: impact_cap_ratio",
    dropped: { impact_cap_ratio: "freeze" },
  };
  d4.runtime_overrides.impact_cap_ratio = d3.runtime_overrides.impact_cap_ratio;
  await Deno.writeTextFile(p3, JSON.stringify(d3));
  await Deno.writeTextFile(p4, JSON.stringify(d4));
  let r = verify_deltas(await load_soak_dir(dir));
  const three = r.proposals.find((p) => p.iteration === 3)!;
  assertEquals([three.outcome, three.reason], [
    "partial_ok",
    "partial: freeze (frozen: impact_cap_ratio) dropped impact_cap_ratio",
  ]);
  // The dropped key moved anyway: that is a failure, not a partial apply.
  d4.runtime_overrides.impact_cap_ratio = 0.05;
  await Deno.writeTextFile(p4, JSON.stringify(d4));
  r = verify_deltas(await load_soak_dir(dir));
  assertEquals(r.proposals.find((p) => p.iteration === 3)!.outcome, "fail");
});

Deno.test("verify: a string skip_reason (the original's no_runtime_path) is a reason, not a crash", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 4 });
  await set_decision(dir, 2, false, "no_runtime_path");
  const r = verify_deltas(await load_soak_dir(dir));
  const two = r.proposals.find((p) => p.iteration === 2)!;
  assertEquals([two.outcome, two.reason], ["partial_ok", "skipped: no_runtime_path"]);
});
