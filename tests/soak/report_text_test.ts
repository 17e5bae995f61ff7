import fc from "fast-check";
import { assertEquals } from "../../lib/deps/assert.ts";
import { stable_stringify } from "../../lib/json/stable.ts";
import { ReportText } from "../../lib/soak/report_text.ts";

// JSON values as a report holds them: finite numbers, strings with quotes, newlines and unicode.
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom("a\nb", 'say "x"', "iterations", '"iterations": []'),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie("v"), { maxKeys: 3 }),
  ),
})).v;
const entry = fc.dictionary(fc.string(), value, { maxKeys: 6 });

Deno.test("ReportText: byte-identical to serialising the whole report, at every length", () => {
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 8 }), fc.dictionary(fc.string(), value), (es, sum) => {
      const r = new ReportText();
      for (let i = 0; i <= es.length; i++) {
        const doc = { schema_version: "1.2", iterations: es.slice(0, i), summary: sum };
        assertEquals(r.text("1.2", sum), stable_stringify(doc, 2) + "\n");
        if (i < es.length) r.add(es[i]!);
      }
      assertEquals(r.length, es.length);
    }),
    { numRuns: 300 },
  );
});
