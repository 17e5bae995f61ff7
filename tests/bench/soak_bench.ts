/**
 * Soak overhead outside the engine: one tuning decision (rules + guards + apply + hashes) and a
 * whole 24-iteration mock soak (which is all overhead: the mock market costs nothing).
 */
import { decide } from "../../lib/tuning/decide.ts";
import { render_overrides } from "../../lib/tuning/apply.ts";
import { propose } from "../../lib/tuning/rules.ts";
import { param_defaults } from "../../lib/tuning/registry.ts";
import { initial_guard_state } from "../../lib/tuning/state.ts";
import { profile_values } from "../../lib/soak/profiles.ts";
import { sha256_hex } from "../../lib/json/stable.ts";
import { mock_run } from "../soak/_helpers.ts";

const base = param_defaults();
const old_hash = await sha256_hex(render_overrides(base));
const panic_values = profile_values("steady_safe");
const summary = {
  net_bps: 3.1,
  risk_ratio: 0.45,
  adverse_bps_p95: 4,
  maker_taker_ratio: 0.7,
  p95_latency_ms: 340,
  verdict: "WARN",
};

Deno.bench("tuning decision: propose + guards + apply + hashes", async () => {
  await decide({
    n: 5,
    total: 24,
    t_ms: 1_500_000,
    summary,
    base,
    old_hash,
    bounds_violations: [],
    proposal: propose(summary, base),
    state: initial_guard_state(base),
    panic_values,
    auto_tune: true,
  });
});

Deno.bench("mock soak, 24 iterations with all artifacts (fsync'd writes)", async () => {
  const out = await Deno.makeTempDir();
  await mock_run(out);
  await Deno.remove(out, { recursive: true });
});
