/**
 * mmsoak report: --out, and the gate verdict of the same thresholds in the page.
 * @module
 */
import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as report from "../../cmd/report.ts";
import { run_cli } from "../analysis/_capture.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

Deno.test("report: --out and --thresholds change the file and the verdict shown", async () => {
  const dir = await write_soak_dir(await Deno.makeTempDir(), { iterations: 10 });
  const out_file = join(await Deno.makeTempDir(), "r.html");
  const t = join(await Deno.makeTempDir(), "t.json");
  await Deno.writeTextFile(t, JSON.stringify({ last8_pass: { min_net_bps: 9 } }));
  const out = await run_cli("report", report, [
    "--path",
    dir,
    "--out",
    out_file,
    "--thresholds",
    t,
  ]);
  assertEquals([out.code, out.stdout], [0, `Report: ${out_file}`]);
  const html = await Deno.readTextFile(out_file);
  assertStringIncludes(html, '<span class="badge FAIL">FAIL</span>');
  assertStringIncludes(html, "pass &gt;= 9");
});
