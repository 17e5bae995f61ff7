/**
 * Readers that return typed data or an {@linkcode InputError} naming the file and the field.
 * @module
 */
import type { z } from "zod";
import { InputError } from "../cli/errors.ts";

/** Read a text file; a missing or unreadable file is an InputError naming it. */
export async function read_text(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new InputError("file not found", { file: path });
    if (e instanceof Deno.errors.IsADirectory) {
      throw new InputError("is a directory, expected a file", { file: path });
    }
    throw new InputError(`cannot read file (${e instanceof Error ? e.name : e})`, { file: path });
  }
}

/** Parse JSON text; invalid JSON is an InputError naming the file. */
export function parse_json_text(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new InputError(`invalid JSON (${detail})`, { file });
  }
}

/** Dotted path of a zod issue, e.g. `summary.net_bps` or `iterations[3].applied`. */
export function issue_path(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Validate `data` against `schema`; the first issue becomes an InputError naming file and field. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new InputError(issue.message.replace(/^Invalid input: /, ""), {
    file,
    field: issue_path(issue.path) || "(root)",
  });
}

/** Read, parse and validate a JSON file. */
export async function read_json<S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<z.output<S>> {
  return validate(schema, parse_json_text(await read_text(path), path), path);
}
