import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { InputError, UsageError } from "../../lib/cli/errors.ts";
import { run_command } from "../../lib/cli/main.ts";
import { parse_args } from "../../lib/deps/args.ts";

async function capture(
  fn: () => Promise<number>,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    return { code: await fn(), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

const demo = {
  help: "Usage: demo [--path DIR]",
  parse(argv: string[]) {
    const { values } = parse_args(argv, { path: { type: "string" }, fail: { type: "string" } });
    return values;
  },
  run(o: Record<string, unknown>): Promise<number> {
    if (o.fail === "input") throw new InputError("not a number", { file: "a.json", field: "x.y" });
    if (o.fail === "usage") throw new UsageError("--path must be a directory");
    if (o.fail === "bug") throw new TypeError("boom");
    return Promise.resolve(0);
  },
};

Deno.test("cli: --help prints the help text and exits 0", async () => {
  const r = await capture(() => run_command("demo", demo, ["--help"]));
  assertEquals(r, { code: 0, out: ["Usage: demo [--path DIR]"], err: [] });
});

Deno.test("cli: an unknown flag is one line on stderr and exit 2", async () => {
  const r = await capture(() => run_command("demo", demo, ["--bogus"]));
  assertEquals(r.code, 2);
  assertEquals(r.err, ["mmsoak demo: Unknown flag --bogus (see mmsoak demo --help)"]);
});

Deno.test("cli: a flag without its value is exit 2", async () => {
  const r = await capture(() => run_command("demo", demo, ["--path"]));
  assertEquals(r.code, 2);
  assertStringIncludes(r.err[0]!, "--path");
});

Deno.test("cli: InputError names file and field, exit 2; other errors exit 1", async () => {
  const a = await capture(() => run_command("demo", demo, ["--fail", "input"]));
  assertEquals(a, { code: 2, out: [], err: ["mmsoak demo: a.json: x.y: not a number"] });
  const b = await capture(() => run_command("demo", demo, ["--fail", "bug"]));
  assertEquals(b, { code: 1, out: [], err: ["mmsoak demo: boom"] });
  const c = await capture(() => run_command("demo", demo, ["--fail", "bug", "--debug"]));
  assertEquals(c.code, 1);
  assertEquals(c.err.length, 2); // the line, then the stack
});
