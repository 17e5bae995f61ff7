/**
 * The instantiated WebAssembly core and helpers to move typed arrays in and out of its memory.
 *
 * Loaded with Deno's Wasm module import: instantiation is synchronous at module load, `deno
 * bundle` inlines the bytes as base64 (checked: the bundle runs with plain `deno run` from any
 * directory) and `deno compile` embeds the module through the import graph.
 * @module
 */
import * as raw from "../../wasm/mmsoak_core.wasm";

/** The raw exports (C ABI; pointers are numbers into `core.memory`). */
export const core = raw;

/** A fresh Float64Array view of `n` values at `ptr` (re-create after any call that allocates). */
export function f64_at(ptr: number, n: number): Float64Array {
  return new Float64Array(raw.memory.buffer, ptr >>> 0, n);
}

/** A fresh Uint32Array view of `n` values at `ptr`. */
export function u32_at(ptr: number, n: number): Uint32Array {
  return new Uint32Array(raw.memory.buffer, ptr >>> 0, n);
}

/** A fresh Uint8Array view of `n` bytes at `ptr`. */
export function u8_at(ptr: number, n: number): Uint8Array {
  return new Uint8Array(raw.memory.buffer, ptr >>> 0, n);
}

/**
 * A growable block of wasm memory owned by the TypeScript side (staging for batches, outputs).
 * Capacity only grows; `ptr` may change after `reserve`.
 */
export class WasmBuffer {
  #ptr = 0;
  #bytes = 0;

  /** Pointer to the block (0 before the first reserve). */
  get ptr(): number {
    return this.#ptr;
  }

  /** Capacity in bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Ensures room for `bytes` bytes and returns the pointer. */
  reserve(bytes: number): number {
    if (bytes > this.#bytes) {
      if (this.#ptr) raw.mm_free(this.#ptr, this.#bytes);
      const size = Math.max(64, 2 ** Math.ceil(Math.log2(bytes)));
      const p = raw.mm_alloc(size) >>> 0;
      if (p === 0) throw new RangeError(`WASM core: cannot allocate ${size} bytes`);
      this.#ptr = p;
      this.#bytes = size;
    }
    return this.#ptr;
  }

  /** Frees the block. */
  free(): void {
    if (this.#ptr) raw.mm_free(this.#ptr, this.#bytes);
    this.#ptr = 0;
    this.#bytes = 0;
  }
}

/** Shared staging area for one batch of (u8 kind, f64 a, f64 b) triples. */
const stage_f64a = new WasmBuffer();
const stage_f64b = new WasmBuffer();
const stage_u8 = new WasmBuffer();
/** Shared small output area (up to 16 f64 or u32 values). */
const out = new WasmBuffer();
out.reserve(128);

/** Pointer to the shared 128-byte output area. */
export function out_ptr(): number {
  return out.ptr;
}

/** Numeric typed arrays accepted by the batch APIs. */
export type NumArray = Float64Array | Float32Array | Int32Array | Uint32Array | number[];

/** Staging views, cached: creating three views per call cost more than the copy itself. */
let views: { k: Uint8Array; a: Float64Array; b: Float64Array } | undefined;

/**
 * Copies a batch into the staging area and returns the pointers. `map_kind` transforms each kind
 * (e.g. trade side → event kind) while copying.
 */
export function stage(
  kinds: ArrayLike<number>,
  a: NumArray,
  b: NumArray,
  map_kind?: (k: number) => number,
): { kinds: number; a: number; b: number; n: number } {
  const n = kinds.length;
  if (a.length !== n || b.length !== n) {
    throw new RangeError(
      `WASM core: batch arrays differ in length (${n}, ${a.length}, ${b.length})`,
    );
  }
  // Views are re-created only when the memory grew (old views detached) or capacity changed.
  if (views === undefined || views.k.length < n || views.k.buffer !== raw.memory.buffer) {
    const cap = Math.max(n, 1024);
    const pk = stage_u8.reserve(cap), pa = stage_f64a.reserve(cap * 8);
    const pb = stage_f64b.reserve(cap * 8);
    const size = Math.min(
      stage_u8.bytes,
      stage_f64a.bytes / 8,
      stage_f64b.bytes / 8,
    );
    views = { k: u8_at(pk, size), a: f64_at(pa, size), b: f64_at(pb, size) };
  }
  const v = views;
  if (map_kind) { for (let i = 0; i < n; i++) v.k[i] = map_kind(kinds[i]!); }
  else v.k.set(kinds);
  v.a.set(a);
  v.b.set(b);
  return { kinds: stage_u8.ptr, a: stage_f64a.ptr, b: stage_f64b.ptr, n };
}

const extra_f64 = new WasmBuffer();
const extra_u32 = new WasmBuffer();

/** Copies f64 `values` into a staging block of their own and returns its pointer. */
export function stage_f64(values: NumArray): number {
  const p = extra_f64.reserve(values.length * 8);
  f64_at(p, values.length).set(values);
  return p;
}

/** Copies u32 `values` into a staging block of their own and returns its pointer. */
export function stage_u32(values: ArrayLike<number>): number {
  const p = extra_u32.reserve(values.length * 4);
  u32_at(p, values.length).set(values);
  return p;
}
