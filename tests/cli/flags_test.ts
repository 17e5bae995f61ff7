import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { number_flag, opt_number_flag } from "../../lib/cli/flags.ts";
import { UsageError } from "../../lib/cli/errors.ts";

Deno.test("number flags: one message shape naming the flag, the range and the value", () => {
  assertEquals(number_flag("seed", "7", { integer: true, min: 0 }), 7);
  assertEquals(number_flag("edge-threshold", "-1.5"), -1.5);
  assertEquals(number_flag("threshold", " 0.95 ", { min: 0, max: 1 }), 0.95);
  assertEquals(opt_number_flag("keep", undefined, { integer: true, min: 0 }), undefined);
  const cases: [string, unknown, Parameters<typeof number_flag>[2], string][] = [
    ["keep", "-1", { integer: true, min: 0 }, 'Flag --keep needs an integer ≥ 0, got "-1"'],
    ["iterations", "1e3", { integer: true, min: 1 }, 'needs an integer ≥ 1, got "1e3"'],
    ["iterations", "2.0", { integer: true, min: 1 }, 'got "2.0"'],
    ["threshold", "1.5", { min: 0, max: 1 }, 'needs a number between 0 and 1, got "1.5"'],
    ["order-usd", "", { min: 0 }, 'Flag --order-usd needs a number ≥ 0, got ""'],
    ["edge-threshold", "NaN", {}, 'Flag --edge-threshold needs a number, got "NaN"'],
    ["x", "Infinity", { max: 5 }, "needs a number ≤ 5"],
    ["x", true, {}, "got true"],
  ];
  for (const [name, v, spec, msg] of cases) {
    assertThrows(() => number_flag(name, v, spec), UsageError, msg);
  }
});
