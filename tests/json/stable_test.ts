import fc from "fast-check";
import { assertEquals, assertThrows } from "../../lib/deps/assert.ts";
import { JsonValueError, sha256_hex, stable_stringify } from "../../lib/json/stable.ts";

Deno.test("stable: key order does not change the bytes (property)", () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      return stable_stringify(obj) === stable_stringify(reversed);
    }),
  );
});

Deno.test("stable: round-trips JSON values (property)", () => {
  fc.assert(fc.property(fc.jsonValue(), (v) => {
    assertEquals(JSON.parse(stable_stringify(v)), JSON.parse(JSON.stringify(v)));
  }));
});

Deno.test("stable: non-finite numbers are rejected with their path", () => {
  assertThrows(() => stable_stringify({ a: [Infinity] }), JsonValueError, "$.a[0]");
});

Deno.test("stable: sha256 of the empty string", async () => {
  assertEquals(
    await sha256_hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});
