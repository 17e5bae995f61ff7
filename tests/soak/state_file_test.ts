import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { parse_state, state_document } from "../../lib/soak/state_file.ts";
import { initial_guard_state } from "../../lib/tuning/state.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { InputError } from "../../lib/cli/errors.ts";

const hist = { buckets: { "+Inf": 0 }, sum: 0, count: 0 };
const state = {
  iteration: 3,
  total_iterations: 24,
  config_hash: "a".repeat(64),
  runtime_hash: "b".repeat(64),
  overrides: param_defaults(),
  guard: { ...initial_guard_state(param_defaults()), last_changed: { tail_age_ms: 2 } },
  carry: { sessions: 2 },
  metrics: { latency: hist, risk: hist },
};

Deno.test("TUNING_STATE round-trips, the micro-steps memory included", () => {
  const doc = JSON.parse(JSON.stringify(state_document(state)));
  assertEquals(parse_state(doc, "TUNING_STATE.json"), state);
});

Deno.test("a TUNING_STATE written before the micro-steps guard resumes with nothing recent", () => {
  const doc = JSON.parse(JSON.stringify(state_document(state)));
  delete doc.last_changed;
  assertEquals(parse_state(doc, "TUNING_STATE.json").guard.last_changed, {});
  doc.last_changed = { tail_age_ms: "2" };
  assertThrows(() => parse_state(doc, "TUNING_STATE.json"), InputError, "last_changed");
});
