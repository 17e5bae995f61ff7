/**
 * Test helper: Bybit v5 public order book (`orderbook.<depth>.<symbol>` JSONL, gzip) and the v5
 * sequence rules: a snapshot resets the book; a delta must carry u = previous u + 1, otherwise
 * there is a gap and deltas are ignored until the next snapshot.
 * @module
 */
import { Book } from "../../lib/core/mod.ts";
import { gz_lines } from "./_binance_fixture.ts";

/** One message, flattened. */
export interface BybitMsg {
  type: "snapshot" | "delta";
  u: number;
  seq: number;
  side: Uint8Array;
  price: Float64Array;
  qty: Float64Array;
}

/** Reads all messages of a v5 order book JSONL gz file. */
export async function read_bybit_ob(path: string): Promise<BybitMsg[]> {
  const out: BybitMsg[] = [];
  for await (const line of gz_lines(path)) {
    const m = JSON.parse(line);
    const b: [string, string][] = m.data.b, a: [string, string][] = m.data.a;
    const all = [...b.map((l) => [0, l] as const), ...a.map((l) => [1, l] as const)];
    out.push({
      type: m.type,
      u: m.data.u,
      seq: m.data.seq,
      side: Uint8Array.from(all, ([s]) => s),
      price: Float64Array.from(all, ([, l]) => Number(l[0])),
      qty: Float64Array.from(all, ([, l]) => Number(l[1])),
    });
  }
  return out;
}

/** Outcome of feeding messages to a book under the v5 rules. */
export interface BybitFeed {
  applied: number;
  gaps: number;
  /** Deltas ignored while waiting for a snapshot after a gap. */
  skipped: number;
}

/**
 * Feeds `msgs` to `book` under the v5 sequence rules; `after` runs after each applied message.
 */
export function feed_bybit(book: Book, msgs: BybitMsg[], after?: (m: BybitMsg) => void): BybitFeed {
  let last = -1, synced = false;
  const r = { applied: 0, gaps: 0, skipped: 0 };
  for (const m of msgs) {
    if (m.type === "snapshot") {
      book.apply_snapshot(m.side, m.price, m.qty);
      synced = true;
    } else if (!synced) {
      r.skipped++;
      continue;
    } else if (m.u !== last + 1) {
      r.gaps++;
      r.skipped++;
      synced = false;
      continue;
    } else {
      book.apply_deltas(m.side, m.price, m.qty);
    }
    last = m.u;
    r.applied++;
    after?.(m);
  }
  return r;
}
