/**
 * The soak-dir loader: numeric order, duplicate iteration numbers, missing files, the same
 * records with and without worker threads, the first error in iteration order whichever thread
 * found it, and the fast field checks against the zod schemas (everything zod rejects, the fast
 * path rejects, naming the same field).
 * @module
 */
import fc from "fast-check";
import { assert, assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { InputError } from "../../lib/cli/errors.ts";
import { validate } from "../../lib/artifacts/read.ts";
import { IterSummary } from "../../lib/artifacts/iter_summary.ts";
import { parse_iter_summary } from "../../lib/analysis/iter_record.ts";
import { load_soak_dir } from "../../lib/analysis/load.ts";
import { iter_number } from "../../lib/analysis/list_dir.ts";
import { data_path, data_test } from "../_data.ts";
import { write_soak_dir } from "./_soak_dir.ts";

const tmp = () => Deno.makeTempDir({ prefix: "mmsoak_load_" });

Deno.test("load: numeric order; duplicates and missing files are one InputError each", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 12 });
  const d = await load_soak_dir(dir);
  assertEquals(d.iters.map((r) => r.n), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  await Deno.copyFile(join(dir, "ITER_SUMMARY_7.json"), join(dir, "ITER_SUMMARY_007.json"));
  await assertRejects(
    () => load_soak_dir(dir),
    InputError,
    "ITER_SUMMARY_7.json: duplicate iteration 7 (also in ITER_SUMMARY_007.json)",
  );
  await Deno.remove(join(dir, "ITER_SUMMARY_007.json"));
  await Deno.remove(join(dir, "TUNING_REPORT.json"));
  await assertRejects(() => load_soak_dir(dir), InputError, "TUNING_REPORT.json: file not found");
  const empty = await tmp();
  await assertRejects(() => load_soak_dir(empty), InputError, "no ITER_SUMMARY_*.json files");
});

Deno.test("load: workers give the same records and report the first error in iteration order", async () => {
  const dir = await write_soak_dir(await tmp(), { iterations: 300 });
  const one = await load_soak_dir(dir, { workers: 0 });
  const missing = new URL('data:text/javascript,throw new Error("no worker")');
  const plans = [
    { workers: 2, parallel_min: 100, early: false },
    { workers: 2, parallel_min: 100, early: true },
    { workers: 1, parallel_min: 100, early: true },
    // The first worker lists, but there are too few files to share.
    { workers: 1, parallel_min: 1000, early: true },
    // Workers that cannot start leave their chunks (and the listing) to the main thread.
    { workers: 2, parallel_min: 100, early: true, worker_url: missing },
    { workers: 2, parallel_min: 100, early: false, worker_url: missing },
  ];
  for (const plan of plans) assertEquals((await load_soak_dir(dir, plan)).iters, one.iters);
  // Corrupt a file in each worker's chunk and one in the main chunk: the lowest number wins,
  // before any TUNING_REPORT.json error.
  for (const n of [290, 100, 200]) {
    await Deno.writeTextFile(join(dir, `ITER_SUMMARY_${n}.json`), "{");
  }
  await Deno.writeTextFile(join(dir, "TUNING_REPORT.json"), "[");
  for (const plan of [...plans, { workers: 0 }]) {
    const err = await assertRejects(() => load_soak_dir(dir, plan), InputError);
    assert(err.message.includes("ITER_SUMMARY_100.json: invalid JSON"), err.message);
  }
  // A listing error found by the listing worker is the same error, and comes first.
  await Deno.copyFile(join(dir, "ITER_SUMMARY_50.json"), join(dir, "ITER_SUMMARY_0050.json"));
  for (const plan of [...plans, { workers: 0 }]) {
    await assertRejects(
      () => load_soak_dir(dir, plan),
      InputError,
      "ITER_SUMMARY_50.json: duplicate iteration 50 (also in ITER_SUMMARY_0050.json)",
    );
  }
});

Deno.test("load: entry names match like /ITER_SUMMARY_(\\d+)\\.json$/ (lib/sort/iter_index.ts)", () => {
  const re = /ITER_SUMMARY_(\d+)\.json$/;
  const part = fc.constantFrom("ITER_SUMMARY_", ".json", "7", "012", "x", "_", ".", "ITER", "");
  fc.assert(
    fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
      const name = parts.join("");
      const m = re.exec(name);
      assertEquals(iter_number(name), m ? Number(m[1]) : null, name);
    }),
    { numRuns: 2000 },
  );
  assertEquals(iter_number("ITER_SUMMARY_ITER_SUMMARY_5.json"), 5);
  assertEquals(iter_number("a.ITER_SUMMARY_007.json"), 7);
  assertEquals(iter_number("ITER_SUMMARY_.json"), null);
});

function field_of(e: unknown): string | undefined {
  return e instanceof InputError ? e.field : undefined;
}

/** Paths of every leaf of a JSON value, for single-field corruptions. */
function leaves(v: unknown, prefix = ""): string[] {
  if (v === null || typeof v !== "object") return [prefix];
  const out: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    out.push(...leaves(x, Array.isArray(v) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

function set(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let o = doc as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
  o[parts[parts.length - 1]!] = value;
}

data_test(
  "fields: whatever zod rejects in an ITER_SUMMARY, the fast path rejects at the same field",
  "original/generated/mock24_default",
  async () => {
    const file = data_path(
      "original/generated/mock24_default/run_output/soak/latest/ITER_SUMMARY_1.json",
    );
    const mine = await write_soak_dir(await tmp(), { iterations: 2 });
    const bases = [
      JSON.parse(await Deno.readTextFile(file)),
      JSON.parse(await Deno.readTextFile(join(mine, "ITER_SUMMARY_1.json"))),
    ];
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.nat(),
        fc.constantFrom<unknown>("NaN", "x", true, false, null, [], {}, 1e400, -3, 0.5, [1], {
          a: 1,
        }),
        (b, i, value) => {
          const doc = structuredClone(bases[b]!);
          const paths = leaves(doc);
          const path = paths[i % paths.length]!;
          set(doc, path, value);
          const text = JSON.stringify(doc);
          let zod_err: unknown = null;
          let fast_err: unknown = null;
          try {
            validate(IterSummary, JSON.parse(text), "f");
          } catch (e) {
            zod_err = e;
          }
          try {
            parse_iter_summary(text, "f", 1);
          } catch (e) {
            fast_err = e;
          }
          if (zod_err) {
            rejected++;
            assert(
              fast_err instanceof InputError,
              `zod rejects ${path}=${JSON.stringify(value)}, fast path accepts`,
            );
            // zod names the parent of a failed union (summary.fills); the fast path may name the leaf.
            const z = field_of(zod_err)!;
            const f = field_of(fast_err)!;
            assert(
              f === z || f.startsWith(`${z}.`) || f.startsWith(`${z}[`),
              `${path}=${JSON.stringify(value)}: zod ${z}, fast ${f}`,
            );
          }
        },
      ),
      { numRuns: 1500 },
    );
    assert(rejected > 50, `the corpus exercises rejections (${rejected})`);
  },
);
