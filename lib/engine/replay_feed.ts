/**
 * A normalised recording as a session feed: its events cut into steps of the market clock. The
 * session clock is the recording's own (its first event); `start_ms` is only used by the sim.
 * @module
 */
import type { EventBuffer, NormalisedRecording } from "../market/events.ts";
import { load_recording } from "../market/replay/load.ts";
import type { Feed } from "./feed.ts";

/** Step of the replay (decisions happen at step ends and at the maker's wake-ups), ms. */
export const REPLAY_STEP_MS = 100;

/** The feed of a loaded recording, `window_ms` long (clipped to the recording). */
export function recording_feed(rec: NormalisedRecording, window_ms: number): Feed {
  const ev = rec.events;
  const t0 = ev.ts[0]!;
  const span = ev.ts[ev.length - 1]! - t0;
  const steps = Math.max(1, Math.ceil(Math.min(window_ms, span + 1) / REPLAY_STEP_MS));
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

/** Load `file` (cached normalisation) and make its feed. */
export async function replay_feed(file: string, window_ms: number): Promise<Feed> {
  return recording_feed(await load_recording(file), window_ms);
}
