/**
 * mmsoak gate end to end on CONTRACT-shaped directories: PASS on a converged run, FAIL with the
 * right reasons on a failing one and on tampered overrides, --thresholds, --json, GitHub output.
 * @module
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as gate from "../../cmd/gate.ts";
import * as soak from "../../cmd/soak.ts";
import { run_cli } from "../analysis/_capture.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

const tmp = () => Deno.makeTempDir({ prefix: "mmsoak_gate_" });
const failing = (doc: { checks: { name: string; status: string }[] }) =>
  doc.checks.filter((c) => c.status === "FAIL").map((c) => c.name);

Deno.test("gate: converged run → PASS, exit 0, snapshot and delta report written", async () => {
  const dir = await write_soak_dir(await tmp());
  const out = await run_cli("gate", gate, ["--path", dir, "--json", "--strict", "--prometheus"]);
  assertEquals(out.code, 0, out.stderr);
  const doc = JSON.parse(out.stdout);
  assertEquals([doc.schema, doc.version, doc.verdict, doc.exit_code], [
    "mmsoak.gate",
    1,
    "PASS",
    0,
  ]);
  assertEquals(doc.delta.full_apply_ratio, 1);
  for (const f of ["POST_SOAK_SNAPSHOT.json", "DELTA_VERIFY_REPORT.md", "POST_SOAK_METRICS.prom"]) {
    assert((await Deno.stat(join(dir, f))).isFile, f);
  }
  assertStringIncludes(
    out.stderr,
    "delta.full_apply_ratio        >= 0.95 (strict)       1       PASS",
  );
});

Deno.test("gate: failing run → FAIL with pass count, freeze and stuck deltas as reasons", async () => {
  const dir = await write_soak_dir(await tmp(), { scenario: "failing" });
  const out = await run_cli("gate", gate, ["--path", dir, "--json"]);
  assertEquals(out.code, 1);
  const doc = JSON.parse(out.stdout);
  assertEquals(failing(doc), [
    "last8.pass_count",
    "freeze_seen",
    "freeze_ready",
    "delta.signature_stuck_count",
  ]);
  assertEquals(doc.snapshot.pass_count_last8, 0);
  assertStringIncludes(out.stderr, "FAIL: delta.signature_stuck_count = 13 (threshold <= 1)");
});

Deno.test("gate: overrides tampered between iterations → FAIL on delta quality (fail_count)", async () => {
  const dir = await write_soak_dir(await tmp(), {
    tamper: (n, o) => {
      if (n === 3) o.tail_age_ms = 999;
    },
  });
  const out = await run_cli("gate", gate, ["--path", dir, "--json"]);
  assertEquals(out.code, 1);
  assertEquals(failing(JSON.parse(out.stdout)), ["delta.full_apply_ratio", "delta.fail_count"]);
});

Deno.test("gate: --thresholds overrides a set; a bad file is exit 2 naming the field", async () => {
  const dir = await write_soak_dir(await tmp(), { scenario: "failing" });
  const t = join(await tmp(), "t.json");
  await Deno.writeTextFile(
    t,
    JSON.stringify({
      delta_quality: { max_signature_stuck: 20 },
      gate_verdict: { pass_requires_freeze: false },
    }),
  );
  const out = await run_cli("gate", gate, ["--path", dir, "--json", "--thresholds", t]);
  assertEquals(failing(JSON.parse(out.stdout)), ["last8.pass_count", "freeze_ready"]);
  await Deno.writeTextFile(t, JSON.stringify({ last8_pass: { max_p95_latency: 3 } }));
  const bad = await run_cli("gate", gate, ["--path", dir, "--thresholds", t]);
  assertEquals(bad.code, 2);
  assertMatch(
    bad.stderr,
    /^mmsoak gate: .*t\.json: last8_pass\.max_p95_latency: unknown threshold/,
  );
});

Deno.test("gate: in GitHub Actions, a step-summary table and capped annotations", async () => {
  const dir = await write_soak_dir(await tmp(), { scenario: "failing" });
  const summary = join(await tmp(), "summary.md");
  Deno.env.set("GITHUB_ACTIONS", "true");
  Deno.env.set("GITHUB_STEP_SUMMARY", summary);
  try {
    const out = await run_cli("gate", gate, ["--path", dir]);
    assertEquals(out.code, 1);
    const errors = out.stdout.split("\n").filter((l) =>
      l.startsWith("::error title=mmsoak gate::")
    );
    const warnings = out.stdout.split("\n").filter((l) =>
      l.startsWith("::warning title=mmsoak gate::")
    );
    assertEquals([errors.length, warnings.length], [4, 5]);
    const md = await Deno.readTextFile(summary);
    assertStringIncludes(md, "| Check | Threshold | Actual | Verdict |");
    assertStringIncludes(md, "| delta.signature_stuck_count | <= 1 | 13 | ❌ FAIL |");
  } finally {
    Deno.env.delete("GITHUB_ACTIONS");
    Deno.env.delete("GITHUB_STEP_SUMMARY");
  }
});

Deno.test("gate: usage errors are exit 2 with one line", async () => {
  const out = await run_cli("gate", gate, ["--bogus"]);
  assertEquals(out.code, 2);
  assertEquals(out.stderr, "mmsoak gate: Unknown flag --bogus (see mmsoak gate --help)");
  const missing = await run_cli("gate", gate, ["--path", "/nonexistent/soak"]);
  assertEquals([missing.code, missing.stderr], [
    2,
    "mmsoak gate: /nonexistent/soak: soak directory not found",
  ]);
});

Deno.test("gate: overrides edited after a skipped iteration → FAIL on unexpected changes", async () => {
  const dir = await write_soak_dir(await tmp(), {
    skip: { 3: "cooldown" },
    tamper: (n, o) => {
      if (n === 3) o.replace_rate_per_min = 200;
    },
  });
  const out = await run_cli("gate", gate, ["--path", dir, "--json"]);
  assertEquals(out.code, 1);
  const doc = JSON.parse(out.stdout);
  assertEquals(failing(doc), ["delta.unexpected_changes"]);
  assertEquals(doc.delta.full_apply_ratio, 1);
  const md = await Deno.readTextFile(join(dir, "DELTA_VERIFY_REPORT.md"));
  assertStringIncludes(md, "| 3 | 4 | replace_rate_per_min | 300 | 200 |");
});

Deno.test("gate: --compare accepts a snapshot mmsoak wrote itself (null trends included)", async () => {
  // A real (mock) soak: its snapshot has KPIs without values, whose trend is null.
  const base = await tmp();
  const soaked = await run_cli("soak", soak, ["--mock", "--iterations", "12", "--out", base]);
  assertEquals(soaked.code, 0, soaked.stderr);
  // the verdict of this short run does not matter: the gate writes its snapshot either way
  assert((await run_cli("gate", gate, ["--path", base])).code < 2);
  const snap = join(base, "POST_SOAK_SNAPSHOT.json");
  assertStringIncludes(await Deno.readTextFile(snap), '"trend":null');
  const dir = await write_soak_dir(await tmp());
  const out = await run_cli("gate", gate, ["--path", dir, "--compare", snap, "--json"]);
  assertEquals(out.code, 0, out.stderr);
  assert(JSON.parse(out.stdout).comparison, out.stdout);
});
