/**
 * Parse a chunk of ITER_SUMMARY files, in the main thread or in a worker. Errors are returned as
 * data (not thrown) so that a worker can post them and the loader can report the first error in
 * iteration order, whichever thread found it.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { type IterRecord, parse_iter_summary } from "./iter_record.ts";
import { file_in } from "./list_dir.ts";

/** The result of one chunk: its records, or the first error in it. */
export type ChunkResult =
  | { ok: true; records: IterRecord[] }
  | { ok: false; message: string; file?: string; field?: string; input: boolean };

/** Read a file as text; read failures become an InputError naming the file. */
export function read_text_sync(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new InputError("file not found", { file: path });
    if (e instanceof Deno.errors.IsADirectory) {
      throw new InputError("is a directory, expected a file", { file: path });
    }
    throw new InputError(`cannot read file (${e instanceof Error ? e.name : e})`, { file: path });
  }
}

/** Parse `items` (`[file name, iteration]`) of `dir` in order, stopping at the first error. */
export function parse_chunk(dir: string, items: readonly [string, number][]): ChunkResult {
  const records: IterRecord[] = [];
  try {
    for (const [name, n] of items) {
      // path.join normalises every time, and importing node:path would add the Node compat
      // layer to the worker.
      const path = file_in(dir, name);
      records.push(parse_iter_summary(read_text_sync(path), path, n));
    }
    return { ok: true, records };
  } catch (e) {
    return error_result(e);
  }
}

/** An error as data (a worker posts it; {@linkcode chunk_error} turns it back into the error). */
export function error_result(e: unknown): Extract<ChunkResult, { ok: false }> {
  if (e instanceof InputError) {
    // The message already names file and field; keep the parts for rethrowing.
    return { ok: false, message: e.message, file: e.file, field: e.field, input: true };
  }
  return { ok: false, message: e instanceof Error ? e.message : String(e), input: false };
}

/** Turn a failed chunk back into the error it carried. */
export function chunk_error(r: Extract<ChunkResult, { ok: false }>): Error {
  if (!r.input) return new Error(r.message);
  const e = new InputError("", { file: r.file, field: r.field });
  e.message = r.message;
  return e;
}
