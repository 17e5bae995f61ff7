import { z } from "zod";
import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { InputError } from "../../lib/cli/errors.ts";
import { read_json } from "../../lib/artifacts/read.ts";
import { IterSummary } from "../../lib/artifacts/iter_summary.ts";
import { TuningReport } from "../../lib/artifacts/tuning_report.ts";
import { PostSoakSnapshot } from "../../lib/artifacts/post_soak_snapshot.ts";
import { SmokeReport } from "../../lib/artifacts/smoke_report.ts";
import { EdgeReport } from "../../lib/artifacts/edge_report.ts";
import { RuntimeOverrides } from "../../lib/artifacts/runtime_overrides.ts";
import { data_path, data_test } from "../_data.ts";

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile) yield p;
  }
}

/** Which schema a file of data/original should satisfy, by name. */
function schema_for(path: string): [string, z.ZodType] | null {
  const name = path.split(/[\\/]/).pop()!;
  if (/^ITER_SUMMARY_\d+\.json$/.test(name)) return ["ITER_SUMMARY", IterSummary];
  if (name === "TUNING_REPORT.json") return ["TUNING_REPORT", TuningReport];
  if (name === "POST_SOAK_SNAPSHOT.json") return ["POST_SOAK_SNAPSHOT", PostSoakSnapshot];
  if (/^TESTNET_SMOKE_REPORT.*\.json$/.test(name) || /^EXEC_DEMO_.*\.json$/.test(name)) {
    return ["TESTNET_SMOKE_REPORT", SmokeReport];
  }
  if (/^EDGE_REPORT.*\.json$/.test(name)) return ["EDGE_REPORT", EdgeReport];
  if (/runtime_overrides\.json$/.test(name)) return ["runtime_overrides", RuntimeOverrides];
  return null;
}

data_test("artifacts: every original artifact in data/original parses", "original", async () => {
  const seen: Record<string, number> = {};
  for await (const path of walk(data_path("original"))) {
    const hit = schema_for(path);
    if (!hit) continue;
    await read_json(path, hit[1]);
    seen[hit[0]] = (seen[hit[0]] ?? 0) + 1;
  }
  // 24 + 24 + 3 summaries; 3 reports; 2 snapshots (1.1 golden, 1.2 release); 3 smoke reports
  assertEquals(seen.ITER_SUMMARY, 51);
  assertEquals(seen.TUNING_REPORT, 3);
  assertEquals(seen.POST_SOAK_SNAPSHOT, 2);
  assertEquals(seen.TESTNET_SMOKE_REPORT, 3);
  assert((seen.EDGE_REPORT ?? 0) >= 24);
  assert((seen.runtime_overrides ?? 0) >= 4);
});

async function with_file(text: string, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "ITER_SUMMARY_1.json");
  try {
    await Deno.writeTextFile(path, text);
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const GOOD = { iteration: 1, summary: { net_bps: 3.1 }, tuning: { applied: false } };

Deno.test("artifacts: a valid minimal ITER_SUMMARY parses and keeps unknown keys", async () => {
  await with_file(JSON.stringify({ ...GOOD, extra: 1 }), async (path) => {
    const got = await read_json(path, IterSummary);
    assertEquals(got.summary.net_bps, 3.1);
    assertEquals((got as Record<string, unknown>).extra, 1);
  });
});

const CORRUPT: [string, string, string][] = [
  ["truncated JSON", JSON.stringify(GOOD).slice(0, 30), "invalid JSON"],
  [
    "NaN literal",
    '{"iteration":1,"summary":{"net_bps":NaN},"tuning":{"applied":false}}',
    "invalid JSON",
  ],
  ["NaN string", JSON.stringify({ ...GOOD, summary: { net_bps: "NaN" } }), "summary.net_bps"],
  ["wrong type", JSON.stringify({ ...GOOD, tuning: { applied: "yes" } }), "tuning.applied"],
  ["missing field", JSON.stringify({ iteration: 1, summary: {} }), "tuning"],
  ["negative iteration", JSON.stringify({ ...GOOD, iteration: -1 }), "iteration"],
  ["array root", "[]", "(root)"],
  ["empty file", "", "invalid JSON"],
];

for (const [label, text, field] of CORRUPT) {
  Deno.test(`artifacts: ${label} is one InputError line naming the file and field`, async () => {
    await with_file(text, async (path) => {
      const e = await assertRejects(() => read_json(path, IterSummary), InputError);
      assertStringIncludes(e.message, path);
      assertStringIncludes(e.message, field);
      assertEquals(e.message.split("\n").length, 1);
    });
  });
}

Deno.test("artifacts: a missing file is an InputError naming it", async () => {
  const e = await assertRejects(
    () => read_json("/nonexistent/ITER_SUMMARY_1.json", IterSummary),
    InputError,
  );
  assertStringIncludes(e.message, "/nonexistent/ITER_SUMMARY_1.json: file not found");
});
