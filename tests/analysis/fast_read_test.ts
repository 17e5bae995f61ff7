/**
 * The libc reader gives exactly Deno.readTextFileSync's text, or null (then the caller reads the
 * standard way): byte order mark, invalid UTF-8, empty and buffer-sized files, directories and
 * missing files.
 * @module
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { read_text_fast } from "../../lib/analysis/fast_read.ts";

Deno.test("read_text_fast: the same text as Deno.readTextFileSync, or null", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mmsoak_fast_read_" });
  const files: Record<string, Uint8Array> = {
    "bom.json": new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    "bad_utf8.json": new Uint8Array([0x7b, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0x7d]),
    "empty.json": new Uint8Array(0),
    "text.json": new TextEncoder().encode('{"a": "é €", "b": [1, 2]}\n'),
    "just_below.json": new Uint8Array(65535).fill(0x20),
  };
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    await Deno.writeFile(path, bytes);
    const got = read_text_fast(path);
    if (Deno.build.os === "linux") assert(got !== null, name);
    if (got !== null) assertEquals(got, Deno.readTextFileSync(path), name);
  }
  // Too large for the buffer, a directory, a missing file: left to the standard reader.
  for (const size of [65536, 200_000]) {
    const path = join(dir, `big_${size}.json`);
    await Deno.writeFile(path, new Uint8Array(size).fill(0x20));
    assertEquals(read_text_fast(path), null);
  }
  await Deno.mkdir(join(dir, "ITER_SUMMARY_1.json"));
  assertEquals(read_text_fast(join(dir, "ITER_SUMMARY_1.json")), null);
  assertEquals(read_text_fast(join(dir, "missing.json")), null);
  assertEquals(read_text_fast(join(dir, "text.json\0x")), null);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("read_text_fast: null without --allow-ffi or with reads limited to some paths", async () => {
  const mod = new URL("../../lib/analysis/fast_read.ts", import.meta.url).href;
  const self = new URL(import.meta.url).pathname;
  const code = `import { read_text_fast } from "${mod}"; console.log(read_text_fast(${
    JSON.stringify(self)
  }));`;
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(script, code);
  for (const perms of [["--allow-read"], ["--allow-ffi", `--allow-read=${self}`]]) {
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-check", ...perms, script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(new TextDecoder().decode(r.stdout).trim(), "null", perms.join(" "));
  }
  await Deno.remove(script);
});
