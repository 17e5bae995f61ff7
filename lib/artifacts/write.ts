/**
 * Atomic artifact writes: a unique temp file in the target directory, fsync, then rename, so a
 * reader (or a run killed at any moment) sees either the old file or the new one, never half.
 * @module
 */
import { basename, dirname, join } from "../deps/path.ts";
import { stable_stringify } from "../json/stable.ts";

/** Write `data` to `path` atomically; creates the directory when missing. */
export async function write_bytes_atomic(path: string, data: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${crypto.randomUUID()}.tmp`);
  try {
    const f = await Deno.open(tmp, { write: true, createNew: true });
    try {
      let off = 0;
      while (off < data.length) off += await f.write(data.subarray(off));
      await f.sync();
    } finally {
      f.close();
    }
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** Write UTF-8 `text` to `path` atomically. */
export function write_text_atomic(path: string, text: string): Promise<void> {
  return write_bytes_atomic(path, new TextEncoder().encode(text));
}

/**
 * Write `value` as JSON (sorted keys, indent 2, trailing newline) atomically. NaN or Infinity
 * anywhere raises before anything is written.
 */
export function write_json_atomic(path: string, value: unknown): Promise<void> {
  return write_text_atomic(path, stable_stringify(value, 2) + "\n");
}
