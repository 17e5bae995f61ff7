/**
 * The soak's artifact writer: every file goes through lib/artifacts/write.ts (temp, fsync,
 * rename). It counts writes so tests can kill the process at an exact point:
 * `MMSOAK_KILL_AFTER_WRITES=k` makes the process SIGKILL itself right after its k-th write.
 * @module
 */
import { write_bytes_atomic, write_text_atomic } from "../artifacts/write.ts";
import { join } from "../deps/path.ts";
import { stable_stringify } from "../json/stable.ts";

/** Atomic writes relative to an output directory. */
export class ArtifactWriter {
  #writes = 0;
  readonly #kill_after: number | null;

  constructor(readonly dir: string, kill_after?: string) {
    const k = kill_after === undefined ? NaN : Number(kill_after);
    this.#kill_after = Number.isInteger(k) && k > 0 ? k : null;
  }

  /** Number of writes so far. */
  get writes(): number {
    return this.#writes;
  }

  /** Absolute path of `rel`. */
  path(rel: string): string {
    return join(this.dir, rel);
  }

  /** Write text atomically. */
  async text(rel: string, text: string): Promise<void> {
    await write_text_atomic(this.path(rel), text);
    this.#after_write();
  }

  /** Write bytes atomically. */
  async bytes(rel: string, data: Uint8Array): Promise<void> {
    await write_bytes_atomic(this.path(rel), data);
    this.#after_write();
  }

  /** Write JSON (sorted keys, indent 2, newline) atomically; returns the text written. */
  async json(rel: string, value: unknown): Promise<string> {
    const text = stable_stringify(value, 2) + "\n";
    await this.text(rel, text);
    return text;
  }

  #after_write(): void {
    this.#writes++;
    if (this.#kill_after !== null && this.#writes >= this.#kill_after) {
      Deno.kill(Deno.pid, "SIGKILL");
    }
  }
}
