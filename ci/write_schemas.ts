/**
 * `deno task schemas`: writes lib/artifacts/schemas/<NAME>.schema.json from the zod schemas;
 * `--check` exits 1 when a committed file is not current.
 * @module
 */
import { z } from "zod";
import { ARTIFACT_SCHEMAS } from "../lib/artifacts/registry.ts";
import { from_module, join } from "../lib/deps/path.ts";
import { stable_stringify } from "../lib/json/stable.ts";
import { write_text_atomic } from "../lib/artifacts/write.ts";

/** JSON Schema text of every artifact, by file name. */
export function schema_files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(ARTIFACT_SCHEMAS)) {
    const doc = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    out[`${name}.schema.json`] = stable_stringify({ ...doc, title: name }, 2) + "\n";
  }
  return out;
}

if (import.meta.main) {
  const dir = from_module(import.meta.url, "..", "lib", "artifacts", "schemas");
  const check = Deno.args.includes("--check");
  let stale = 0;
  for (const [file, text] of Object.entries(schema_files())) {
    const path = join(dir, file);
    const current = await Deno.readTextFile(path).catch(() => null);
    if (current === text) continue;
    if (check) {
      console.error(`${path}: not current; run deno task schemas`);
      stale++;
    } else {
      await write_text_atomic(path, text);
      console.log(`wrote ${path}`);
    }
  }
  Deno.exitCode = stale ? 1 : 0;
}
