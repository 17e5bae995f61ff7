import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { DISPATCHER, run_entry } from "./_run.ts";

Deno.test("mmsoak sweep: matrix file, GITHUB_OUTPUT line, and usage errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mmsoak_sweep_" });
  try {
    const gh = join(dir, "github_output");
    await Deno.writeTextFile(gh, "earlier=1\n");
    const file = join(dir, "matrix.json");
    const r = await run_entry(DISPATCHER, [
      "sweep",
      "--seeds",
      "1..2",
      "--scenarios",
      "calm,volatile",
      "--profiles",
      "steady_safe",
      "--iterations",
      "6",
      "--output",
      file,
      "--github-output",
    ], { GITHUB_OUTPUT: gh });
    assertEquals(r.code, 0, r.err);
    assertEquals(r.err, "mmsoak sweep: 4 shards\n");
    const matrix = JSON.parse(await Deno.readTextFile(file));
    assertEquals(
      matrix.include.map((s: { id: string }) => s.id),
      [
        "s1-calm-steady_safe",
        "s1-volatile-steady_safe",
        "s2-calm-steady_safe",
        "s2-volatile-steady_safe",
      ],
    );
    const lines = (await Deno.readTextFile(gh)).split("\n");
    assertEquals(lines[0], "earlier=1");
    assertEquals(JSON.parse(lines[1]!.replace(/^matrix=/, "")), matrix);

    const stdout = await run_entry(DISPATCHER, ["sweep", "--seeds", "3"]);
    assertEquals(
      JSON.parse(stdout.out).include[0].command,
      "soak --seed 3 --scenario default --iterations 24 --out artifacts/sweep/s3-default",
    );

    for (
      const bad of [["--seeds", "a"], ["--iterations", "0"], ["--scenarios", "x,x"], ["extra"]]
    ) {
      const e = await run_entry(DISPATCHER, ["sweep", ...bad]);
      assertEquals(e.code, 2, bad.join(" "));
      assertStringIncludes(e.err, "mmsoak sweep: ");
    }
    const no_env = await run_entry(DISPATCHER, ["sweep", "--github-output"], { GITHUB_OUTPUT: "" });
    assertEquals(no_env.code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
