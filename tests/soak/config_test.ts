import { assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { InputError, UsageError } from "../../lib/cli/errors.ts";
import { env_name, resolve_params } from "../../lib/soak/config.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { temp_dir } from "./_helpers.ts";

const no_env = () => undefined;

Deno.test("precedence: defaults < profile < preset < overrides file < env JSON < MM_<PARAM> < --set", async () => {
  const dir = await temp_dir();
  const file = `${dir}/overrides.json`;
  await Deno.writeTextFile(
    file,
    JSON.stringify({
      engine: { tail_age_ms: 700, min_interval_ms: 61 },
      replace_rate_per_min: 290,
    }),
  );
  const env: Record<string, string> = {
    MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms": 62, "replace_rate_per_min": 280}',
    [env_name("min_interval_ms")]: "63",
  };
  const r = await resolve_params({
    profile: "steady_safe",
    preset: "maker_bias_uplift_v1",
    overrides_file: file,
    env: (k) => env[k],
    set: ["min_interval_ms=64"],
  });
  assertEquals(r.values.min_interval_ms, 64);
  assertEquals(r.sources.min_interval_ms, "cli:--set");
  assertEquals(r.values.replace_rate_per_min, 280);
  assertEquals(r.sources.replace_rate_per_min, "env:MM_RUNTIME_OVERRIDES_JSON");
  assertEquals(r.values.tail_age_ms, 700);
  assertEquals(r.sources.tail_age_ms, `file:${file}`);
  // Preset on top of the profile: steady_safe 0.15 + 0.01; 0.08 × 0.95.
  assertEquals(r.values.base_spread_bps_delta, 0.16);
  assertEquals(r.sources.base_spread_bps_delta, "preset:maker_bias_uplift_v1");
  assertEquals(r.values.impact_cap_ratio, 0.076);
  // Untouched keys keep their defaults, with the source saying so.
  assertEquals(r.values.concurrency_limit, param_defaults().concurrency_limit);
  assertEquals(r.sources.concurrency_limit, "default");
  // Profile beats defaults where nothing above it speaks.
  const p = await resolve_params({ profile: "steady_safe", env: no_env, set: [] });
  assertEquals([p.values.min_interval_ms, p.sources.min_interval_ms], [75, "profile:steady_safe"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bad input names the file/variable and field", async () => {
  const dir = await temp_dir();
  await Deno.writeTextFile(`${dir}/broken.json`, "{ nope");
  await Deno.writeTextFile(`${dir}/typed.json`, '{"tail_age_ms": "long"}');
  await assertRejects(
    () => resolve_params({ profile: `${dir}/broken.json`, env: no_env, set: [] }),
    InputError,
    "broken.json: invalid JSON",
  );
  await assertRejects(
    () => resolve_params({ overrides_file: `${dir}/typed.json`, env: no_env, set: [] }),
    InputError,
    "typed.json: tail_age_ms: expected a finite number",
  );
  await assertRejects(
    () => resolve_params({ overrides_file: `${dir}/absent.json`, env: no_env, set: [] }),
    InputError,
    "file not found",
  );
  await assertRejects(
    () =>
      resolve_params({ env: (k) => k === "MM_RUNTIME_OVERRIDES_JSON" ? "[1" : undefined, set: [] }),
    InputError,
    "env:MM_RUNTIME_OVERRIDES_JSON: invalid JSON",
  );
  await assertRejects(
    () => resolve_params({ env: (k) => k === "MM_TAIL_AGE_MS" ? "abc" : undefined, set: [] }),
    InputError,
    "MM_TAIL_AGE_MS",
  );
  await assertRejects(
    () => resolve_params({ env: no_env, set: ["nope=1"] }),
    UsageError,
    "unknown parameter nope",
  );
  await assertRejects(
    () => resolve_params({ profile: "nope", env: no_env, set: [] }),
    InputError,
    "unknown profile",
  );
  await assertRejects(
    () => resolve_params({ preset: "nope", env: no_env, set: [] }),
    InputError,
    "unknown preset",
  );
  await Deno.remove(dir, { recursive: true });
});
