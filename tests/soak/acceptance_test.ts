/**
 * The soak issue's acceptance targets on the real engine (24 × 300 s, sim), through the command
 * (`--json`), two runs at a time. Numbers observed at merge time are in the soak closing note.
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { run_cmd, temp_dir } from "./_helpers.ts";

interface Doc {
  last8: {
    pass_count: number;
    freeze_iterations: number[];
    means: { p95_latency_ms: number };
  };
  counters: { applied: number; count: number };
}

async function sim(scenario: string, seed: number, auto_tune: boolean): Promise<Doc> {
  const d = await temp_dir();
  const flag = auto_tune ? "--auto-tune" : "--no-auto-tune";
  const r = await run_cmd("soak.ts", [
    "--scenario",
    scenario,
    "--seed",
    String(seed),
    flag,
    "--out",
    d,
    "--json",
  ]);
  await Deno.remove(d, { recursive: true });
  assertEquals(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

Deno.test("default scenario, seed 1, auto-tune: ≥ 6 of the last 8 pass and a freeze is seen", async () => {
  const r = await sim("default", 1, true);
  assert(r.last8.pass_count >= 6, `last-8 pass ${r.last8.pass_count}`);
  assert(r.last8.freeze_iterations.length > 0, "freeze seen");
  assertEquals(r.counters.count, 24);
});

// Net edge is not asserted: on the stressed sim it is mixed (better on 3 of 6 seeds, 4.10 vs
// 4.40 bps on average) — the latency buffer buys p95 ≤ 350 with fewer requests in flight.
Deno.test("stressed scenario, 3 seeds: auto-tune beats --no-auto-tune on last-8 pass count and p95", async () => {
  for (const seed of [1, 2, 3]) {
    const [at, no] = await Promise.all([sim("stressed", seed, true), sim("stressed", seed, false)]);
    const s = `seed ${seed}: AT ${JSON.stringify(at.last8)} NO ${JSON.stringify(no.last8)}`;
    assert(at.last8.pass_count > no.last8.pass_count, s);
    assert(at.last8.means.p95_latency_ms < no.last8.means.p95_latency_ms, s);
    assert(at.counters.applied > 0 && no.counters.applied === 0, s);
  }
});
