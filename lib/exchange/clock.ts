/**
 * Injected clocks: the simulator runs on simulated time (sleeping advances it instantly), live
 * runs on the wall clock. Everything that waits or stamps time takes a {@linkcode Clock}.
 * @module
 */

/** A source of time that can also wait. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now_ms(): number;
  /** Wait `ms` milliseconds (simulated clocks just advance). */
  sleep(ms: number): Promise<void>;
}

/** Simulated time: starts at `start_ms`, moves only by `sleep`/`advance`. */
export class SimClock implements Clock {
  #now: number;
  constructor(start_ms: number) {
    this.#now = start_ms;
  }
  now_ms(): number {
    return this.#now;
  }
  /** Move time forward by `ms` (negative or non-finite values are ignored). */
  advance(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.#now += ms;
  }
  sleep(ms: number): Promise<void> {
    this.advance(ms);
    return Promise.resolve();
  }
}

/** The wall clock. */
export class WallClock implements Clock {
  now_ms(): number {
    return Date.now();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

/**
 * Epoch ms of the fixed start instant, if any: `MM_FREEZE_UTC_ISO` (as the original tools) or
 * the value of `--clock-fixed`. Throws RangeError on an unparsable date.
 */
export function fixed_epoch_ms(iso: string | undefined): number | undefined {
  if (iso === undefined || iso === "") return undefined;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Not an ISO date: ${JSON.stringify(iso)}`);
  return ms;
}

/** `YYYY-MM-DDTHH:MM:SS+00:00` (ISO seconds, as the original report's `runtime.utc`). */
export function utc_iso_seconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "+00:00";
}
