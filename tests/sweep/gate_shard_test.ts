import { assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { default_gate_thresholds } from "../../lib/analysis/thresholds_file.ts";
import { gate_shard } from "../../lib/sweep/gate_shard.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

/** Rewrite every JSON file under `dir` as a Windows editor would save it: CRLF and a UTF-8 BOM. */
async function to_windows(dir: string): Promise<void> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) await to_windows(p);
    else if (e.name.endsWith(".json")) {
      const text = await Deno.readTextFile(p);
      await Deno.writeTextFile(p, "\uFEFF" + text.replaceAll("\n", "\r\n"));
    }
  }
}

Deno.test("gate_shard: verdicts of converged, failing, missing and Windows-saved shards", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "mmsoak_shard_" });
  try {
    const t = default_gate_thresholds();
    const good = await write_soak_dir(join(tmp, "good"), { scenario: "converged" });
    const bad = await write_soak_dir(join(tmp, "bad"), { scenario: "failing" });
    const g = await gate_shard(good, t, false);
    const b = await gate_shard(bad, t, true);
    assertEquals([g.verdict, g.exit_code], ["PASS", 0]);
    assertEquals([b.verdict, b.exit_code], ["FAIL", 1]);
    const missing = await gate_shard(join(tmp, "nope"), t, false);
    assertEquals([missing.verdict, missing.exit_code, missing.reasons.length], [null, 2, 1]);

    // CRLF line ends and a BOM change nothing (shards made on Windows runners).
    await to_windows(good);
    await to_windows(bad);
    assertEquals(await gate_shard(good, t, false), g);
    assertEquals(await gate_shard(bad, t, true), b);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
