/**
 * Acceptance of the scale-out path: a sweep of 4 shards run locally, merged by `mmsoak merge`,
 * gives the same verdict as gating the shards one by one with `mmsoak gate` and applying the
 * documented rule (worst verdict, highest exit code) — for all-pass, one-failing and one-missing
 * shard sets.
 */
import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { DISPATCHER, run_entry } from "./_run.ts";

interface Shard {
  id: string;
  out: string;
  command: string;
}

/** Gate each shard with `mmsoak gate --json`; the rule applied to what the gate said. */
async function one_by_one(cwd: string, shards: Shard[]) {
  const gates = await Promise.all(
    shards.map((s) => run_entry(DISPATCHER, ["gate", "--path", s.out, "--json"], {}, cwd)),
  );
  const verdicts = gates.map((g) => (g.code === 2 ? null : JSON.parse(g.out).verdict as string));
  const exit = Math.max(...gates.map((g) => g.code));
  const rank = (v: string | null) => (v === null ? 3 : ["PASS", "WARN", "FAIL"].indexOf(v));
  const worst = verdicts.reduce((a, b) => (rank(b) > rank(a) ? b : a), "PASS" as string | null);
  return { verdicts, exit, verdict: worst ?? "ERROR" };
}

async function merge(cwd: string) {
  const r = await run_entry(DISPATCHER, ["merge", "--matrix", "matrix.json", "--json"], {}, cwd);
  const doc = JSON.parse(r.out);
  return {
    code: r.code,
    verdict: doc.verdict as string,
    verdicts: doc.shards.map((s: { verdict: string | null }) => s.verdict),
    err: r.err,
  };
}

Deno.test("merge of a 4-shard sweep equals gating the shards one by one", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "mmsoak_merge_" });
  try {
    const sweep = await run_entry(
      DISPATCHER,
      [
        "sweep",
        "--seeds",
        "1..2",
        "--profiles",
        "steady_safe,ultra_safe",
        "--iterations",
        "24",
        "--soak-flags=--mock",
        "--output",
        "matrix.json",
      ],
      {},
      cwd,
    );
    assertEquals(sweep.code, 0, sweep.err);
    const shards: Shard[] = JSON.parse(await Deno.readTextFile(join(cwd, "matrix.json"))).include;
    assertEquals(shards.length, 4);
    const runs = await Promise.all(
      shards.map((s) => run_entry(DISPATCHER, s.command.split(" "), {}, cwd)),
    );
    for (const r of runs) assertEquals(r.code, 0, r.err);

    // 1. As produced: every shard converges.
    let expected = await one_by_one(cwd, shards);
    let merged = await merge(cwd);
    assertEquals([merged.verdict, merged.code], [expected.verdict, expected.exit]);
    assertEquals(merged.verdicts, expected.verdicts);
    assertEquals(merged.verdict, "PASS");

    // 2. Shard 3 re-run too short to pass the last-8 window: one FAIL fails the release.
    await Deno.remove(join(cwd, shards[2]!.out), { recursive: true });
    const short = shards[2]!.command.replace("--iterations 24", "--iterations 6").split(" ");
    assertEquals((await run_entry(DISPATCHER, short, {}, cwd)).code, 0);
    expected = await one_by_one(cwd, shards);
    merged = await merge(cwd);
    assertEquals([merged.verdict, merged.code], [expected.verdict, expected.exit]);
    assertEquals(merged.verdicts, expected.verdicts);
    assertEquals([merged.verdict, merged.code], ["FAIL", 1]);

    // 3. Shard 2 lost (its matrix job died): bad input, whatever the others say.
    await Deno.remove(join(cwd, shards[1]!.out), { recursive: true });
    expected = await one_by_one(cwd, shards);
    merged = await merge(cwd);
    assertEquals([merged.verdict, merged.code], [expected.verdict, expected.exit]);
    assertEquals([merged.verdict, merged.code], ["ERROR", 2]);
    assertStringIncludes(merged.err, "soak directory not found");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("mmsoak merge: usage errors and a bad matrix file are exit 2 with one line", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "mmsoak_merge_" });
  try {
    const none = await run_entry(DISPATCHER, ["merge"], {}, cwd);
    assertEquals(none.code, 2);
    assertStringIncludes(none.err, "Give --path DIR or --matrix FILE");
    await Deno.writeTextFile(join(cwd, "m.json"), '{"include": [{"id": "s1"}]}');
    const bad = await run_entry(DISPATCHER, ["merge", "--matrix", "m.json"], {}, cwd);
    assertEquals(bad.code, 2);
    assertEquals(bad.err.trim().split("\n").length, 1, bad.err);
    assertStringIncludes(bad.err, "m.json");
    assertStringIncludes(bad.err, "include[0].out");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
