/**
 * Gzip and gunzip with the platform's CompressionStream / DecompressionStream (no npm module, no
 * Node compatibility layer): rotated ITER_SUMMARY files are `ITER_SUMMARY_n.json.gz`.
 * @module
 */

/** Gzip `data`. */
export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Gunzip `data`; a corrupt or truncated stream rejects with a TypeError. */
export async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
