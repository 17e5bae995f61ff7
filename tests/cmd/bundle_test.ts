/**
 * `deno task bundle` makes ONE JavaScript file that runs every command with plain `deno run`,
 * from any directory: each command's --help, and a real run of every command (gate on fixture
 * directories; engine and a sim soak on the embedded WebAssembly core).
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { write_soak_dir } from "../analysis/_soak_dir.ts";
import { DISPATCHER, run_entry } from "./_run.ts";
import { ROOT } from "../monitoring/_tools.ts";

const deno_json = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json")));
const COMMANDS = [
  ...Deno.readTextFileSync(DISPATCHER).matchAll(
    /(?:"([\w-]+)"|(\w+)):\s*\{\s*summary:[^}]*?import\("\.\/(\w+)\.ts"\)/gs,
  ),
].map((m) => ({ name: m[1] ?? m[2]!, file: join(ROOT, "cmd", `${m[3]}.ts`) }));

/** Bundle with the exact command of `deno task bundle`, into `out` instead of dist/. */
async function bundle(out: string): Promise<string> {
  const task: string = deno_json.tasks.bundle.command;
  assertStringIncludes(task, "-o dist/mmsoak.js");
  const args = task.replace(/^deno /, "").replace("dist/mmsoak.js", join(out, "mmsoak.js"))
    .split(" ");
  const r = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  return join(out, "mmsoak.js");
}

Deno.test({
  name: "bundle: one JS file runs every command from any directory",
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "mmsoak_bundle_" });
    try {
      const js = await bundle(join(tmp, "dist"));
      const files = [...Deno.readDirSync(join(tmp, "dist"))].map((e) => e.name);
      assertEquals(files, ["mmsoak.js"], "the bundle must be a single file");
      const size = Deno.statSync(js).size;
      console.log(`bundle: ${(size / 1024).toFixed(0)} KiB`);
      const work = join(tmp, "work"); // far from the repository: nothing is read from it
      await Deno.mkdir(work);
      const mm = (...args: string[]) => run_entry(js, args, {}, work);

      const help = await mm("--help");
      assertEquals(help.code, 0, help.err);
      for (const c of COMMANDS) assertStringIncludes(help.out, `  ${c.name} `);
      assertEquals((await mm("--version")).out.trim(), `mmsoak ${deno_json.version}`);
      const helps = await Promise.all(COMMANDS.map((c) => mm(c.name, "--help")));
      helps.forEach((h, i) => {
        assertEquals(h.code, 0, `${COMMANDS[i]!.name} --help: ${h.err}`);
        assertStringIncludes(h.out, `${COMMANDS[i]!.name}`);
      });

      const good = await write_soak_dir(join(work, "good"), { scenario: "converged" });
      const bad = await write_soak_dir(join(work, "bad"), { scenario: "failing" });
      // Independent groups in parallel; commands on one directory in order.
      await Promise.all([
        (async () => { // gate on fixture directories, then the analysis commands on one of them
          const g = await mm("gate", "--path", good);
          assertEquals(g.code, 0, g.out + g.err);
          assertStringIncludes(g.out, "Gate: PASS");
          assertEquals((await mm("merge", "--path", good, "--path", bad)).code, 1);
          assertEquals((await mm("verify-deltas", "--path", good)).code, 0);
          assertEquals((await mm("snapshot", "--path", good)).code, 0);
          const audit = await mm("audit-artifacts", "--base", good);
          assert(audit.code === 0 || audit.code === 1, audit.err);
          assertEquals((await mm("report", "--path", good, "--out", "report.html")).code, 0);
          assertStringIncludes(await Deno.readTextFile(join(work, "report.html")), "<svg");
        })(),
        (async () => {
          const f = await mm("gate", "--path", bad);
          assertEquals(f.code, 1, f.out + f.err);
          assertStringIncludes(f.out, "Gate: FAIL");
        })(),
        (async () => { // the engine and a sim soak run on the WebAssembly core in the bundle
          const e = await mm("engine", "--seed", "1", "--window-s", "30");
          assertEquals(e.code, 0, e.err);
          // 30 s of market may bring no fill (net_bps null): the run itself must trade
          assert(JSON.parse(e.out).orders > 0, e.out);
          const sim = await mm("soak", "--iterations", "2", "--window-s", "30", "--out", "sim");
          assertEquals(sim.code, 0, sim.err);
        })(),
        (async () => { // the scripted mock soak, gated and rotated
          const s = await mm("soak", "--mock", "--iterations", "24", "--out", "soak");
          assertEquals(s.code, 0, s.err);
          assertEquals((await mm("gate", "--path", "soak")).code, 0);
          assertEquals((await mm("rotate", "--path", "soak", "--keep", "8")).code, 0);
        })(),
        (async () => {
          const sw = await mm("sweep", "--seeds", "1..2");
          assertEquals(JSON.parse(sw.out).include.length, 2);
          const sm = await mm("smoke", "--iterations", "3", "--out", "smoke.json");
          assert(sm.code === 0 || sm.code === 1, sm.err);
          assert(JSON.parse(await Deno.readTextFile(join(work, "smoke.json"))).summary);
        })(),
      ]);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
