/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, plain lines otherwise
 * (CI logs, pipes), so that long work is visible without corrupting redirected output.
 * @module
 */

const encoder = new TextEncoder();

/** Options of {@linkcode Progress}. */
export interface ProgressOptions {
  /** Number of steps. */
  total: number;
  /** Short label shown before the bar. */
  label: string;
  /** Force terminal mode on or off (default: `Deno.stderr.isTerminal()`). */
  tty?: boolean;
  /** Where to write (default stderr); tests pass a collector. */
  write?: (text: string) => void;
  /** Bar width in characters. */
  width?: number;
}

/** A progress reporter for `total` steps. */
export class Progress {
  #done = 0;
  readonly #o: Required<ProgressOptions>;
  constructor(options: ProgressOptions) {
    this.#o = {
      tty: options.tty ?? Deno.stderr.isTerminal(),
      write: options.write ?? ((t) => Deno.stderr.writeSync(encoder.encode(t))),
      width: options.width ?? 24,
      ...options,
    } as Required<ProgressOptions>;
  }

  /** Advance by one step; `line` is what a non-terminal log gets for this step. */
  tick(line?: string): void {
    this.#done = Math.min(this.#o.total, this.#done + 1);
    if (this.#o.tty) {
      if (line) this.#o.write(`\r\x1b[2K${line}\n`);
      this.#o.write(`\r\x1b[2K${this.render()}`);
    } else {
      this.#o.write(`${line ?? `${this.#o.label} ${this.#done}/${this.#o.total}`}\n`);
    }
  }

  /** The bar as text, e.g. `soak [######------] 12/24`. */
  render(): string {
    const { total, width, label } = this.#o;
    const filled = total > 0 ? Math.round((this.#done / total) * width) : width;
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.#done}/${total}`;
  }

  /** Finish: clears the bar on a terminal. */
  done(): void {
    if (this.#o.tty) this.#o.write("\r\x1b[2K");
  }
}
