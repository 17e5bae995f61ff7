/**
 * The soak on the real engine (sim): determinism, the apply chain by value, and resume after a
 * kill — on short runs (60 s windows) to keep the suite fast.
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { next_value, param_defaults, PARAMS } from "../../lib/tuning/registry.ts";
import { profile_values } from "../../lib/soak/profiles.ts";
import { mock_options, run_cmd, snapshot_dir, temp_dir } from "./_helpers.ts";
import { run_soak } from "../../lib/soak/loop.ts";
import { data_path, data_test } from "../_data.ts";
import { GUARD_COUNTERS } from "../../lib/tuning/decide.ts";

const SIM = ["--scenario", "stressed", "--window-s", "60", "--iterations", "10", "--seed", "3"];

Deno.test("sim soak: same seed → identical artifacts; kill + --resume → identical artifacts", async () => {
  const a = await temp_dir(), b = await temp_dir();
  const ra = await run_cmd("soak.ts", [...SIM, "--out", a]);
  assertEquals(ra.code, 0, ra.stderr);
  // Kill after the 4th iteration's TUNING_STATE (2 + 4·6 writes) plus two more writes.
  const killed = await run_cmd("soak.ts", [...SIM, "--out", b], { MMSOAK_KILL_AFTER_WRITES: "28" });
  assertEquals(killed.signal, "SIGKILL");
  const rb = await run_cmd("soak.ts", [...SIM, "--out", b, "--resume"]);
  assertEquals(rb.code, 0, rb.stderr);
  const sa = await snapshot_dir(a), sb = await snapshot_dir(b);
  assertEquals(Object.keys(sb), Object.keys(sa));
  for (const k of Object.keys(sa)) assert(sa[k] === sb[k], `${k} differs after resume`);
  // The engine's carry (prices, positions) is persisted for the resume.
  const state = JSON.parse(sa["TUNING_STATE.json"]!);
  assert(state.carry && "positions" in state.carry, "carry persisted");
  await Deno.remove(a, { recursive: true });
  await Deno.remove(b, { recursive: true });
});

Deno.test("sim soak: every iteration's overrides = previous + applied clamped deltas (or the panic profile)", async () => {
  const d = await temp_dir();
  const r = await run_soak(mock_options(d, {
    market: { kind: "sim", scenario: "stressed" },
    window_s: 60,
    iterations: 12,
    seed: 5,
  }));
  const docs = await Promise.all(
    Array.from(
      { length: 12 },
      (_, i) => Deno.readTextFile(`${d}/ITER_SUMMARY_${i + 1}.json`).then(JSON.parse),
    ),
  );
  let cur = param_defaults();
  let applied = 0;
  for (const doc of docs) {
    assertEquals(doc.runtime_overrides, cur, `iteration ${doc.iteration}`);
    const t = doc.tuning;
    if (t.panic_revert) cur = profile_values("steady_safe");
    else if (t.applied) {
      applied++;
      const next = { ...cur };
      for (const [k, v] of Object.entries(t.proposed_deltas as Record<string, number>)) {
        next[k] = next_value(PARAMS.find((p) => p.name === k)!, cur[k]!, v);
      }
      cur = next;
    }
  }
  assert(applied > 0, "the tuner applied something on the stressed market");
  // Every guard's counter in TUNING_REPORT.summary matches the entries that name it (full skips
  // by skip_reason.reason, key drops by partial_skip.dropped or skip_reason.dropped), and the entries match ITER_SUMMARY.
  const report = JSON.parse(await Deno.readTextFile(`${d}/TUNING_REPORT.json`));
  const seen = new Set<string>();
  for (const [g, c] of Object.entries(GUARD_COUNTERS)) {
    type Entry = {
      skip_reason?: { reason?: string; dropped?: object };
      partial_skip?: { dropped?: object };
    };
    const n = (report.iterations as Entry[]).filter((e) =>
      e.skip_reason?.reason === g ||
      Object.values(e.partial_skip?.dropped ?? e.skip_reason?.dropped ?? {}).includes(g)
    ).length;
    assertEquals(report.summary[c], n, c);
    if (n) {
      seen.add(g);
    }
  }
  assert(seen.size >= 3, `guards seen on this run: ${[...seen]}`);
  report.iterations.forEach((e: Record<string, unknown>, i: number) => {
    assertEquals(e.skip_reason, docs[i].tuning.skip_reason);
    assertEquals(e.applied, docs[i].tuning.applied);
  });
  const final = JSON.parse(await Deno.readTextFile(`${d}/runtime_overrides.json`));
  for (const p of PARAMS) assertEquals(final[p.name], cur[p.name]);
  assertEquals(r.final_overrides, cur);
  await Deno.remove(d, { recursive: true });
});

const REPLAY = "market/hftbacktest/spot_btcusdt_20240808.gz";
data_test(
  "replay soak: a real recording drives the iterations; artifacts are deterministic",
  REPLAY,
  async () => {
    const a = await temp_dir(), b = await temp_dir();
    const opts = {
      market: { kind: "replay" as const, data: data_path(REPLAY) },
      window_s: 60,
      iterations: 2,
    };
    const r = await run_soak(mock_options(a, opts));
    await run_soak(mock_options(b, opts));
    assertEquals(r.rows.length, 2);
    const s1 = JSON.parse(await Deno.readTextFile(`${a}/ITER_SUMMARY_1.json`)).summary;
    assert(typeof s1.net_bps === "number" && s1.orders > 0, JSON.stringify(s1));
    // the iterations walk through the recording: iteration 2 replays the next 60 s
    const s2 = JSON.parse(await Deno.readTextFile(`${a}/ITER_SUMMARY_2.json`)).summary;
    assertEquals(Date.parse(s2.runtime_utc) - Date.parse(s1.runtime_utc), 60_000);
    const sa = await snapshot_dir(a), sb = await snapshot_dir(b);
    for (const k of Object.keys(sa)) assert(sa[k] === sb[k], `${k} differs`);
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  },
);
