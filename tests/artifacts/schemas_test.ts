import { assertEquals } from "../../lib/deps/assert.ts";
import { from_module, join } from "../../lib/deps/path.ts";
import { schema_files } from "../../ci/write_schemas.ts";

Deno.test("schemas: committed JSON Schema files are current (run deno task schemas)", async () => {
  const dir = from_module(import.meta.url, "..", "..", "lib", "artifacts", "schemas");
  for (const [file, text] of Object.entries(schema_files())) {
    assertEquals(await Deno.readTextFile(join(dir, file)), text, file);
  }
});
