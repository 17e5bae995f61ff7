/**
 * The ITER_SUMMARY files of a soak directory read, parsed and checked on several threads.
 *
 * Two schedules, same result. A worker takes ~20 ms to start, during which the main thread is
 * blocked in `new Worker`. Early (the directory's size in bytes says it has many entries): the
 * worker is created first and lists the directory while the main thread parses
 * TUNING_REPORT.json, then both parse their chunks. Late (a small directory, or one whose size
 * says nothing): the main thread lists; workers are started only when there are at least
 * `parallel_min` files. Inside a bundle (no worker module next to the code) everything runs on
 * the main thread; a worker that fails to start leaves its chunk to the main thread. The first
 * error in iteration order wins, whichever thread found it.
 * @module
 */
import { chunk_error, type ChunkResult, parse_chunk } from "./load_chunk.ts";
import type { IterRecord } from "./iter_record.ts";
import {
  iter_number,
  type IterItem,
  list_soak_entries,
  type Listing,
  split_items,
} from "./list_dir.ts";
import type { ChunkReply, ChunkRequest, ListReply, ListRequest } from "./load_worker.ts";
import { decode_records } from "./record_codec.ts";
import { load_gz } from "./load_gz.ts";

/** A worker and its messages in arrival order; `next()` gives null once the worker failed. */
class WorkerLink {
  #worker: Worker | null = null;
  #queue: unknown[] = [];
  #wake: ((m: unknown) => void) | null = null;
  #failed = false;

  constructor(url: URL) {
    try {
      this.#worker = new Worker(url.href, { type: "module" });
    } catch {
      this.#failed = true;
      return;
    }
    this.#worker.onmessage = (ev) => this.#push(ev.data);
    this.#worker.onerror = (ev) => {
      ev.preventDefault();
      this.#failed = true;
      this.#push(null);
    };
  }

  #push(m: unknown): void {
    if (this.#wake) {
      const wake = this.#wake;
      this.#wake = null;
      wake(m);
    } else this.#queue.push(m);
  }

  post(m: ChunkRequest | ListRequest): void {
    this.#worker?.postMessage(m);
  }

  next<T>(): Promise<T | null> {
    if (this.#queue.length) return Promise.resolve(this.#queue.shift() as T | null);
    if (this.#failed) return Promise.resolve(null);
    return new Promise((res) => (this.#wake = res as (m: unknown) => void));
  }

  close(): void {
    this.#worker?.terminate();
  }
}

/** How to load: worker count, the file count that pays for them, and the schedule. */
export interface ParallelPlan {
  workers: number;
  parallel_min: number;
  early: boolean;
  /** The worker module (default lib/analysis/load_worker.ts; tests pass a missing one). */
  worker_url?: URL;
}

const WORKER_URL = new URL("./load_worker.ts", import.meta.url);

/**
 * False when the worker module is a file that does not exist: inside a bundle (dist/mmsoak.js)
 * there is no load_worker.ts next to the code, and a failed worker prints an uncaught error.
 */
function worker_module_exists(url: URL): boolean {
  if (url.protocol !== "file:") return true;
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}

async function chunk_from(link: WorkerLink, dir: string, items: IterItem[]): Promise<ChunkResult> {
  const m = await link.next<ChunkReply>();
  if (m === null) return parse_chunk(dir, items);
  return m.ok ? { ok: true, records: decode_records(m.columns) } : m;
}

/**
 * List `dir` and parse its ITER_SUMMARY files; `meanwhile` runs on the main thread once the
 * workers are under way (the caller parses TUNING_REPORT.json there; it must not throw).
 */
export async function load_iters(
  dir: string,
  plan: ParallelPlan,
  meanwhile: () => void,
): Promise<{ names: string[]; iters: IterRecord[] }> {
  const links: WorkerLink[] = [];
  const url = plan.worker_url ?? WORKER_URL;
  const workers = plan.workers > 0 && worker_module_exists(url) ? plan.workers : 0;
  try {
    let listing: Listing | null = null;
    let chunks: IterItem[][];
    if (plan.early && workers > 0) {
      for (let i = 0; i < workers; i++) links.push(new WorkerLink(url));
      links[0]!.post({ dir, list: { workers, parallel_min: plan.parallel_min } });
      meanwhile();
      const reply = await links[0]!.next<ListReply>();
      if (reply === null) {
        listing = list_soak_entries(dir);
        chunks = [listing.items];
      } else if ("listing_error" in reply) throw chunk_error(reply.listing_error);
      else {
        chunks = reply.listing.chunks;
        listing = { names: reply.listing.names, items: [], gz: reply.listing.gz };
      }
    } else {
      listing = list_soak_entries(dir);
      const n = listing.items.length;
      chunks = split_items(listing.items, n >= plan.parallel_min ? workers : 0);
      for (let i = 1; i < chunks.length; i++) links.push(new WorkerLink(url));
      meanwhile();
    }
    // Chunk 1 is the lister's own; the others go out now.
    for (let i = 2; i < chunks.length; i++) links[i - 1]!.post({ dir, items: chunks[i]! });
    if (!plan.early) links[0]?.post({ dir, items: chunks[1]! });
    const results = [parse_chunk(dir, chunks[0]!)];
    for (let i = 1; i < chunks.length; i++) {
      results.push(await chunk_from(links[i - 1]!, dir, chunks[i]!));
    }
    const plain: IterRecord[] = [];
    // Iteration numbers of the plain files (the chunks hold them all), for rotated duplicates.
    const plain_ns = () => new Set(chunks.flat().map(([, n]) => n));
    const gz_items = listing.gz;
    for (const r of results) {
      if (!r.ok) {
        // The first error in iteration order, whether in a plain or in a rotated file.
        const below = gz_items.filter(([, n]) => n < error_n(r));
        const gz = below.length ? await load_gz(dir, below, plain_ns()) : null;
        throw gz?.error?.error ?? chunk_error(r);
      }
      for (const rec of r.records) plain.push(rec);
    }
    if (gz_items.length === 0) return { names: listing.names, iters: plain };
    const gz = await load_gz(dir, gz_items, plain_ns());
    if (gz.error) throw gz.error.error;
    return { names: listing.names, iters: merge(plain, gz.records) };
  } finally {
    for (const l of links) l.close();
  }
}

/** The iteration number of the file a failed chunk names (errors without one come first). */
function error_n(r: Extract<ChunkResult, { ok: false }>): number {
  const name = r.file?.slice(r.file.lastIndexOf("/") + 1);
  const n = name ? iter_number(name) : null;
  return n ?? -Infinity;
}

/** Two record lists sorted by iteration, merged. */
function merge(a: IterRecord[], b: IterRecord[]): IterRecord[] {
  if (b.length === 0) return a;
  const out: IterRecord[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.n < b[j]!.n)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
