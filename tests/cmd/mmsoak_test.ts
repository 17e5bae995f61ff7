import { assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { from_module } from "../../lib/deps/path.ts";

const DISPATCHER = from_module(import.meta.url, "..", "..", "cmd", "mmsoak.ts");

async function mmsoak(...args: string[]) {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", DISPATCHER, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

Deno.test("mmsoak: --help lists every command, --version prints the version", async () => {
  const h = await mmsoak("--help");
  assertEquals(h.code, 0);
  for (const c of ["soak", "gate", "audit-artifacts", "verify-deltas", "smoke"]) {
    assertStringIncludes(h.out, c);
  }
  const v = await mmsoak("--version");
  assertEquals(v.code, 0);
  assertStringIncludes(v.out, "mmsoak ");
});

Deno.test("mmsoak: an unknown command is one line and exit 2", async () => {
  const r = await mmsoak("frobnicate");
  assertEquals(r.code, 2);
  assertEquals(r.err, "mmsoak: unknown command frobnicate (see mmsoak --help)\n");
});
