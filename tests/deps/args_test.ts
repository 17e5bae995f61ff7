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

Deno.test("args: a negative number is a flag's value, not a flag", () => {
  const spec = { ...SPEC, edge: { type: "string" as const, short: "e" } };
  assertEquals(parse_args(["--edge", "-1"], spec).values.edge, "-1");
  assertEquals(parse_args(["-e", "-0.5", "x"], spec).values.edge, "-0.5");
  assertEquals(parse_args(["--edge", "-.25"], spec).values.edge, "-.25");
  assertEquals(parse_args(["--path", "-2", "--path", "3"], spec).values.path, ["-2", "3"]);
  // After "--" everything is positional; a boolean flag never takes the number.
  assertEquals(parse_args(["--", "--edge", "-1"], spec).positionals, ["--edge", "-1"]);
  assertThrows(() => parse_args(["--auto-tune", "-1"], spec), ArgsError, "Unknown flag -1");
  // A dash value that is not a number still needs the = form, and the message says so.
  assertThrows(
    () => parse_args(["--edge", "-x"], spec),
    ArgsError,
    "Flag --edge needs a value (for one that starts with '-', write --edge=VALUE)",
  );
});
