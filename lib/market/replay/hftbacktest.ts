/**
 * Reader of hftbacktest collector files (gz text, `<ns receive time> <raw exchange JSON>` per
 * line) for Binance streams: futures/spot diff depth (`depthUpdate`, U/u/pu), trades, and the
 * REST snapshot line (`lastUpdateId`). bookTicker lines are skipped (the diff book is richer).
 * The book is bootstrapped from the snapshot; sequence gaps are counted and resynced.
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

interface Diff {
  ts: number;
  U: number;
  u: number;
  pu?: number;
  b: [string, string][];
  a: [string, string][];
}

/** Normalises the text of a collector file; `file` names it in errors. */
export function read_hftbacktest(text: string, file: string): NormalisedRecording {
  const out = new EventBuffer(1 << 16);
  const g = new GridGuess();
  let symbol = "";
  let synced = false;
  let last_u = -1;
  let gaps = 0;
  let spot = false;
  const early: Diff[] = [];
  let line_no = 0;

  const apply = (d: Diff) => {
    for (const [p, q] of d.b) out.push(d.ts, EV_BID, g.price(p), g.qty(q));
    for (const [p, q] of d.a) out.push(d.ts, EV_ASK, g.price(p), g.qty(q));
  };
  const on_diff = (d: Diff) => {
    if (!synced) {
      early.push(d);
      return;
    }
    // Futures diffs chain by pu = previous u; spot diffs by U = previous u + 1.
    const chained = d.pu !== undefined ? d.pu === last_u : d.U === last_u + 1;
    if (!chained) {
      // Gap: no later snapshot in the file, so resync on this diff (its levels are absolute
      // quantities; untouched stale levels are corrected as they update).
      gaps++;
    }
    last_u = d.u;
    apply(d);
  };

  for (const line of text.split("\n")) {
    line_no++;
    if (!line) continue;
    const sp = line.indexOf(" ");
    const ts = Number(line.slice(0, sp)) / 1e6;
    let j;
    try {
      j = JSON.parse(line.slice(sp + 1));
    } catch {
      throw new InputError(`line ${line_no}: not JSON after the timestamp`, { file });
    }
    if (!Number.isFinite(ts)) throw new InputError(`line ${line_no}: bad timestamp`, { file });
    if (j.lastUpdateId !== undefined) {
      const id = Number(j.lastUpdateId);
      out.push(ts, EV_SNAPSHOT, 0, 0);
      for (const [p, q] of j.bids) out.push(ts, EV_BID, g.price(p), g.qty(q));
      for (const [p, q] of j.asks) out.push(ts, EV_ASK, g.price(p), g.qty(q));
      out.push(ts, EV_SNAPSHOT_END, 0, 0);
      synced = true;
      last_u = id;
      // Buffered diffs: drop those the snapshot already contains, apply the rest.
      for (const e of early.splice(0)) {
        if (e.u < id) continue;
        const d = { ...e, ts: Math.max(e.ts, ts) };
        if (d.U <= id + (spot ? 1 : 0)) {
          last_u = d.u;
          apply(d);
        } else on_diff(d);
      }
      continue;
    }
    const d = j.data ?? j;
    if (d.e === "depthUpdate") {
      symbol ||= d.s;
      if (d.pu === undefined) spot = true;
      on_diff({ ts, U: d.U, u: d.u, pu: d.pu, b: d.b, a: d.a });
    } else if (d.e === "trade") {
      symbol ||= d.s;
      // m = buyer is the maker, i.e. the aggressor sold.
      out.push(ts, d.m ? EV_TRADE_SELL : EV_TRADE_BUY, g.price(d.p), g.qty(d.q));
    }
  }
  if (!synced) throw new InputError("no REST depth snapshot line (lastUpdateId) found", { file });
  return {
    symbol,
    tick: g.tick,
    lot: g.lot,
    format: spot ? "hftbacktest-binance-spot" : "hftbacktest-binance-futures",
    gaps,
    events: out.freeze(),
  };
}
