import { assertEquals, assertRejects } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { write_json_atomic, write_text_atomic } from "../../lib/artifacts/write.ts";
import { JsonValueError } from "../../lib/json/stable.ts";

async function tmp(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("write: JSON with sorted keys, indent 2, trailing newline; no temp file left", async () => {
  await tmp(async (dir) => {
    const p = join(dir, "sub", "A.json");
    await write_json_atomic(p, { b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } });
    assertEquals(
      await Deno.readTextFile(p),
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      {\n        "y": 0,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    assertEquals(await names(join(dir, "sub")), ["A.json"]);
  });
});

Deno.test("write: NaN anywhere fails before anything is written; the old file survives", async () => {
  await tmp(async (dir) => {
    const p = join(dir, "A.json");
    await write_text_atomic(p, "old");
    const e = await assertRejects(
      () => write_json_atomic(p, { a: { b: [1, NaN] } }),
      JsonValueError,
    );
    assertEquals(e.message, "$.a.b[1]: NaN is not valid JSON");
    assertEquals(await Deno.readTextFile(p), "old");
    assertEquals(await names(dir), ["A.json"]);
  });
});

Deno.test("write: concurrent writers of one file never interleave", async () => {
  await tmp(async (dir) => {
    const p = join(dir, "A.json");
    const bodies = Array.from({ length: 20 }, (_, i) => String(i).repeat(50_000));
    await Promise.all(bodies.map((b) => write_text_atomic(p, b)));
    const got = await Deno.readTextFile(p);
    assertEquals(bodies.includes(got), true);
    assertEquals(await names(dir), ["A.json"]);
  });
});
