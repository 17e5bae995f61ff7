/**
 * Worker half of {@linkcode load_soak_dir}: reads, parses and checks a chunk of ITER_SUMMARY
 * files on another core and posts back the reduced records, or the first error of its chunk.
 * @module
 */
import { parse_chunk } from "./load_chunk.ts";
import { encode_records, transferables } from "./record_codec.ts";

/** Message to the worker: the directory and `[file name, iteration]` pairs. */
export interface ChunkRequest {
  dir: string;
  items: [string, number][];
}

const scope = self as unknown as {
  onmessage: (ev: MessageEvent<ChunkRequest>) => void;
  postMessage(m: unknown, transfer?: Transferable[]): void;
};
scope.onmessage = (ev) => {
  const r = parse_chunk(ev.data.dir, ev.data.items);
  if (!r.ok) return scope.postMessage(r);
  const columns = encode_records(r.records);
  scope.postMessage({ ok: true, columns }, transferables(columns));
};
