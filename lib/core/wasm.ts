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

/** Shared staging area for one batch of (u8 kind, f64 price, f64 qty) triples. */
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
  const pk = stage_u8.reserve(n);
  const pa = stage_f64a.reserve(n * 8);
  const pb = stage_f64b.reserve(n * 8);
  const k8 = u8_at(pk, n);
  if (map_kind) { for (let i = 0; i < n; i++) k8[i] = map_kind(kinds[i]!); }
  else k8.set(kinds);
  f64_at(pa, n).set(a);
  f64_at(pb, n).set(b);
  return { kinds: pk, a: pa, b: pb, n };
}

/** Copies `values` into the second staging buffer and returns its pointer (for f64 inputs). */
export function stage_f64(values: NumArray): number {
  const p = stage_f64a.reserve(values.length * 8);
  f64_at(p, values.length).set(values);
  return p;
}

/** Copies u32 `values` into the u8 staging buffer (reused as u32) and returns its pointer. */
export function stage_u32(values: ArrayLike<number>): number {
  const p = stage_u8.reserve(values.length * 4);
  u32_at(p, values.length).set(values);
  return p;
}
