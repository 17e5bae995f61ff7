import { assert, assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { InputError } from "../../lib/cli/errors.ts";
import { apply_preset, parse_preset, PRESETS, profile_values } from "../../lib/soak/profiles.ts";
import { param_defaults, PARAMS } from "../../lib/tuning/registry.ts";
import { check_bounds } from "../../lib/tuning/apply.ts";

Deno.test("steady_safe ships the SPEC §1.12 values", () => {
  const s = profile_values("steady_safe");
  assertEquals(
    [
      s.base_spread_bps_delta,
      s.impact_cap_ratio,
      s.max_delta_ratio,
      s.min_interval_ms,
      s.replace_rate_per_min,
      s.tail_age_ms,
    ],
    [0.15, 0.08, 0.15, 75, 250, 740],
  );
});

Deno.test("ultra_safe is at least as strict as steady_safe on every knob, stricter on some", () => {
  const s = profile_values("steady_safe"), u = profile_values("ultra_safe");
  // "Safer" direction per parameter: wider spread, slower requotes, fewer replaces/requests,
  // smaller impact and requote moves, longer order life.
  const up = ["base_spread_bps", "base_spread_bps_delta", "min_interval_ms", "tail_age_ms"];
  let stricter = 0;
  for (const p of PARAMS) {
    const ok = up.includes(p.name) ? u[p.name]! >= s[p.name]! : u[p.name]! <= s[p.name]!;
    assert(ok, `${p.name}: ultra ${u[p.name]} vs steady ${s[p.name]}`);
    if (u[p.name] !== s[p.name]) stricter++;
  }
  assert(stricter >= 5);
  assertEquals(u.min_interval_ms, 80);
});

Deno.test("profiles and presets stay inside the registry bounds", () => {
  for (const name of ["steady_safe", "ultra_safe"]) {
    assertEquals(check_bounds(profile_values(name)).violations, []);
  }
  for (const preset of Object.values(PRESETS)) {
    assertEquals(check_bounds(apply_preset(param_defaults(), preset)).violations, []);
  }
});

Deno.test("preset files: add/mul ops on registry parameters; unknown params skipped; bad ops rejected", () => {
  const p = parse_preset({
    changes: {
      quoting: { min_interval_ms: { op: "add", value: 15 } },
      taker_rescue: { rescue_max_ratio: { op: "mul", value: 0.85 } },
    },
  }, "p.json");
  assertEquals(p, { min_interval_ms: { op: "add", value: 15 } });
  assertEquals(apply_preset(param_defaults(), p).min_interval_ms, 75);
  assertThrows(
    () => parse_preset({ changes: { q: { min_interval_ms: { op: "set", value: 1 } } } }, "p.json"),
    InputError,
    "changes.q.min_interval_ms.op",
  );
  assertThrows(() => parse_preset({}, "p.json"), InputError, "changes");
});
