/**
 * End to end on mmsoak's own soak output (lib/soak): a real --mock soak passes the gate with
 * every applied delta verified by value; the same soak with runtime_overrides.json edited
 * between two iterations gives a verify-deltas ratio below 1 naming the key; a short sim run of
 * the default scenario is fully verifiable (every proposal judged by value).
 * @module
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { parse as parse_soak } from "../../cmd/soak.ts";
import { run_soak } from "../../lib/soak/loop.ts";
import * as gate from "../../cmd/gate.ts";
import { load_soak_dir } from "../../lib/analysis/load.ts";
import { verify_deltas } from "../../lib/analysis/verify.ts";
import { run_cli } from "./_capture.ts";

async function soak(
  args: string[],
  tamper?: (n: number, runtime_path: string) => Promise<void>,
): Promise<string> {
  const out = join(await Deno.makeTempDir({ prefix: "mmsoak_e2e_" }), "latest");
  const o = parse_soak([...args, "--out", out]);
  await run_soak({
    ...o,
    env: () => undefined,
    on_iteration: async (_line, n) => {
      await tamper?.(n, join(out, "runtime_overrides.json"));
    },
  });
  return out;
}

Deno.test("e2e: a real --mock soak → gate PASS (strict), every applied delta verified by value", async () => {
  const dir = await soak(["--mock", "--iterations", "24"]);
  const out = await run_cli("gate", gate, ["--path", dir, "--strict", "--json"]);
  assertEquals(out.code, 0, out.stderr);
  const doc = JSON.parse(out.stdout);
  assertEquals(doc.verdict, "PASS");
  assertEquals(doc.delta.format, "mmsoak");
  assertEquals([doc.delta.full_apply_ratio, doc.delta.fail_count, doc.delta.unverifiable_count], [
    1,
    0,
    0,
  ]);
  assert(doc.delta.full_apply_count > 0);
});

Deno.test("e2e: runtime_overrides.json edited between iterations → ratio < 1, the key named", async () => {
  const dir = await soak(["--mock", "--iterations", "12"], async (n, path) => {
    if (n !== 1) return;
    const o = JSON.parse(await Deno.readTextFile(path));
    o.tail_age_ms = 777;
    if (o.engine) o.engine.tail_age_ms = 777;
    await Deno.writeTextFile(path, JSON.stringify(o));
  });
  const r = verify_deltas(await load_soak_dir(dir));
  assert(r.metrics.full_apply_ratio < 1, JSON.stringify(r.metrics));
  const bad = r.proposals.filter((p) => p.outcome === "fail");
  assertEquals(bad.map((p) => p.iteration), [1]);
  assertStringIncludes(bad[0]!.reason, "tail_age_ms");
  assertStringIncludes(bad[0]!.reason, "observed 777");
});

Deno.test("e2e: a short sim run of the default scenario is verifiable by value", async () => {
  const dir = await soak(["--scenario", "default", "--iterations", "4", "--window-s", "60"]);
  const r = verify_deltas(await load_soak_dir(dir));
  assertEquals(r.format, "mmsoak");
  assertEquals([r.metrics.unverifiable_count, r.metrics.fail_count, r.metrics.full_apply_ratio], [
    0,
    0,
    1,
  ]);
});
