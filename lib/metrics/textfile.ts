/**
 * Write a registry as a node_exporter textfile-collector file, atomically, so a scraper never
 * reads half a file.
 * @module
 */
import type client from "prom-client";
import { write_text_atomic } from "../artifacts/write.ts";

/** Write the text exposition of `registry` to `path` (temp file, fsync, rename). */
export async function write_textfile(registry: client.Registry, path: string): Promise<void> {
  await write_text_atomic(path, await registry.metrics());
}
