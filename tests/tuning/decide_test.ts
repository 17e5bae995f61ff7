import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { decide, type DecideInput, deltas_signature } from "../../lib/tuning/decide.ts";
import { render_overrides } from "../../lib/tuning/apply.ts";
import { sha256_hex } from "../../lib/json/stable.ts";
import { param_defaults, param_spec } from "../../lib/tuning/registry.ts";
import { initial_guard_state } from "../../lib/tuning/state.ts";
import { profile_values } from "../../lib/soak/profiles.ts";
import { SKIP_FLAGS } from "../../lib/artifacts/skip_flags.ts";

const T0 = Date.UTC(2025, 9, 12, 12);
const W = 300_000;
const base = param_defaults();

async function input(over: Partial<DecideInput> = {}): Promise<DecideInput> {
  const b = over.base ?? base;
  return {
    n: 5,
    total: 24,
    t_ms: T0 + 5 * W,
    summary: { risk_ratio: 0.5, net_bps: 3.0, verdict: "WARN" },
    base: b,
    old_hash: await sha256_hex(render_overrides(b)),
    bounds_violations: [],
    proposal: {
      deltas: { min_interval_ms: 5, impact_cap_ratio: -0.005 },
      rationale: "MODERATE",
      reasons: [],
      conditions: {},
    },
    state: initial_guard_state(b),
    panic_values: profile_values("steady_safe"),
    auto_tune: true,
    ...over,
  };
}

function skip(t: Record<string, unknown>): Record<string, unknown> {
  return t.skip_reason as Record<string, unknown>;
}

/** Exactly the named flag is true among the guard flags. */
function only_flag(t: Record<string, unknown>, name: string): void {
  const s = skip(t);
  assertEquals(SKIP_FLAGS.filter((f) => s[f] === true), [name]);
  assertEquals(s.reason, name);
}

Deno.test("apply adds clamped deltas and records the real change, hashes and signature", async () => {
  const inp = await input();
  const d = await decide(inp);
  assertEquals(d.tuning.applied, true);
  assertEquals(d.tuning.skip_reason, "");
  assertEquals(d.next.min_interval_ms, 65);
  assertEquals(d.next.impact_cap_ratio, 0.095);
  assertEquals(d.tuning.applied_deltas, { min_interval_ms: 5, impact_cap_ratio: -0.005 });
  assertEquals(d.tuning.state_hash, await sha256_hex(render_overrides(d.next)));
  assertEquals(d.tuning.old_hash, inp.old_hash);
  assertEquals(d.tuning.signature, await deltas_signature(inp.proposal.deltas));
  assertEquals(d.state.counters.applied, 1);
});

Deno.test("freeze: two consecutive stable iterations enter it and drop the frozen parameters", async () => {
  const stable = { risk_ratio: 0.30, net_bps: 3.5, verdict: "OK" };
  const first = await decide(await input({ n: 7, summary: stable }));
  assertEquals(first.tuning.freeze_triggered, false);
  const second = await decide(await input({ n: 8, summary: stable, state: first.state }));
  assertEquals(second.tuning.freeze_triggered, true);
  assertEquals(second.tuning.freeze_active, true);
  assertEquals(second.state.frozen_until_iter, 11);
  assertEquals(second.state.counters.freeze_events, 1);
  // impact_cap_ratio dropped, min_interval applied: a partial apply with the freeze recorded.
  assertEquals(second.tuning.applied, true);
  assertEquals(second.tuning.proposed_deltas, { min_interval_ms: 5 });
  const partial = second.tuning.partial_skip as Record<string, unknown>;
  assertEquals(partial.freeze, true);
  assertEquals(partial.dropped, { impact_cap_ratio: "freeze" });
  assertEquals(second.state.counters.blocked_freeze, 1);
  // Only frozen keys proposed → a full freeze skip.
  const only = await decide(
    await input({
      n: 9,
      summary: stable,
      state: second.state,
      proposal: { deltas: { impact_cap_ratio: 0.005 }, rationale: "", reasons: [], conditions: {} },
    }),
  );
  only_flag(only.tuning, "freeze");
  assertEquals(only.state.counters.blocked_freeze, 2);
  // Expired after 4 iterations (8..11).
  const later = await decide(
    await input({
      n: 12,
      summary: { risk_ratio: 0.5, net_bps: 3, verdict: "WARN" },
      state: { ...only.state, stable_streak: 0 },
    }),
  );
  assertEquals(later.tuning.freeze_active, false);
  assertEquals(later.tuning.applied, true);
});

Deno.test("oscillation: a move back to the value before the last change (A→B→A) is blocked", async () => {
  const s0 = initial_guard_state(base);
  const up = await decide(
    await input({
      proposal: {
        deltas: { impact_cap_ratio: -0.005 },
        rationale: "",
        reasons: [],
        conditions: {},
      },
      state: s0,
    }),
  );
  assertEquals(up.next.impact_cap_ratio, 0.095);
  const back = await decide(
    await input({
      n: 6,
      t_ms: T0 + 6 * W,
      base: up.next,
      proposal: { deltas: { impact_cap_ratio: 0.005 }, rationale: "", reasons: [], conditions: {} },
      state: up.state,
    }),
  );
  only_flag(back.tuning, "oscillation");
  assertEquals(back.tuning.oscillation_detected, true);
  assertEquals(back.state.counters.blocked_oscillation, 1);
});

Deno.test("velocity: movement per market hour is capped per parameter (min_interval 30 ms)", async () => {
  let st = initial_guard_state(base);
  let b = base;
  const reasons: unknown[] = [];
  for (let n = 1; n <= 8; n++) {
    const d = await decide(
      await input({
        n,
        t_ms: T0 + n * W,
        base: b,
        state: st,
        proposal: { deltas: { min_interval_ms: 5 }, rationale: "", reasons: [], conditions: {} },
      }),
    );
    reasons.push(d.tuning.applied ? "applied" : skip(d.tuning).reason);
    st = d.state;
    b = d.next;
  }
  // 6 × 5 ms = 30 ms within the hour; the 7th and 8th exceed it.
  assertEquals(reasons, [
    "applied",
    "applied",
    "applied",
    "applied",
    "applied",
    "applied",
    "velocity",
    "velocity",
  ]);
  assertEquals(st.counters.blocked_velocity, 2);
  // 12 iterations (1 h of market time) after the first apply, movement is allowed again.
  const d = await decide(
    await input({
      n: 14,
      t_ms: T0 + 14 * W,
      base: b,
      state: st,
      proposal: { deltas: { min_interval_ms: 5 }, rationale: "", reasons: [], conditions: {} },
    }),
  );
  assertEquals(d.tuning.applied, true);
});

Deno.test("cooldown: a large apply (Σ|Δ|/range > 0.5) skips the next 2 iterations", async () => {
  const big = { min_interval_ms: 25, replace_rate_per_min: -45, base_spread_bps: 0.015 };
  const d1 = await decide(
    await input({
      proposal: { deltas: big, rationale: "", reasons: [], conditions: {} },
    }),
  );
  assertEquals(d1.tuning.applied, true);
  assertEquals(d1.state.cooldown_until_iter, 7);
  for (const n of [6, 7]) {
    const d = await decide(await input({ n, base: d1.next, state: d1.state }));
    only_flag(d.tuning, "cooldown");
    assertEquals(d.tuning.cooldown_active, true);
  }
  const d8 = await decide(await input({ n: 8, base: d1.next, state: d1.state }));
  assertEquals(d8.tuning.applied, true);
});

Deno.test("late iteration: the last iteration never applies", async () => {
  const d = await decide(await input({ n: 24 }));
  only_flag(d.tuning, "late_iteration");
  assertEquals(d.tuning.late_iteration, true);
  assertEquals(d.next, base);
  assertEquals(d.tuning.state_hash, d.tuning.old_hash);
  assertEquals(d.state.counters.late_iteration_skips, 1);
});

Deno.test("idempotency: the same deltas on the state they were applied to are skipped", async () => {
  const inp = await input();
  const sig = await deltas_signature(inp.proposal.deltas);
  const st = {
    ...initial_guard_state(base),
    last_applied_signature: sig,
    last_applied_old_hash: inp.old_hash,
  };
  const d = await decide({ ...inp, state: st });
  only_flag(d.tuning, "idempotent");
  assertEquals(d.state.counters.idempotent_skips, 1);
  // Same deltas on another state: a legitimate further step.
  const other = await decide({ ...inp, state: { ...st, last_applied_old_hash: "0".repeat(64) } });
  assertEquals(other.tuning.applied, true);
});

Deno.test("bounds: out-of-range overrides are clamped and flagged; deltas stopped by a bound too", async () => {
  const d = await decide(
    await input({ bounds_violations: ["min_interval_ms=500 outside [40, 100]"] }),
  );
  only_flag(d.tuning, "bounds");
  assertEquals(d.tuning.bounds_violation, true);
  assertEquals(d.state.counters.bounds_rejections, 1);
  const at_max = { ...base, min_interval_ms: 100 };
  const d2 = await decide(
    await input({
      base: at_max,
      state: initial_guard_state(at_max),
      proposal: { deltas: { min_interval_ms: 5 }, rationale: "", reasons: [], conditions: {} },
    }),
  );
  only_flag(d2.tuning, "bounds");
});

Deno.test("no_op: zero deltas change nothing; no_deltas: an empty proposal", async () => {
  const d = await decide(
    await input({
      proposal: { deltas: { min_interval_ms: 0 }, rationale: "", reasons: [], conditions: {} },
    }),
  );
  only_flag(d.tuning, "no_op");
  assertEquals(d.state.counters.no_op_skips, 1);
  const e = await decide(
    await input({
      proposal: { deltas: {}, rationale: "", reasons: [], conditions: {} },
    }),
  );
  assertEquals(skip(e.tuning).reason, "no_deltas");
  assertEquals(e.state.counters.no_deltas_skips, 1);
});

Deno.test("panic revert: the third consecutive FAIL reverts to steady_safe and cools down", async () => {
  let st = initial_guard_state(base);
  let last;
  for (const n of [3, 4, 5]) {
    last = await decide(
      await input({ n, summary: { risk_ratio: 0.7, net_bps: 1, verdict: "FAIL" }, state: st }),
    );
    st = last.state;
  }
  only_flag(last!.tuning, "panic_revert");
  assertEquals(last!.tuning.panic_revert, true);
  assertEquals(last!.next, profile_values("steady_safe"));
  assertEquals(last!.next.min_interval_ms, 75);
  assertEquals(st.fail_streak, 0);
  assertEquals(st.cooldown_until_iter, 7);
  assertEquals(st.counters.panic_reverts, 1);
  assert(last!.tuning.state_hash !== last!.tuning.old_hash);
});

Deno.test("--no-auto-tune records the proposal and changes nothing", async () => {
  const d = await decide(await input({ auto_tune: false }));
  assertEquals(d.tuning.applied, false);
  assertEquals(skip(d.tuning).reason, "disabled");
  assertEquals(d.next, base);
  assertEquals(d.tuning.suggested_deltas, { min_interval_ms: 5, impact_cap_ratio: -0.005 });
});

Deno.test("micro-steps: in warm-up at most 2 keys move, the largest relative steps, none moved last iteration", async () => {
  const deltas = {
    tail_age_ms: 30, // 5 % of its range: compared raw, 30 would beat every other step
    base_spread_bps_delta: 0.05,
    impact_cap_ratio: -0.02,
    min_interval_ms: 5,
  };
  const proposal = { deltas, rationale: "", reasons: [], conditions: {} };
  const d = await decide(await input({ proposal, micro_steps: true }));
  assertEquals(d.tuning.applied, true);
  assertEquals(d.tuning.micro_steps_active, true);
  const moved = Object.keys(d.tuning.applied_deltas as Record<string, number>).sort();
  const rel = (k: keyof typeof deltas) => {
    const s = param_spec(k)!;
    return Math.abs(deltas[k]) / (s.max - s.min);
  };
  const by_size = (Object.keys(deltas) as (keyof typeof deltas)[]).sort((a, b) => rel(b) - rel(a));
  assertEquals(moved, by_size.slice(0, 2).sort());
  const ps = d.tuning.partial_skip as Record<string, unknown>;
  assertEquals(ps.reason, "micro_steps");
  assertEquals(Object.keys(ps.dropped as object).sort(), by_size.slice(2).sort());
  assertEquals(d.state.counters.blocked_micro_steps, 1);
  for (const k of moved) assertEquals(d.state.last_changed[k], 5);

  // Iteration 6: the keys moved at 5 rest; the other two may move now.
  const next = await decide({
    ...(await input({ proposal, micro_steps: true, base: d.next, state: d.state })),
    n: 6,
    t_ms: T0 + 6 * W,
  });
  assertEquals(
    Object.keys(next.tuning.applied_deltas as Record<string, number>).sort(),
    by_size.slice(2).sort(),
  );
  // Only keys that moved at 6 left to propose at 7: nothing applies, the guard says why.
  const only_recent = Object.fromEntries(by_size.slice(2).map((k) => [k, deltas[k]]));
  const seventh = await decide({
    ...(await input({
      proposal: { ...proposal, deltas: only_recent },
      micro_steps: true,
      base: next.next,
      state: next.state,
    })),
    n: 7,
    t_ms: T0 + 7 * W,
  });
  assertEquals(seventh.tuning.applied, false);
  only_flag(seventh.tuning, "micro_steps");
  // Outside warm-up the same proposal moves every key.
  const steady = await decide(await input({ proposal }));
  assertEquals(Object.keys(steady.tuning.applied_deltas as object).length, 4);
  assertEquals(steady.tuning.micro_steps_active, false);
});
