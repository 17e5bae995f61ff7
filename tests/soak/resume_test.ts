import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { ROOT, run_cmd, snapshot_dir, temp_dir } from "./_helpers.ts";
import { join } from "../../lib/deps/path.ts";

// 24 iterations write 2 + 6·24 + 1 = 147 files; these kill points hit the start, every position
// inside an iteration's commit order (EDGE_REPORT, KPI_GATE, ITER_SUMMARY, TUNING_REPORT,
// runtime_overrides, TUNING_STATE), mid-run iterations, and the end.
const KILL_POINTS = [1, 2, 3, 4, 5, 6, 7, 8, 77, 146];
const ARGS = ["--mock", "--warmup", "--iterations", "24"];

async function reference(): Promise<Record<string, string>> {
  const dir = await temp_dir();
  const r = await run_cmd("soak.ts", [...ARGS, "--out", dir]);
  assertEquals(r.code, 0, r.stderr);
  const snap = await snapshot_dir(dir);
  await Deno.remove(dir, { recursive: true });
  return snap;
}

function assert_same(got: Record<string, string>, want: Record<string, string>, label: string) {
  assertEquals(Object.keys(got), Object.keys(want), `${label}: file set`);
  for (const k of Object.keys(want)) assert(got[k] === want[k], `${label}: ${k} differs`);
}

Deno.test("SIGKILL after k atomic writes, then --resume: artifacts equal an uninterrupted run", async () => {
  const want = await reference();
  await Promise.all(KILL_POINTS.map(async (k) => {
    const dir = await temp_dir();
    const killed = await run_cmd("soak.ts", [...ARGS, "--out", dir], {
      MMSOAK_KILL_AFTER_WRITES: String(k),
    });
    assertEquals(killed.signal, "SIGKILL", `kill point ${k}`);
    const resumed = await run_cmd("soak.ts", [...ARGS, "--out", dir, "--resume"]);
    assertEquals(resumed.code, 0, `kill point ${k}: ${resumed.stderr}`);
    assert_same(await snapshot_dir(dir), want, `kill point ${k}`);
    await Deno.remove(dir, { recursive: true });
  }));
});

async function wait_for(path: string, timeout_ms: number): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeout_ms) {
    try {
      await Deno.stat(path);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  throw new Error(`${path} did not appear`);
}

Deno.test("timer-based SIGKILL at two moments, then --resume: same artifacts", async () => {
  const want = await reference();
  // Kill a real, running process (not at a write boundary): once the first iteration committed,
  // after 0 ms and 120 ms.
  for (const delay_ms of [0, 120]) {
    const dir = await temp_dir();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", join(ROOT, "cmd", "soak.ts"), ...ARGS, "--out", dir],
      cwd: ROOT,
      stdout: "null",
      stderr: "null",
    }).spawn();
    await wait_for(join(dir, "TUNING_STATE.json"), 20_000);
    await new Promise((r) => setTimeout(r, delay_ms));
    child.kill("SIGKILL");
    assertEquals((await child.status).signal, "SIGKILL");
    const before = JSON.parse(await Deno.readTextFile(join(dir, "TUNING_STATE.json")));
    assert(before.iteration < 24, `killed too late (iteration ${before.iteration})`);
    const resumed = await run_cmd("soak.ts", [...ARGS, "--out", dir, "--resume"]);
    assertEquals(resumed.code, 0, resumed.stderr);
    assert_same(await snapshot_dir(dir), want, `timer ${delay_ms} ms`);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--resume refuses a missing, foreign, corrupt or mismatched directory (exit 2, one line)", async () => {
  const dir = await temp_dir();
  const missing = await run_cmd("soak.ts", ["--mock", "--out", join(dir, "nope"), "--resume"]);
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, "resume directory not found");
  const foreign = await run_cmd("soak.ts", ["--mock", "--out", dir, "--resume"]);
  assertEquals(foreign.code, 2);
  assertStringIncludes(foreign.stderr, "SOAK_CONFIG.json missing");
  const ok = await run_cmd("soak.ts", ["--mock", "--iterations", "4", "--out", dir]);
  assertEquals(ok.code, 0, ok.stderr);
  const other = await run_cmd("soak.ts", ["--mock", "--iterations", "5", "--out", dir, "--resume"]);
  assertEquals(other.code, 2);
  assertStringIncludes(other.stderr, "run.iterations (stored 4, now 5)");
  await Deno.writeTextFile(join(dir, "TUNING_STATE.json"), '{"iteration": 2');
  const corrupt = await run_cmd("soak.ts", [
    "--mock",
    "--iterations",
    "4",
    "--out",
    dir,
    "--resume",
  ]);
  assertEquals(corrupt.code, 2);
  assertStringIncludes(corrupt.stderr, "TUNING_STATE.json: invalid JSON");
  for (const r of [missing, foreign, other, corrupt]) {
    assertEquals(r.stderr.trim().split("\n").length, 1);
  }
  await Deno.remove(dir, { recursive: true });
});
