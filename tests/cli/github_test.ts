/**
 * GitHub Actions output: escaping, the cap of 10 annotations per level, the step summary file.
 * @module
 */
import { assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import {
  annotations,
  append_step_summary,
  escape_data,
  in_github_actions,
} from "../../lib/cli/github.ts";

Deno.test("github: annotations are escaped and capped at 10 per level", () => {
  const errs = Array.from({ length: 15 }, (_, i) => `e${i}`);
  const lines = annotations("mmsoak: gate", errs, ["50% off\nnext"]);
  assertEquals(lines.filter((l) => l.startsWith("::error ")).length, 10);
  assertEquals(lines[0], "::error title=mmsoak%3A gate::e0");
  assertEquals(lines[10], "::warning title=mmsoak%3A gate::50%25 off%0Anext");
  assertEquals(escape_data("a\r\nb"), "a%0D%0Ab");
});

Deno.test("github: detection and step summary append", async () => {
  assertEquals(in_github_actions(() => "true"), true);
  assertEquals(in_github_actions(() => undefined), false);
  const path = join(await Deno.makeTempDir(), "summary.md");
  const env = (k: string) => (k === "GITHUB_STEP_SUMMARY" ? path : undefined);
  append_step_summary("# one", env);
  append_step_summary("# two\n", env);
  assertEquals(await Deno.readTextFile(path), "# one\n# two\n");
  assertEquals(append_step_summary("x", () => undefined), false);
});
