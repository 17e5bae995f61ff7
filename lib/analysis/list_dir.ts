/**
 * Listing a soak directory: its entry names and the ITER_SUMMARY files in numeric order, and the
 * split of those files between the main thread and the worker threads. Used by the main thread
 * and by a worker (lib/analysis/load_worker.ts), so it imports no `node:` module: the Node
 * compatibility layer costs a worker ~13 ms to start.
 * @module
 */
import { InputError } from "../cli/errors.ts";

/** An ITER_SUMMARY file: `[entry name, iteration number]`. */
export type IterItem = [string, number];

/** The entries of a soak directory. */
export interface Listing {
  /** Names of every entry (for file inventories). */
  names: string[];
  /** ITER_SUMMARY files in numeric order. */
  items: IterItem[];
  /** Rotated ITER_SUMMARY_n.json.gz files (`mmsoak rotate`, `soak --keep`) in numeric order. */
  gz: IterItem[];
}

const PREFIX = "ITER_SUMMARY_";

/**
 * The iteration number of an entry name matching /ITER_SUMMARY_(\d+)\.json$/ (the pattern of
 * lib/sort/iter_index.ts), else null. A character loop: 10,000 regex matches cost more.
 */
export function iter_number(name: string): number | null {
  if (!name.endsWith(".json")) return null;
  const end = name.length - 5;
  // The digits can only follow the last occurrence of the prefix.
  const at = name.lastIndexOf(PREFIX, end);
  const from = at + PREFIX.length;
  if (at < 0 || from >= end) return null;
  for (let i = from; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(name.slice(from, end));
}

/** The iteration number of a rotated `ITER_SUMMARY_n.json.gz`, else null. */
export function gz_iter_number(name: string): number | null {
  return name.endsWith(".json.gz") ? iter_number(name.slice(0, -3)) : null;
}

/** `dir/name` for an absolute `dir` (what path.join gives, without node:path). */
export function file_in(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/** List the directory `dir` (absolute, known to exist). Throws InputError for bad entries. */
export function list_soak_entries(dir: string): Listing {
  const names: string[] = [];
  const items: IterItem[] = [];
  const gz: IterItem[] = [];
  for (const e of Deno.readDirSync(dir)) {
    names.push(e.name);
    let n = iter_number(e.name);
    let into = items;
    if (n === null && e.name.endsWith(".gz")) {
      n = gz_iter_number(e.name);
      into = gz;
    }
    if (n === null) continue;
    if (!Number.isSafeInteger(n)) {
      throw new InputError(`iteration number ${n} is out of range`, { file: file_in(dir, e.name) });
    }
    into.push([e.name, n]);
  }
  if (items.length === 0 && gz.length === 0) {
    throw new InputError("no ITER_SUMMARY_*.json files", { file: dir });
  }
  sort_unique(dir, items);
  sort_unique(dir, gz);
  return { names, items, gz };
}

/**
 * Sort `items` by iteration number. Two files with one number (ITER_SUMMARY_01.json and _1.json)
 * are an error; duplicates are neighbours once sorted (by name among equal numbers), so the lowest
 * duplicated number is reported, whatever order the directory lists its entries in.
 */
function sort_unique(dir: string, items: IterItem[]): void {
  items.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  for (let i = 1; i < items.length; i++) {
    const [name, n] = items[i]!;
    if (n === items[i - 1]![1]) {
      throw new InputError(`duplicate iteration ${n} (also in ${items[i - 1]![0]})`, {
        file: file_in(dir, name),
      });
    }
  }
}

/**
 * The main thread's weight against one worker's: it also parses TUNING_REPORT.json and decodes
 * the workers' columns, so it takes fewer ITER_SUMMARY files.
 */
const MAIN_WEIGHT = 0.55;

/**
 * Contiguous chunks of `items`: the main thread's first (MAIN_WEIGHT / (MAIN_WEIGHT + workers)
 * of the files), then one per worker. Contiguous chunks keep "the first error in iteration order"
 * a matter of chunk order.
 */
export function split_items(items: IterItem[], workers: number): IterItem[][] {
  if (workers <= 0) return [items];
  const main = Math.floor(items.length * MAIN_WEIGHT / (MAIN_WEIGHT + workers));
  const rest = items.length - main;
  const chunks = [items.slice(0, main)];
  for (let i = 0; i < workers; i++) {
    const from = main + Math.floor(rest * i / workers);
    chunks.push(items.slice(from, main + Math.floor(rest * (i + 1) / workers)));
  }
  return chunks;
}
