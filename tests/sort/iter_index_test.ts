import fc from "fast-check";
import { assertEquals } from "../../lib/deps/assert.ts";
import {
  iter_index,
  iter_index_from_name,
  list_iter_summaries,
  sort_by_iteration,
} from "../../lib/sort/iter_index.ts";
import { join } from "../../lib/deps/path.ts";

Deno.test("iter index: from the file name, else the iteration field", () => {
  assertEquals(iter_index_from_name("ITER_SUMMARY_12.json"), 12);
  assertEquals(iter_index_from_name("/a/b/ITER_SUMMARY_007.json"), 7);
  assertEquals(iter_index_from_name("C:\\soak\\ITER_SUMMARY_3.json"), 3);
  assertEquals(iter_index_from_name("ITER_SUMMARY_x.json"), null);
  assertEquals(iter_index("summary.json", { iteration: 4 }), 4);
  assertEquals(iter_index("summary.json", { iteration: "4" }), null);
  assertEquals(iter_index("ITER_SUMMARY_9.json", { iteration: 4 }), 9);
});

Deno.test("iter index: numeric order 1,2,3,10,11 for any shuffle (property)", () => {
  const names = [1, 2, 3, 10, 11, 20, 100].map((n) => `ITER_SUMMARY_${n}.json`);
  fc.assert(
    fc.property(fc.shuffledSubarray(names, { minLength: names.length }), (shuffled) => {
      assertEquals(sort_by_iteration(shuffled), names);
    }),
  );
});

Deno.test("iter index: directory listing is numeric and skips other files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const n of [10, 2, 1, 11, 3]) {
      await Deno.writeTextFile(join(dir, `ITER_SUMMARY_${n}.json`), "{}");
    }
    await Deno.writeTextFile(join(dir, "TUNING_REPORT.json"), "{}");
    const got = await list_iter_summaries(dir);
    assertEquals(got.map((g) => g.n), [1, 2, 3, 10, 11]);
    assertEquals(got[0]!.path, join(dir, "ITER_SUMMARY_1.json"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
