/**
 * mmsoak snapshot: stdout is the file's JSON, schema 1.2, --prometheus and --compare.
 * @module
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as snapshot from "../../cmd/snapshot.ts";
import { run_cli } from "../analysis/_capture.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

Deno.test("snapshot: writes schema 1.2, prints the same JSON, compares with a baseline", async () => {
  const dir = await write_soak_dir(await Deno.makeTempDir());
  const base = join(await Deno.makeTempDir(), "base.json");
  await Deno.writeTextFile(
    base,
    JSON.stringify({
      schema_version: "1.1",
      verdict: "WARN",
      pass_count_last8: 5,
      freeze_ready: false,
      kpi_last8: { net_bps: { mean: 3.0, median: 3.0 } },
    }),
  );
  const out = await run_cli("snapshot", snapshot, [
    "--path",
    dir,
    "--prometheus",
    "--compare",
    base,
  ]);
  assertEquals(out.code, 0, out.stderr);
  const doc = JSON.parse(out.stdout);
  assertEquals(JSON.parse(await Deno.readTextFile(join(dir, "POST_SOAK_SNAPSHOT.json"))), doc);
  assertEquals([doc.schema_version, doc.verdict, doc.iterations_total, doc.freeze_ready], [
    "1.2",
    "PASS",
    24,
    true,
  ]);
  for (const k of ["mean", "median", "min", "max", "trend"]) assert(k in doc.kpi_last8.net_bps, k);
  assertEquals(doc.tuning_summary.skip_reasons, { no_deltas: 18 });
  assertStringIncludes(out.stderr, "  net_bps.mean: 3 → 3.8 (+26.7%)");
  assertStringIncludes(out.stderr, "  verdict: WARN → PASS");
  assertStringIncludes(
    await Deno.readTextFile(join(dir, "POST_SOAK_METRICS.prom")),
    "# TYPE soak_freeze_ready gauge\nsoak_freeze_ready 1\n",
  );
});

Deno.test("snapshot: a corrupt baseline is exit 2 naming the field", async () => {
  const dir = await write_soak_dir(await Deno.makeTempDir(), { iterations: 3 });
  const base = join(await Deno.makeTempDir(), "base.json");
  await Deno.writeTextFile(base, JSON.stringify({ schema_version: "1.1", verdict: "MAYBE" }));
  const out = await run_cli("snapshot", snapshot, ["--path", dir, "--compare", base]);
  assertEquals(out.code, 2);
  assertStringIncludes(out.stderr, "base.json: verdict:");
});
