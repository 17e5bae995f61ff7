/**
 * Reader of Tardis CSV exports: `incremental_book_L2` (`is_snapshot,side,price,amount`; a run of
 * snapshot rows rebuilds the book) and `trades` (`id,side,price,amount`, side = aggressor).
 * Timestamps are microseconds; the exchange `timestamp` is used.
 * @module
 */
import { InputError } from "../../cli/errors.ts";
import { parse_csv_records } from "../../deps/csv.ts";
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

/** Normalises Tardis CSV text; `file` names it in errors. */
export function read_tardis(text: string, file: string): NormalisedRecording {
  const rows = parse_csv_records(text);
  const out = new EventBuffer(Math.max(16, rows.length + 4));
  const g = new GridGuess();
  const book = rows.length > 0 && "is_snapshot" in rows[0]!;
  const trades = rows.length > 0 && "id" in rows[0]! && "side" in rows[0]!;
  if (!book && !trades) {
    throw new InputError("unsupported Tardis CSV (expected incremental_book_L2 or trades)", {
      file,
    });
  }
  let in_snap = false;
  let symbol = "";
  rows.forEach((r, i) => {
    const ts = Number(r.timestamp) / 1000;
    if (!Number.isFinite(ts)) {
      throw new InputError(`row ${i + 2}: timestamp is not a number`, { file, field: "timestamp" });
    }
    symbol ||= r.symbol!;
    const price = g.price(r.price!), qty = g.qty(r.amount!);
    if (!Number.isFinite(price) || !Number.isFinite(qty)) {
      throw new InputError(`row ${i + 2}: price or amount is not a number`, { file });
    }
    if (book) {
      const snap = r.is_snapshot === "true";
      if (snap && !in_snap) out.push(ts, EV_SNAPSHOT, 0, 0);
      if (!snap && in_snap) out.push(ts, EV_SNAPSHOT_END, 0, 0);
      in_snap = snap;
      out.push(ts, r.side === "bid" ? EV_BID : EV_ASK, price, qty);
    } else {
      out.push(ts, r.side === "buy" ? EV_TRADE_BUY : EV_TRADE_SELL, price, qty);
    }
  });
  if (in_snap) out.push(out.ts[out.length - 1]!, EV_SNAPSHOT_END, 0, 0);
  return {
    symbol,
    tick: g.tick,
    lot: g.lot,
    format: book ? "tardis-incremental_book_L2" : "tardis-trades",
    gaps: 0,
    events: out.freeze(),
  };
}
