/**
 * A normalised recording as a session feed: its events cut into steps of the market clock. The
 * session clock is the recording's own; `start_ms` is only used by the sim. A recording holds
 * k = ⌊span / window⌋ whole windows (at least 1); session `i` (0-based) replays window `i mod k`,
 * so consecutive soak iterations walk through the recording instead of replaying its start again.
 * @module
 */
import type { EventBuffer, NormalisedRecording } from "../market/events.ts";
import { load_recording } from "../market/replay/load.ts";
import type { Feed } from "./feed.ts";

/** Step of the replay (decisions happen at step ends and at the maker's wake-ups), ms. */
export const REPLAY_STEP_MS = 100;

/** Start of window `index` (0-based, wrapping) of a recording spanning `span_ms`, ms from its start. */
export function window_offset_ms(span_ms: number, window_ms: number, index: number): number {
  const windows = Math.max(1, Math.floor(span_ms / window_ms));
  return (Math.max(0, Math.floor(index)) % windows) * window_ms;
}

/**
 * The feed of a loaded recording: window `index` of it, `window_ms` long (clipped to the
 * recording). Events before the window (snapshot, earlier diffs) arrive with the first step, so
 * the book is exact when quoting starts; no own order exists before then.
 */
export function recording_feed(rec: NormalisedRecording, window_ms: number, index = 0): Feed {
  const ev = rec.events;
  const first = ev.ts[0]!;
  const span = ev.ts[ev.length - 1]! - first;
  const t0 = first + window_offset_ms(span, window_ms, index);
  const left = first + span - t0;
  const steps = Math.max(1, Math.ceil(Math.min(window_ms, left + 1) / REPLAY_STEP_MS));
  let cursor = 0;
  const copy = (out: EventBuffer, until: number) => {
    while (cursor < ev.length && ev.ts[cursor]! < until) {
      out.push(ev.ts[cursor]!, ev.kind[cursor]!, ev.price[cursor]!, ev.qty[cursor]!);
      cursor++;
    }
  };
  return {
    symbols: [{
      symbol: rec.symbol,
      tick: rec.tick,
      lot: rec.lot,
      // The initial book is whatever the recording holds before the first step ends (its snapshot).
      init: () => {},
      step: (k, out) => copy(out, t0 + (k + 1) * REPLAY_STEP_MS),
      volatile: () => false,
      end_price: () => undefined,
    }],
    steps,
    step_ms: REPLAY_STEP_MS,
    start_ms: t0,
    spike_prob: 0,
    spike_ms: 0,
  };
}

/** Load `file` (cached normalisation) and make the feed of its window `index`. */
export async function replay_feed(file: string, window_ms: number, index = 0): Promise<Feed> {
  return recording_feed(await load_recording(file), window_ms, index);
}
