import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { from_module } from "../../lib/deps/path.ts";

const CMD = from_module(import.meta.url, "..", "..", "cmd", "engine.ts");

async function engine(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CMD, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

Deno.test("engine: prints one JSON summary, deterministic", async () => {
  const a = await engine("--seed", "3", "--window-s", "20");
  const b = await engine("--seed", "3", "--window-s", "20");
  assertEquals(a.code, 0);
  assertEquals(a.stdout, b.stdout);
  const s = JSON.parse(a.stdout);
  assertEquals(s.runtime_utc, "2026-01-01T00:00:20Z");
  assert("net_bps" in s && "blocks" in s);
});

Deno.test("engine: bad flags, unknown scenario, missing data file → exit 2, one line", async () => {
  for (
    const [args, text] of [
      [["--seed", "1", "--bogus"], "--bogus"],
      [["--window-s", "5"], "--seed"],
      [["--seed", "1", "--scenario", "nope"], "nope"],
      [["--seed", "1", "--data", "/no/such/file.gz"], "/no/such/file.gz"],
    ] as const
  ) {
    const r = await engine(...args);
    assertEquals(r.code, 2, args.join(" "));
    assertStringIncludes(r.stderr, text);
    assertEquals(r.stderr.trim().split("\n").length, 1);
  }
});
