import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { ArgsError, parse_args } from "../../lib/deps/args.ts";

const SPEC = {
  iterations: { type: "string" as const, default: "24" },
  "auto-tune": { type: "boolean" as const, default: true, negatable: true },
  path: { type: "string" as const, multiple: true },
};

Deno.test("args: defaults, negation and repeated flags", () => {
  assertEquals(parse_args([], SPEC).values, {
    iterations: "24",
    "auto-tune": true,
    path: undefined,
  });
  const r = parse_args(["--no-auto-tune", "--path", "a", "--path=b", "x"], SPEC);
  assertEquals(r.values["auto-tune"], false);
  assertEquals(r.values.path, ["a", "b"]);
  assertEquals(r.positionals, ["x"]);
});

Deno.test("args: unknown flags and missing values are ArgsErrors naming the flag", () => {
  assertThrows(() => parse_args(["--iteratons", "3"], SPEC), ArgsError, "Unknown flag --iteratons");
  assertThrows(() => parse_args(["--iterations"], SPEC), ArgsError, "--iterations");
  assertThrows(() => parse_args(["--auto-tune=1"], SPEC), ArgsError, "--auto-tune");
});
