/**
 * mmsoak audit-artifacts: the three files, --fail-on-hold, --html.
 * @module
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as audit from "../../cmd/audit_artifacts.ts";
import { run_cli } from "../analysis/_capture.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

Deno.test("audit-artifacts: writes CSV/JSON/MD (+HTML); HOLD exits 1 only with --fail-on-hold", async () => {
  const ok = await write_soak_dir(await Deno.makeTempDir());
  const out = await run_cli("audit-artifacts", audit, ["--base", ok, "--fail-on-hold", "--html"]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "READINESS: OK");
  const analysis = join(ok, "reports", "analysis");
  const summary = JSON.parse(
    await Deno.readTextFile(join(analysis, "POST_SOAK_AUDIT_SUMMARY.json")),
  );
  assertEquals([summary.iterations, summary.readiness.verdict, summary.pnl.violations], [
    24,
    "OK",
    [],
  ]);
  assertEquals(summary.pnl.checked, 24);
  assertEquals(
    (await Deno.readTextFile(join(analysis, "POST_SOAK_ITER_TABLE.csv"))).trimEnd().split("\n")
      .length,
    25,
  );
  assertStringIncludes(
    await Deno.readTextFile(join(analysis, "POST_SOAK_AUDIT_SUMMARY.md")),
    "**Verdict:** READINESS: OK",
  );
  assert((await Deno.stat(join(analysis, "POST_SOAK_REPORT.html"))).size > 5000);

  const bad = await write_soak_dir(await Deno.makeTempDir(), { scenario: "failing" });
  assertEquals((await run_cli("audit-artifacts", audit, ["--base", bad])).code, 0);
  const hold = await run_cli("audit-artifacts", audit, ["--base", bad, "--fail-on-hold"]);
  assertEquals(hold.code, 1);
  assertStringIncludes(hold.stdout, "READINESS: HOLD");
});
