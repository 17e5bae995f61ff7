/**
 * mmsoak verify-deltas: flags, exit codes, the --json document and the Markdown sharing one ratio.
 * @module
 */
import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as verify from "../../cmd/verify_deltas.ts";
import { run_cli } from "../analysis/_capture.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

Deno.test("verify-deltas: JSON, Markdown and exit code use the same ratio", async () => {
  const dir = await write_soak_dir(await Deno.makeTempDir(), {
    tamper: (n, o) => {
      if (n === 1) o.impact_cap_ratio = 0.11;
    },
  });
  const strict = await run_cli("verify-deltas", verify, ["--path", dir, "--strict", "--json"]);
  assertEquals(strict.code, 1);
  const doc = JSON.parse(strict.stdout);
  assertEquals([doc.schema, doc.full_apply_ratio, doc.fail_count, doc.verdict], [
    "mmsoak.verify_deltas",
    0.833,
    1,
    "FAIL",
  ]);
  const md = await Deno.readTextFile(join(dir, "DELTA_VERIFY_REPORT.md"));
  assertStringIncludes(md, "**Full apply ratio:** 0.833");
  assertStringIncludes(md, "| 1 | impact_cap_ratio | 0.1 | -0.01 | 0.09 | 0.11 |");
  assertStringIncludes(strict.stderr, "full_apply_ratio 0.833 (threshold >= 0.95, strict): FAIL");
  // Without --strict the same verdict is reported, exit 0 (soft), threshold 0.60 → PASS here.
  const soft = await run_cli("verify-deltas", verify, ["--path", dir]);
  assertEquals(soft.code, 0);
  assertStringIncludes(soft.stdout, "full_apply_ratio 0.833 (threshold >= 0.6): PASS");
  const custom = await run_cli("verify-deltas", verify, [
    "--path",
    dir,
    "--threshold",
    "0.9",
    "--strict",
  ]);
  assertEquals(custom.code, 1);
});

Deno.test("verify-deltas: bad flags and inputs are exit 2 with one line", async () => {
  const bad = await run_cli("verify-deltas", verify, ["--threshold", "1.5"]);
  assertEquals([bad.code, bad.stderr], [
    2,
    'mmsoak verify-deltas: Flag --threshold needs a number between 0 and 1, got "1.5" (see mmsoak verify-deltas --help)',
  ]);
  const dir = await write_soak_dir(await Deno.makeTempDir(), { iterations: 3 });
  await Deno.writeTextFile(
    join(dir, "ITER_SUMMARY_2.json"),
    '{"iteration": 2, "summary": {}, "tuning": {"applied": "yes"}}',
  );
  const out = await run_cli("verify-deltas", verify, ["--path", dir]);
  assertEquals(out.code, 2);
  assertStringIncludes(
    out.stderr,
    'ITER_SUMMARY_2.json: tuning.applied: expected a boolean, got string "yes"',
  );
});
