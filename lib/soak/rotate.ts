/**
 * Artifact rotation (seed 003, SPEC §9 artifact_manager): keep the newest N ITER_SUMMARY files as
 * they are and gzip the older ones to ITER_SUMMARY_n.json.gz (written atomically before the
 * original is removed, so a kill never loses a summary), then report the sizes.
 * @module
 */
import { write_bytes_atomic } from "../artifacts/write.ts";
import { gzip } from "../artifacts/gzip.ts";
import { join } from "../deps/path.ts";
import { list_iter_summaries } from "../sort/iter_index.ts";

/** What a rotation did. */
export interface RotationReport {
  keep: number;
  kept: number;
  compressed: { file: string; bytes: number; gz_bytes: number }[];
  /** Bytes of the ITER_SUMMARY files (plain + gz) before and after. */
  bytes_before: number;
  bytes_after: number;
}

async function gz_bytes_in(dir: string): Promise<number> {
  let total = 0;
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && /^ITER_SUMMARY_\d+\.json\.gz$/.test(e.name)) {
      total += (await Deno.stat(join(dir, e.name))).size;
    }
  }
  return total;
}

/** Keep the last `keep` ITER_SUMMARY files in `dir`, gzip the others. */
export async function rotate_iter_summaries(
  dir: string,
  keep: number,
  on_write: () => void = () => {},
): Promise<RotationReport> {
  if (!Number.isInteger(keep) || keep < 0) throw new RangeError(`keep must be ≥ 0, got ${keep}`);
  const files = await list_iter_summaries(dir);
  const gz_before = await gz_bytes_in(dir);
  let plain_before = 0;
  for (const f of files) plain_before += (await Deno.stat(f.path)).size;
  const old = files.slice(0, Math.max(0, files.length - keep));
  const compressed: RotationReport["compressed"] = [];
  for (const f of old) {
    const data = await Deno.readFile(f.path);
    const gz = await gzip(data);
    await write_bytes_atomic(`${f.path}.gz`, gz);
    on_write();
    await Deno.remove(f.path);
    compressed.push({ file: `ITER_SUMMARY_${f.n}.json`, bytes: data.length, gz_bytes: gz.length });
  }
  let plain_after = 0;
  for (const f of files.slice(old.length)) plain_after += (await Deno.stat(f.path)).size;
  return {
    keep,
    kept: files.length - old.length,
    compressed,
    bytes_before: plain_before + gz_before,
    bytes_after: plain_after + (await gz_bytes_in(dir)),
  };
}
