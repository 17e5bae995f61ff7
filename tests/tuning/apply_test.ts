import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { InputError } from "../../lib/cli/errors.ts";
import {
  apply_deltas,
  check_bounds,
  overrides_document,
  params_from_object,
  render_overrides,
} from "../../lib/tuning/apply.ts";
import { next_value, param_defaults, PARAMS } from "../../lib/tuning/registry.ts";
import { params_without_limits } from "../../lib/tuning/limits.ts";

const base = param_defaults();

Deno.test("deltas are added, clamped and rounded through the registry (SPEC §10.1 item 1 fixed)", () => {
  const r = apply_deltas(base, { min_interval_ms: 5, impact_cap_ratio: -0.01, tail_age_ms: 1000 });
  assertEquals(r.next.min_interval_ms, 65);
  assertEquals(r.next.impact_cap_ratio, 0.09);
  assertEquals(r.next.tail_age_ms, 1000);
  assertEquals(r.applied_deltas, { min_interval_ms: 5, impact_cap_ratio: -0.01, tail_age_ms: 400 });
  assertEquals(r.changed_keys, ["min_interval_ms", "impact_cap_ratio", "tail_age_ms"]);
  const capped = apply_deltas({ ...base, min_interval_ms: 100 }, { min_interval_ms: 5 });
  assertEquals(capped.changed_keys, []);
  assertEquals(capped.clamped_to_zero, true);
});

Deno.test("property: every apply equals next_value per key and stays inside bounds", () => {
  const arb = fc.record(
    Object.fromEntries(
      PARAMS.map((
        p,
      ) => [p.name, fc.double({ min: -(p.max - p.min), max: p.max - p.min, noNaN: true })]),
    ),
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(arb, (deltas) => {
      const r = apply_deltas(base, deltas as Record<string, number>);
      for (const p of PARAMS) {
        const v = r.next[p.name]!;
        assert(v >= p.min && v <= p.max);
        const d = (deltas as Record<string, number>)[p.name];
        assertEquals(v, d === undefined ? base[p.name] : next_value(p, base[p.name]!, d));
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("runtime_overrides.json carries flat and nested views with identical values", () => {
  const doc = overrides_document(base) as Record<string, Record<string, number>>;
  for (const p of PARAMS) {
    assertEquals(doc[p.path[0]]![p.path[1]], doc[p.name] as unknown as number);
  }
  assertEquals(params_from_object(JSON.parse(render_overrides(base)), "x"), base);
  assert(render_overrides(base).endsWith("}\n"));
});

Deno.test("params_from_object: nested or flat keys, metadata ignored, bad values named", () => {
  assertEquals(params_from_object({ engine: { min_interval_ms: 70 }, description: "x" }, "f"), {
    min_interval_ms: 70,
  });
  const e = assertThrows(() => params_from_object({ min_interval_ms: "70" }, "f.json"), InputError);
  assertEquals(e.message, 'f.json: min_interval_ms: expected a finite number, got "70"');
  assertThrows(
    () => params_from_object({ min_interval_ms: 60, engine: { min_interval_ms: 5 } }, "f"),
    InputError,
    "disagree",
  );
  assertThrows(() => params_from_object([1], "f"), InputError, "expected a JSON object");
});

Deno.test("check_bounds flags out-of-range and unrounded values and clamps them", () => {
  const r = check_bounds({ ...base, min_interval_ms: 500, impact_cap_ratio: 0.1000001 });
  assertEquals(r.violations, [
    "min_interval_ms=500 outside [40, 100]",
    "impact_cap_ratio=0.1000001 not rounded to 6 decimals",
  ]);
  assertEquals(r.clamped.min_interval_ms, 100);
  assertEquals(r.clamped.impact_cap_ratio, 0.1);
  assertEquals(check_bounds(base).violations, []);
});

Deno.test("every registry parameter has a velocity limit", () => {
  assertEquals(params_without_limits(), []);
});
