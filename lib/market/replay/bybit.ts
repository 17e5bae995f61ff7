/**
 * Reader of Bybit v5 public WebSocket recordings (JSON lines): `orderbook.N.SYMBOL` snapshots and
 * deltas (`u` +1 per message; a gap drops deltas until the next snapshot, which resyncs), and
 * `publicTrade.SYMBOL` trades when present.
 * @module
 */
import { InputError } from "../../cli/errors.ts";
import {
  EV_ASK,
  EV_BID,
  EV_SNAPSHOT,
  EV_SNAPSHOT_END,
  EV_TRADE_BUY,
  EV_TRADE_SELL,
  EventBuffer,
  type NormalisedRecording,
} from "../events.ts";
import { GridGuess } from "./common.ts";

/** Normalises Bybit v5 JSONL text; `file` names it in errors. */
export function read_bybit(text: string, file: string): NormalisedRecording {
  const out = new EventBuffer(1 << 12);
  const g = new GridGuess();
  let symbol = "";
  let last_u = -1;
  let synced = false;
  let gaps = 0;
  let line_no = 0;
  for (const line of text.split("\n")) {
    line_no++;
    if (!line.trim()) continue;
    let j;
    try {
      j = JSON.parse(line);
    } catch {
      throw new InputError(`line ${line_no}: not JSON`, { file });
    }
    const topic = String(j.topic ?? "");
    const ts = Number(j.ts);
    if (!Number.isFinite(ts)) throw new InputError(`line ${line_no}: ts is not a number`, { file });
    if (topic.startsWith("orderbook.")) {
      const d = j.data;
      symbol ||= d.s;
      if (j.type === "snapshot") {
        out.push(ts, EV_SNAPSHOT, 0, 0);
        for (const [p, q] of d.b) out.push(ts, EV_BID, g.price(p), g.qty(q));
        for (const [p, q] of d.a) out.push(ts, EV_ASK, g.price(p), g.qty(q));
        out.push(ts, EV_SNAPSHOT_END, 0, 0);
        synced = true;
      } else {
        if (!synced) continue;
        if (d.u !== last_u + 1) {
          gaps++;
          synced = false;
          last_u = d.u;
          continue;
        }
        for (const [p, q] of d.b) out.push(ts, EV_BID, g.price(p), g.qty(q));
        for (const [p, q] of d.a) out.push(ts, EV_ASK, g.price(p), g.qty(q));
      }
      last_u = d.u;
    } else if (topic.startsWith("publicTrade.")) {
      for (const t of j.data) {
        symbol ||= t.s;
        out.push(
          Number(t.T),
          t.S === "Buy" ? EV_TRADE_BUY : EV_TRADE_SELL,
          g.price(t.p),
          g.qty(t.v),
        );
      }
    }
  }
  return { symbol, tick: g.tick, lot: g.lot, format: "bybit-v5", gaps, events: out.freeze() };
}
