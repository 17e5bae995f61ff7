/**
 * `EventBuffer`: a batch of book events copied into WASM memory once, so that a replayer can
 * apply any slice of it with one call and no per-call copy (the copy of three small slices per
 * message cost more than applying them).
 * @module
 */
import { core, f64_at, type NumArray, u8_at } from "./wasm.ts";

/** Events (kind, price, qty) resident in WASM memory. Call `dispose()` (or `using`) when done. */
export class EventBuffer {
  #p = [0, 0, 0];
  /** Number of events. */
  readonly length: number;

  /** Copies the events in (same layout as `Book.apply`). */
  constructor(kinds: ArrayLike<number>, prices: NumArray, qtys: NumArray) {
    const n = kinds.length;
    if (prices.length !== n || qtys.length !== n) {
      throw new RangeError(
        `EventBuffer arrays differ in length (${n}, ${prices.length}, ${qtys.length})`,
      );
    }
    this.length = n;
    const pk = core.mm_alloc(Math.max(n, 1)) >>> 0;
    const pp = core.mm_alloc(Math.max(n, 1) * 8) >>> 0;
    const pq = core.mm_alloc(Math.max(n, 1) * 8) >>> 0;
    if (!pk || !pp || !pq) throw new RangeError(`EventBuffer: cannot allocate ${n} events`);
    // Views made after all allocations: an allocation may grow (and detach) the memory.
    u8_at(pk, n).set(kinds);
    f64_at(pp, n).set(prices);
    f64_at(pq, n).set(qtys);
    this.#p = [pk, pp, pq];
  }

  /** Pointers to events [start, end) for `book_apply`; throws on a bad range or after dispose. */
  slice_ptrs(start: number, end: number): [number, number, number] {
    const [pk, pp, pq] = this.#p as [number, number, number];
    if (pk === 0) throw new Error("EventBuffer used after dispose()");
    if (!(start >= 0 && start <= end && end <= this.length)) {
      throw new RangeError(`EventBuffer range [${start}, ${end}) outside [0, ${this.length})`);
    }
    return [pk + start, pp + start * 8, pq + start * 8];
  }

  /** Frees the WASM memory. */
  dispose(): void {
    const [pk, pp, pq] = this.#p as [number, number, number];
    if (pk === 0) return;
    const n = Math.max(this.length, 1);
    core.mm_free(pk, n);
    core.mm_free(pp, n * 8);
    core.mm_free(pq, n * 8);
    this.#p = [0, 0, 0];
  }

  /** `using buf = new EventBuffer(...)` support. */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
