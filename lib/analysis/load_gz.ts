/**
 * Rotated ITER_SUMMARY_n.json.gz files (`soak --keep`, `mmsoak rotate`) read back for the
 * analysis, on the main thread (DecompressionStream is asynchronous). A rotation writes the .gz
 * before it removes the plain file, so a kill in between leaves both: equal contents are that,
 * and the plain file is used; different contents are an InputError naming the .gz.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { gunzip } from "../artifacts/gzip.ts";
import { read_text_sync } from "./load_chunk.ts";
import { type IterRecord, parse_iter_summary } from "./iter_record.ts";
import { file_in, type IterItem } from "./list_dir.ts";

/** Records of the rotated files, or the first error among them in iteration order. */
export interface GzResult {
  records: IterRecord[];
  error: { n: number; error: Error } | null;
}

function read_bytes(path: string): Uint8Array {
  try {
    return Deno.readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read file (${e instanceof Error ? e.name : e})`, { file: path });
  }
}

async function load_one(
  dir: string,
  [name, n]: IterItem,
  plain: ReadonlySet<number>,
): Promise<IterRecord | null> {
  const path = file_in(dir, name);
  let data: Uint8Array;
  try {
    data = await gunzip(read_bytes(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError("not a valid gzip file", { file: path });
  }
  const text = new TextDecoder().decode(data);
  if (plain.has(n)) {
    const other = name.slice(0, -3);
    if (text === read_text_sync(file_in(dir, other))) return null;
    throw new InputError(`differs from ${other}, which also exists`, { file: path });
  }
  return parse_iter_summary(text, path, n);
}

/**
 * Read, gunzip and parse `gz` (sorted by iteration) of `dir`; `plain` holds the iteration numbers
 * that also have a plain ITER_SUMMARY file. Stops at the first error.
 */
export async function load_gz(
  dir: string,
  gz: readonly IterItem[],
  plain: ReadonlySet<number>,
): Promise<GzResult> {
  const records: IterRecord[] = [];
  for (const item of gz) {
    try {
      const r = await load_one(dir, item, plain);
      if (r) records.push(r);
    } catch (e) {
      return {
        records,
        error: { n: item[1], error: e instanceof Error ? e : new Error(String(e)) },
      };
    }
  }
  return { records, error: null };
}
