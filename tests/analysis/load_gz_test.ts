/**
 * Rotated soak directories (`soak --keep N`, `mmsoak rotate`): the ITER_SUMMARY_n.json.gz files
 * are read back, whatever the loader's plan, and every fault names the file.
 * @module
 */
import { assert, assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { InputError } from "../../lib/cli/errors.ts";
import { gzip } from "../../lib/artifacts/gzip.ts";
import { load_soak_dir } from "../../lib/analysis/load.ts";
import { rotate_iter_summaries } from "../../lib/soak/rotate.ts";
import { write_soak_dir } from "./_soak_dir.ts";
import { run_cmd } from "../soak/_helpers.ts";

const tmp = () => Deno.makeTempDir({ prefix: "mmsoak_load_gz_" });
const PLANS = [
  { workers: 0 },
  { workers: 2, parallel_min: 50, early: false },
  { workers: 1, parallel_min: 50, early: true },
];

async function rotated(iterations: number, keep: number): Promise<[string, string]> {
  const plain = await write_soak_dir(await tmp(), { iterations });
  const dir = await tmp();
  for await (const e of Deno.readDir(plain)) {
    if (e.isFile) await Deno.copyFile(join(plain, e.name), join(dir, e.name));
  }
  await rotate_iter_summaries(dir, keep);
  return [plain, dir];
}

Deno.test("load: rotated summaries count; the records equal the unrotated directory's", async () => {
  const [plain, dir] = await rotated(120, 8);
  const want = (await load_soak_dir(plain, { workers: 0 })).iters;
  assertEquals(want.length, 120);
  for (const plan of PLANS) assertEquals((await load_soak_dir(dir, plan)).iters, want);
  // Everything rotated (--keep 0).
  await rotate_iter_summaries(dir, 0);
  for (const plan of PLANS) assertEquals((await load_soak_dir(dir, plan)).iters, want);
});

Deno.test("load: a rotation killed between its two writes leaves both files; equal is fine", async () => {
  const [plain, dir] = await rotated(60, 8);
  const want = (await load_soak_dir(plain, { workers: 0 })).iters;
  await Deno.copyFile(join(plain, "ITER_SUMMARY_3.json"), join(dir, "ITER_SUMMARY_3.json"));
  for (const plan of PLANS) assertEquals((await load_soak_dir(dir, plan)).iters, want);
  const other = await Deno.readTextFile(join(plain, "ITER_SUMMARY_4.json"));
  await Deno.writeTextFile(
    join(dir, "ITER_SUMMARY_3.json"),
    other.replace('"iteration": 4', '"iteration": 3'),
  );
  for (const plan of PLANS) {
    await assertRejects(
      () => load_soak_dir(dir, plan),
      InputError,
      "ITER_SUMMARY_3.json.gz: differs from ITER_SUMMARY_3.json, which also exists",
    );
  }
});

Deno.test("load: a corrupt .gz, or bad JSON inside one, names the .gz; the lowest iteration wins", async () => {
  const [, dir] = await rotated(60, 8);
  const gz = (n: number) => join(dir, `ITER_SUMMARY_${n}.json.gz`);
  await Deno.writeFile(gz(20), new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
  for (const plan of PLANS) {
    await assertRejects(
      () => load_soak_dir(dir, plan),
      InputError,
      "ITER_SUMMARY_20.json.gz: not a valid gzip file",
    );
  }
  await Deno.writeFile(gz(9), await gzip(new TextEncoder().encode('{"iteration": 9')));
  for (const plan of PLANS) {
    await assertRejects(
      () => load_soak_dir(dir, plan),
      InputError,
      "ITER_SUMMARY_9.json.gz: invalid JSON",
    );
  }
  // A plain file below the broken .gz files comes first; above them, after.
  await Deno.writeTextFile(join(dir, "ITER_SUMMARY_55.json"), "{");
  for (const plan of PLANS) {
    await assertRejects(() => load_soak_dir(dir, plan), InputError, "ITER_SUMMARY_9.json.gz");
  }
  await Deno.rename(join(dir, "ITER_SUMMARY_55.json"), join(dir, "ITER_SUMMARY_5.json"));
  await Deno.remove(gz(5));
  for (const plan of PLANS) {
    await assertRejects(
      () => load_soak_dir(dir, plan),
      InputError,
      "ITER_SUMMARY_5.json: invalid JSON",
    );
  }
});

Deno.test("gate and audit on a soak rotated with --keep see every iteration", async () => {
  const out = await tmp();
  const soak = await run_cmd("soak.ts", [
    "--mock",
    "--iterations",
    "24",
    "--keep",
    "5",
    "--out",
    out,
  ]);
  assertEquals(soak.code, 0, soak.stderr);
  const gate = await run_cmd("gate.ts", ["--path", out, "--json"]);
  const doc = JSON.parse(gate.stdout);
  assertEquals((doc.snapshot ?? doc).iterations_total, 24);
  const audit = await run_cmd("audit_artifacts.ts", ["--base", out]);
  assert(audit.code <= 1, audit.stderr);
  const csv = await Deno.readTextFile(join(out, "reports/analysis/POST_SOAK_ITER_TABLE.csv"));
  assertEquals(csv.trim().split("\n").length, 1 + 24);
});
