/**
 * The composite action's script, run with bash as the runner would (inputs as environment
 * variables), on fixture soak directories: one path gates, several paths merge, CRLF-separated
 * input lines work, and the verdict lands in $GITHUB_OUTPUT.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { dirname, from_module, join } from "../../lib/deps/path.ts";
import { parse_yaml } from "../../lib/deps/yaml.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";

const ROOT = from_module(import.meta.url, "..", "..");
const ACTION = join(ROOT, ".github", "actions", "mmsoak-gate", "action.yml");

function has_bash(): boolean {
  try {
    return new Deno.Command("bash", { args: ["-c", "true"] }).outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "mmsoak-gate action: one path, several paths (CRLF), strict, verdict output",
  // Linux/macOS only: on Windows "bash" may resolve to WSL instead of the runner's Git Bash.
  ignore: Deno.build.os === "windows" || !has_bash(),
  async fn() {
    const doc = parse_yaml(await Deno.readTextFile(ACTION)) as {
      runs: { steps: { id?: string; run?: string }[] };
    };
    const script = doc.runs.steps.find((s) => s.id === "gate")?.run;
    assert(script, "no gate step");
    const tmp = await Deno.makeTempDir({ prefix: "mmsoak_action_" });
    try {
      // Relative paths, as workflow authors write them (resolved against the job's directory).
      await write_soak_dir(join(tmp, "good"), { scenario: "converged" });
      await write_soak_dir(join(tmp, "bad"), { scenario: "failing" });
      const run = async (paths: string, strict: string) => {
        const out = join(tmp, `out_${crypto.randomUUID()}`);
        await Deno.writeTextFile(out, "");
        const r = await new Deno.Command("bash", {
          args: ["-e", "-c", script],
          cwd: tmp,
          env: {
            PATH: [dirname(Deno.execPath()), Deno.env.get("PATH") ?? ""].join(":"),
            NO_COLOR: "1",
            MMSOAK_PATHS: paths,
            MMSOAK_STRICT: strict,
            MMSOAK_THRESHOLDS: "",
            MMSOAK_ROOT: join(ROOT, ".github", "actions", "mmsoak-gate", "..", "..", ".."),
            GITHUB_OUTPUT: out,
          },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const text = new TextDecoder().decode(r.stdout);
        return { code: r.code, text, output: await Deno.readTextFile(out) };
      };
      const one = await run("good\n", "false");
      assertEquals(one.code, 0, one.text);
      assertEquals(one.output, "verdict=PASS\n");
      const both = await run(`good\r\n  \r\nbad\r\n`, "true");
      assertEquals(both.code, 1, both.text);
      assertEquals(both.output, "verdict=FAIL\n");
      assertStringIncludes(both.text, "Merged: FAIL");
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
