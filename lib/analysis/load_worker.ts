/**
 * Worker half of {@linkcode load_soak_dir}: reads, parses and checks a chunk of ITER_SUMMARY
 * files on another core and posts back the reduced records, or the first error of its chunk.
 * @module
 */
import { parse_chunk } from "./load_chunk.ts";

/** Message to the worker: the directory and `[file name, iteration]` pairs. */
export interface ChunkRequest {
  dir: string;
  items: [string, number][];
}

const scope = self as unknown as {
  onmessage: (ev: MessageEvent<ChunkRequest>) => void;
  postMessage(m: unknown): void;
};
scope.onmessage = (ev) => scope.postMessage(parse_chunk(ev.data.dir, ev.data.items));
