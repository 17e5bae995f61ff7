import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { mock_run, snapshot_dir, temp_dir } from "./_helpers.ts";
import { read_json } from "../../lib/artifacts/read.ts";
import { IterSummary } from "../../lib/artifacts/iter_summary.ts";
import { TuningReportObject } from "../../lib/artifacts/tuning_report.ts";
import { TuningState } from "../../lib/artifacts/tuning_state.ts";
import { RuntimeOverrides } from "../../lib/artifacts/runtime_overrides.ts";
import { EdgeReport } from "../../lib/artifacts/edge_report.ts";

Deno.test("same inputs → byte-identical artifacts, in different directories", async () => {
  const a = await temp_dir(), b = await temp_dir();
  await mock_run(a);
  await mock_run(b, { warmup: false });
  const sa = await snapshot_dir(a), sb = await snapshot_dir(b);
  assertEquals(Object.keys(sa), Object.keys(sb));
  for (const k of Object.keys(sa)) assert(sa[k] === sb[k], `${k} differs`);
  assert("metrics.prom" in sa && "SOAK_CONFIG.json" in sa && "artifacts/KPI_GATE.json" in sa);
  // No wall clock and no output path in the artifacts.
  const all = Object.values(sa).join("\n");
  assert(!all.includes(a) && !all.includes(String(new Date().getUTCFullYear() + 0) + "-"));
  await Deno.remove(a, { recursive: true });
  await Deno.remove(b, { recursive: true });
});

Deno.test("a re-run over an old output directory replaces only the soak's own files", async () => {
  const d = await temp_dir();
  await Deno.writeTextFile(`${d}/notes.txt`, "keep me");
  await mock_run(d, { iterations: 6 });
  await mock_run(d, { iterations: 3 });
  const s = await snapshot_dir(d);
  assertEquals(s["notes.txt"], "keep me");
  assert(!("ITER_SUMMARY_4.json" in s) && "ITER_SUMMARY_3.json" in s);
  await Deno.remove(d, { recursive: true });
});

Deno.test("every artifact of a run validates against the published schemas", async () => {
  const d = await temp_dir();
  await mock_run(d, { iterations: 5 });
  for (let n = 1; n <= 5; n++) await read_json(`${d}/ITER_SUMMARY_${n}.json`, IterSummary);
  await read_json(`${d}/TUNING_REPORT.json`, TuningReportObject);
  await read_json(`${d}/TUNING_STATE.json`, TuningState);
  await read_json(`${d}/runtime_overrides.json`, RuntimeOverrides);
  await read_json(`${d}/artifacts/EDGE_REPORT.json`, EdgeReport);
  await Deno.remove(d, { recursive: true });
});
