/**
 * Worker half of {@linkcode load_soak_dir}: reads, parses and checks a chunk of ITER_SUMMARY
 * files on another core and posts back the reduced records, or the first error of its chunk.
 * Sent a {@linkcode ListRequest}, it first lists the directory itself (while the main thread
 * parses TUNING_REPORT.json), posts the listing and the split, then parses its own chunk.
 * @module
 */
import { type ChunkResult, error_result, parse_chunk } from "./load_chunk.ts";
import { type IterItem, list_soak_entries, split_items } from "./list_dir.ts";
import { encode_records, type RecordColumns, transferables } from "./record_codec.ts";

/** Message to the worker: parse these `[file name, iteration]` pairs of `dir`. */
export interface ChunkRequest {
  dir: string;
  items: IterItem[];
}

/**
 * Message to the worker: list `dir`, split its files for `workers` workers (none when there are
 * fewer than `parallel_min`), answer with a {@linkcode ListReply}, then parse chunk 1 (this
 * worker's) when there is one.
 */
export interface ListRequest {
  dir: string;
  list: { workers: number; parallel_min: number };
}

/** The listing and the split: chunk 0 is the main thread's, chunk 1 this worker's. */
export type ListReply = { listing: { names: string[]; chunks: IterItem[][]; gz: IterItem[] } } | {
  listing_error: Extract<ChunkResult, { ok: false }>;
};

/** The records of a chunk as columns, or the chunk's first error. */
export type ChunkReply =
  | { ok: true; columns: RecordColumns }
  | Extract<
    ChunkResult,
    { ok: false }
  >;

const scope = self as unknown as {
  onmessage: (ev: MessageEvent<ChunkRequest | ListRequest>) => void;
  postMessage(m: unknown, transfer?: Transferable[]): void;
};

function parse_and_post(dir: string, items: IterItem[]): void {
  const r = parse_chunk(dir, items);
  if (!r.ok) return scope.postMessage(r satisfies ChunkReply);
  const columns = encode_records(r.records);
  scope.postMessage({ ok: true, columns } satisfies ChunkReply, transferables(columns));
}

scope.onmessage = (ev) => {
  const d = ev.data;
  if (!("list" in d)) return parse_and_post(d.dir, d.items);
  let chunks: IterItem[][];
  let names: string[];
  let gz: IterItem[];
  try {
    const l = list_soak_entries(d.dir);
    names = l.names;
    gz = l.gz;
    chunks = split_items(l.items, l.items.length >= d.list.parallel_min ? d.list.workers : 0);
  } catch (e) {
    return scope.postMessage({ listing_error: error_result(e) } satisfies ListReply);
  }
  // Chunk 1 goes back too: the main thread parses it should this worker fail.
  scope.postMessage({ listing: { names, chunks, gz } } satisfies ListReply);
  if (chunks[1]) parse_and_post(d.dir, chunks[1]);
};
