import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { rotate_iter_summaries } from "../../lib/soak/rotate.ts";
import { gunzip } from "../../lib/artifacts/gzip.ts";
import { read_trend_rows } from "../../lib/soak/read_rows.ts";
import { mock_run, run_cmd, temp_dir } from "./_helpers.ts";

Deno.test("rotation keeps the newest N by iteration number and gzips the rest losslessly", async () => {
  const d = await temp_dir();
  // 150 files as in seed 003's test; numeric order matters (10 sorts after 9).
  for (let n = 1; n <= 150; n++) {
    await Deno.writeTextFile(
      `${d}/ITER_SUMMARY_${n}.json`,
      JSON.stringify({ iteration: n, pad: "x".repeat(200) }),
    );
  }
  const r = await rotate_iter_summaries(d, 100);
  assertEquals([r.kept, r.compressed.length], [100, 50]);
  const names = new Set(Array.from(Deno.readDirSync(d), (e) => e.name));
  assert(names.has("ITER_SUMMARY_150.json") && names.has("ITER_SUMMARY_51.json"));
  assert(names.has("ITER_SUMMARY_50.json.gz") && !names.has("ITER_SUMMARY_50.json"));
  const back = new TextDecoder().decode(
    await gunzip(await Deno.readFile(`${d}/ITER_SUMMARY_7.json.gz`)),
  );
  assertEquals(JSON.parse(back).iteration, 7);
  assert(r.bytes_after < r.bytes_before);
  // Idempotent: a second pass has nothing to do.
  assertEquals((await rotate_iter_summaries(d, 100)).compressed.length, 0);
  await Deno.remove(d, { recursive: true });
});

Deno.test("soak --keep rotates at the end; the trend rows still read the gz files", async () => {
  const d = await temp_dir();
  const r = await mock_run(d, { iterations: 6, keep: 2 });
  assertEquals(
    r.rotation!.compressed.map((c) => c.file),
    [1, 2, 3, 4].map((n) => `ITER_SUMMARY_${n}.json`),
  );
  assertEquals((await read_trend_rows(d, 6)).map((x) => x.iteration), [1, 2, 3, 4, 5, 6]);
  // A finished run rotated down to nothing still resumes (to its end) from the .gz summaries.
  const e = await temp_dir();
  await mock_run(e, { iterations: 3, keep: 0 });
  const again = await mock_run(e, { iterations: 3, keep: 0, resume: true });
  assertEquals([again.resumed_from, again.rows.length], [3, 3]);
  await Deno.remove(e, { recursive: true });
  await Deno.remove(d, { recursive: true });
});

Deno.test("mmsoak rotate: report, --json, and exit 2 on a missing directory", async () => {
  const d = await temp_dir();
  await mock_run(d, { iterations: 4 });
  const j = await run_cmd("rotate.ts", ["--path", d, "--keep", "1", "--json"]);
  assertEquals(j.code, 0, j.stderr);
  const doc = JSON.parse(j.stdout);
  assertEquals([doc.kept, doc.compressed.length], [1, 3]);
  const missing = await run_cmd("rotate.ts", ["--path", `${d}/nope`]);
  assertEquals(missing.code, 2);
  assertEquals(missing.stderr.trim().split("\n").length, 1);
  const bad = await run_cmd("rotate.ts", ["--keep", "-1"]);
  assertEquals(bad.code, 2);
  await Deno.remove(d, { recursive: true });
});
