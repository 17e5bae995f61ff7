/**
 * `--mock` against the original's generated fixtures (data/original/generated/mock24_default):
 * the inputs must match exactly; every place where the fixed tuning differs from the original's
 * outputs is asserted here, with the reason (SPEC §10.1 item numbers).
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { data_path, data_test } from "../_data.ts";
import { mock_edge_report } from "../../lib/soak/mock.ts";
import { mock_run, temp_dir } from "./_helpers.ts";
import { next_value, param_defaults, PARAMS } from "../../lib/tuning/registry.ts";
import { profile_values } from "../../lib/soak/profiles.ts";

const SET = "original/generated/mock24_default";
// deno-lint-ignore no-explicit-any
type Doc = Record<string, any>;

const read = (p: string): Promise<Doc> => Deno.readTextFile(p).then(JSON.parse);
const orig = (rel: string) => read(data_path(`${SET}/${rel}`));

let run_dir: Promise<string> | null = null;
/** One shared mock run for the comparison tests. */
function ours(): Promise<string> {
  run_dir ??= (async () => {
    const d = await temp_dir();
    await mock_run(d);
    return d;
  })();
  return run_dir;
}
const mine = async (rel: string) => read(`${await ours()}/${rel}`);

data_test("mock generator reproduces all 24 EDGE_REPORT inputs exactly", SET, async () => {
  for (let n = 1; n <= 24; n++) {
    assertEquals(
      mock_edge_report(n - 1),
      await orig(`inputs/EDGE_REPORT_iter${n}.json`),
      `iter ${n}`,
    );
  }
  assertEquals(
    await mine("artifacts/EDGE_REPORT.json"),
    await orig("inputs/EDGE_REPORT_iter24.json"),
  );
  assertEquals(param_defaults(), {
    ...param_defaults(),
    ...await orig("inputs/initial_runtime_overrides.json"),
  });
});

data_test(
  "summary KPIs equal the original's for every iteration (complete before tuning)",
  SET,
  async () => {
    // Same keys and values except the three documented below (runtime_utc, kpi_verdict, kpi_reasons).
    const differ = new Set(["runtime_utc", "kpi_verdict", "kpi_reasons"]);
    for (let n = 1; n <= 24; n++) {
      const o = (await orig(`run_output/soak/latest/ITER_SUMMARY_${n}.json`)).summary;
      const m = (await mine(`ITER_SUMMARY_${n}.json`)).summary;
      for (const k of Object.keys(o)) {
        if (!differ.has(k)) {
          assertEquals(m[k], o[k], `iter ${n} ${k}`);
        }
      }
    }
  },
);

data_test("difference: runtime_utc is market time, not the mock's constant", SET, async () => {
  assertEquals(
    (await orig("run_output/soak/latest/ITER_SUMMARY_3.json")).summary.runtime_utc,
    "2025-10-12T12:00:00Z",
  );
  // Market clock: start 12:00 + 3 × 300 s (the end of iteration 3); no wall clock anywhere.
  assertEquals((await mine("ITER_SUMMARY_3.json")).summary.runtime_utc, "2025-10-12T12:15:00.000Z");
});

data_test(
  "difference: KPI_GATE/kpi_verdict follow the DESIGN §3 verdict, not net ≥ 2.5 (item 18)",
  SET,
  async () => {
    const o = (await orig("run_output/soak/latest/ITER_SUMMARY_3.json")).summary;
    const m = (await mine("ITER_SUMMARY_3.json")).summary;
    assertEquals(o.kpi_verdict, "PASS"); // net 3.0 ≥ 2.5 although risk is 68 %
    assertEquals([m.verdict, m.kpi_verdict], ["FAIL", "FAIL"]);
    assertEquals(m.kpi_reasons, ["risk=68.00%>50.00%", "adverse_p95=3.10>3"]);
  },
);

data_test("difference: deltas are added, flat and nested agree (items 1, 2.4)", SET, async () => {
  const o = await orig("run_output/soak/runtime_overrides.json");
  assertEquals([o.min_interval_ms, o.engine.min_interval_ms], [60, 5]); // flat never moved; raw delta nested
  const m = await mine("runtime_overrides.json");
  for (const p of PARAMS) assertEquals(m[p.path[0]][p.path[1]], m[p.name]);
  // Iteration 1's deltas moved the values by exactly next_value, as verify-deltas checks.
  const i1 = await mine("ITER_SUMMARY_1.json"), i2 = await mine("ITER_SUMMARY_2.json");
  for (const [k, d] of Object.entries(i1.tuning.proposed_deltas as Record<string, number>)) {
    const spec = PARAMS.find((p) => p.name === k)!;
    assertEquals(i2.runtime_overrides[k], next_value(spec, i1.runtime_overrides[k], d));
  }
  assertEquals(i1.tuning.proposed_deltas.impact_cap_ratio, -0.01); // rounded, not -0.009999999999999995
});

data_test(
  "difference: iteration 2 applies again (additive) where the original saw a no-op",
  SET,
  async () => {
    const o = (await orig("run_output/soak/latest/ITER_SUMMARY_2.json")).tuning;
    assertEquals([o.applied, o.skip_reason.no_op], [false, true]);
    const m = (await mine("ITER_SUMMARY_2.json")).tuning;
    assertEquals(m.applied, true);
    assertEquals(m.applied_deltas, {
      base_spread_bps_delta: 0.02,
      impact_cap_ratio: -0.01,
      max_delta_ratio: -0.01,
      tail_age_ms: 30,
    });
  },
);

data_test(
  "difference: third FAIL in a row → panic revert to steady_safe (item 9)",
  SET,
  async () => {
    assertEquals((await orig("run_output/soak/latest/ITER_SUMMARY_3.json")).tuning.applied, true);
    const m = await mine("ITER_SUMMARY_3.json");
    assertEquals([m.tuning.panic_revert, m.tuning.skip_reason.reason], [true, "panic_revert"]);
    assertEquals(
      (await mine("ITER_SUMMARY_4.json")).runtime_overrides,
      profile_values("steady_safe"),
    );
  },
);

data_test(
  "difference: no count-based velocity block at 4-6; maker boost at 6 (items 2, 3, 8)",
  SET,
  async () => {
    for (const n of [4, 5, 6]) {
      assertEquals(
        (await orig(`run_output/soak/latest/ITER_SUMMARY_${n}.json`)).tuning.skip_reason.velocity,
        true,
      );
      assertEquals((await mine(`ITER_SUMMARY_${n}.json`)).tuning.velocity_violation, false);
    }
    // Original: STABLE (risk 38.9 % < 40 %, net 3.3 ≥ 3.0) voided the boost; here it fires on m/t 0.75.
    const m6 = (await mine("ITER_SUMMARY_6.json")).tuning;
    assertEquals(m6.applied, true);
    assertEquals(Object.keys(m6.applied_deltas).sort(), [
      "base_spread_bps",
      "min_interval_ms",
      "replace_rate_per_min",
    ]);
    // That apply is large (Σ|Δ|/range > 0.5): the cooldown guard skips 7 and 8.
    for (const n of [7, 8]) {
      assertEquals(
        (await mine(`ITER_SUMMARY_${n}.json`)).tuning.skip_reason.reason,
        "cooldown",
      );
    }
  },
);

data_test(
  "difference: freeze is entered and seen; the last iteration never applies (items 4, 5)",
  SET,
  async () => {
    for (let n = 1; n <= 24; n++) {
      assert(
        !(await orig(`run_output/soak/latest/ITER_SUMMARY_${n}.json`)).tuning.freeze_triggered,
      );
    }
    const m8 = (await mine("ITER_SUMMARY_8.json")).tuning;
    assertEquals([m8.freeze_triggered, m8.frozen_until_iter], [true, 11]);
    const m24 = (await mine("ITER_SUMMARY_24.json")).tuning;
    assertEquals([m24.late_iteration, m24.applied], [true, false]);
  },
);

data_test("difference: TUNING_REPORT counters are real (item 10)", SET, async () => {
  const o = (await orig("run_output/soak/latest/TUNING_REPORT.json")).summary;
  assertEquals(o, {
    applied: 2,
    blocked_oscillation: 0,
    blocked_velocity: 0,
    cooldown_skips: 0,
    count: 24,
  });
  const r = await mine("TUNING_REPORT.json");
  const count = (f: (e: Doc) => boolean) => r.iterations.filter(f).length;
  const reason = (g: string) => (e: Doc) =>
    typeof e.skip_reason === "object" && e.skip_reason.reason === g;
  assertEquals(r.summary.count, 24);
  assertEquals(r.summary.applied, count((e) => e.applied));
  assertEquals(r.summary.cooldown_skips, count(reason("cooldown")));
  assertEquals(r.summary.panic_reverts, count(reason("panic_revert")));
  assertEquals(r.summary.late_iteration_skips, count(reason("late_iteration")));
  assertEquals(r.summary.freeze_events, count((e) => e.freeze_triggered));
  assert(r.summary.freeze_events >= 1 && r.summary.cooldown_skips >= 2);
  await Deno.remove(await ours(), { recursive: true });
});

const WARM = "original/generated/mock24_warmup";

data_test(
  "difference: warm-up micro-steps decide the apply; ITER_SUMMARY and TUNING_REPORT agree (item 16)",
  WARM,
  async () => {
    const o = (rel: string) => read(data_path(`${WARM}/run_output/soak/latest/${rel}`));
    // The original applied all 4 keys at iteration 1, then rewrote only TUNING_REPORT.
    const o1 = (await o("ITER_SUMMARY_1.json")).tuning;
    const r1 = (await o("TUNING_REPORT.json")).iterations[0];
    assertEquals([o1.applied, o1.changed_keys.length], [true, 4]);
    assertEquals([r1.applied, r1.skip_reason], [false, "all_keys_on_cooldown"]);
    // And it ranked raw deltas: tail_age_ms (+30 ms) beat every ratio step at iteration 2.
    assert((await o("TUNING_REPORT.json")).iterations[1].changed_keys.includes("tail_age_ms"));

    const d = await temp_dir();
    await mock_run(d, { warmup: true });
    const doc = (rel: string) => read(`${d}/${rel}`);
    const report = (await doc("TUNING_REPORT.json")).iterations;
    for (let n = 1; n <= 24; n++) {
      const t = (await doc(`ITER_SUMMARY_${n}.json`)).tuning;
      const e = report[n - 1];
      assertEquals([e.applied, e.changed_keys], [t.applied, t.changed_keys], `iteration ${n}`);
      if (n <= 6) assert(t.changed_keys.length <= 2, `iteration ${n}`);
    }
    // Iteration 1 proposes the same 4 keys; the two largest steps relative to their ranges move.
    const m1 = (await doc("ITER_SUMMARY_1.json")).tuning;
    assertEquals(Object.keys(m1.suggested_deltas).sort(), Object.keys(o1.deltas).sort());
    assertEquals(m1.changed_keys.sort(), ["impact_cap_ratio", "max_delta_ratio"]);
    await Deno.remove(d, { recursive: true });
  },
);
