/**
 * Load a recording for replay: detect its format, normalise it once, and cache the flat event
 * arrays on disk keyed by the input's SHA-256 ($XDG_CACHE_HOME/mmsoak, else .cache/mmsoak under
 * the current directory; MMSOAK_CACHE_DIR overrides), written atomically.
 * @module
 */
import { InputError } from "../../cli/errors.ts";
import { join } from "../../deps/path.ts";
import { write_bytes_atomic } from "../../artifacts/write.ts";
import type { NormalisedRecording } from "../events.ts";
import { read_text } from "./common.ts";
import { read_hftbacktest } from "./hftbacktest.ts";
import { read_bybit } from "./bybit.ts";
import { read_tardis } from "./tardis.ts";

/** Bumped when the normalised layout changes (old cache entries are then ignored). */
const CACHE_LAYOUT = 1;

/** The cache directory. */
export function cache_dir(): string {
  const env = Deno.env.get("MMSOAK_CACHE_DIR");
  if (env) return env;
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  return xdg ? join(xdg, "mmsoak") : join(Deno.cwd(), ".cache", "mmsoak");
}

/** Normalise `text` by its shape. */
export function normalise(text: string, file: string): NormalisedRecording {
  const head = text.slice(0, 200).trimStart();
  if (/^\d{15,} \{/.test(head)) return read_hftbacktest(text, file);
  if (head.startsWith("{") && head.includes('"topic"')) return read_bybit(text, file);
  if (head.startsWith("exchange,symbol,timestamp,local_timestamp")) return read_tardis(text, file);
  throw new InputError(
    "unknown recording format (expected hftbacktest gz, Bybit v5 JSONL or Tardis CSV)",
    { file },
  );
}

/** Encode a recording as bytes: u32 meta length, meta JSON, then the four columns. */
export function encode(r: NormalisedRecording): Uint8Array {
  const { events, ...meta } = r;
  const mj = new TextEncoder().encode(
    JSON.stringify({ ...meta, layout: CACHE_LAYOUT, length: events.length }),
  );
  const pad = (8 - ((4 + mj.length) % 8)) % 8;
  const n = events.length;
  const out = new Uint8Array(4 + mj.length + pad + n * 25);
  new DataView(out.buffer).setUint32(0, mj.length, true);
  out.set(mj, 4);
  let off = 4 + mj.length + pad;
  for (const col of [events.ts, events.price, events.qty]) {
    out.set(new Uint8Array(col.buffer, col.byteOffset, n * 8), off);
    off += n * 8;
  }
  out.set(events.kind.subarray(0, n), off);
  return out;
}

/** Decode `encode`'s bytes; undefined when the layout is stale or the bytes are short. */
export function decode(b: Uint8Array): NormalisedRecording | undefined {
  if (b.length < 4) return undefined;
  const ml = new DataView(b.buffer, b.byteOffset).getUint32(0, true);
  let meta;
  try {
    meta = JSON.parse(new TextDecoder().decode(b.subarray(4, 4 + ml)));
  } catch {
    return undefined;
  }
  if (meta.layout !== CACHE_LAYOUT) return undefined;
  const n = meta.length as number;
  let off = 4 + ml + (8 - ((4 + ml) % 8)) % 8;
  if (b.length !== off + n * 25) return undefined;
  const col = () => {
    const a = new Float64Array(n);
    new Uint8Array(a.buffer).set(b.subarray(off, off + n * 8));
    off += n * 8;
    return a;
  };
  const ts = col(), price = col(), qty = col();
  const kind = b.slice(off, off + n);
  return {
    symbol: meta.symbol,
    tick: meta.tick,
    lot: meta.lot,
    format: meta.format,
    gaps: meta.gaps,
    events: { ts, kind, price, qty, length: n },
  };
}

async function sha256_hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Load `file` normalised, from the cache when present (`use_cache` false skips it). */
export async function load_recording(file: string, use_cache = true): Promise<NormalisedRecording> {
  let raw: Uint8Array;
  try {
    raw = await Deno.readFile(file);
  } catch {
    throw new InputError("cannot read the recording", { file });
  }
  const key = await sha256_hex(raw);
  const path = join(cache_dir(), `${key}.v${CACHE_LAYOUT}.bin`);
  if (use_cache) {
    try {
      const hit = decode(await Deno.readFile(path));
      if (hit) return hit;
    } catch { /* not cached yet */ }
  }
  const { text } = await read_text(file);
  const rec = normalise(text, file);
  if (rec.events.length === 0) throw new InputError("no market events in the recording", { file });
  if (use_cache) await write_bytes_atomic(path, encode(rec)).catch(() => {});
  return rec;
}
