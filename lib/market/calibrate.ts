/**
 * Calibrate a sim scenario's microstructure from a real recording: replay its events through
 * the WASM book and measure the fair-price volatility (1-s mid log-returns, robust scale) and
 * jumps (returns beyond 4 robust σ), the touch spread, the depth profile and level occupancy per
 * 1-bps bucket (sampled every second), the rate of aggressive orders (trades grouped by
 * millisecond and side) and their USD size (lognormal fit), and how often one aggressive order
 * walks 2 bps or more (the tail that fills a maker quoting there).
 * @module
 */
import { Book } from "../core/mod.ts";
import {
  apply_snapshot_at,
  EV_SNAPSHOT,
  EV_TRADE_BUY,
  type NormalisedRecording,
} from "./events.ts";

/** What `calibrate` measures (units in the names). */
export interface Calibration {
  duration_s: number;
  vol_bps_per_sqrt_s: number;
  jump_rate_per_s: number;
  jump_bps: number;
  spread_ticks: number;
  depth_usd_per_bps: number[];
  occupancy_by_bps: number[];
  trade_rate_per_s: number;
  trade_size_log_mu: number;
  trade_size_log_sigma: number;
  sweeps_2bps_per_s: number;
}

const BUCKETS = 12;

/** Measure `rec` (one symbol). Deterministic; the recording needs a snapshot and trades. */
export function calibrate(rec: NormalisedRecording): Calibration {
  const ev = rec.events;
  const book = new Book({ tick_size: rec.tick, lot_size: rec.lot });
  const depth = new Float64Array(BUCKETS), occ = new Float64Array(BUCKETS);
  const mids: number[] = [], spreads: number[] = [];
  const sizes: number[] = [];
  let sweeps = 0;
  let group_key = NaN, group_usd = 0, group_lo = Infinity, group_hi = -Infinity, group_mid = NaN;
  const close_group = () => {
    if (group_usd > 0) {
      sizes.push(group_usd);
      if ((group_hi - group_lo) / group_mid * 1e4 >= 2) sweeps++;
    }
    group_usd = 0;
    group_lo = Infinity;
    group_hi = -Infinity;
  };
  const t0 = ev.ts[0]!, t_end = ev.ts[ev.length - 1]!;
  let next = t0 + 1000, i = 0;
  try {
    while (i < ev.length) {
      if (ev.kind[i] === EV_SNAPSHOT) {
        i = apply_snapshot_at(book, ev, i);
        continue;
      }
      let j = i;
      while (j < ev.length && ev.kind[j]! < EV_SNAPSHOT && ev.ts[j]! < next) j++;
      const mid = book.mid();
      for (let k = i; k < j; k++) {
        if (ev.kind[k]! < EV_TRADE_BUY) continue;
        const key = Math.round(ev.ts[k]!) * 2 + ev.kind[k]! - EV_TRADE_BUY;
        if (key !== group_key) {
          close_group();
          group_key = key;
          group_mid = Number.isFinite(mid) ? mid : ev.price[k]!;
        }
        group_usd += ev.qty[k]! * ev.price[k]!;
        group_lo = Math.min(group_lo, ev.price[k]!);
        group_hi = Math.max(group_hi, ev.price[k]!);
      }
      if (j > i) book.apply(ev.kind.subarray(i, j), ev.price.subarray(i, j), ev.qty.subarray(i, j));
      i = j;
      if (i < ev.length && ev.ts[i]! >= next) {
        sample(book, rec.tick, mids, spreads, depth, occ);
        next += 1000;
      }
    }
  } finally {
    book.dispose();
  }
  close_group();
  const n = mids.length;
  const rets: number[] = [];
  for (let k = 1; k < n; k++) {
    if (mids[k]! > 0 && mids[k - 1]! > 0) rets.push(Math.log(mids[k]! / mids[k - 1]!) * 1e4);
  }
  const abs = rets.map(Math.abs).sort((a, b) => a - b);
  // Robust σ: median |r| / 0.6745 (normal); jumps are the returns beyond 4 of those.
  const sigma_r = (abs[Math.floor(abs.length / 2)] ?? 0) / 0.6745;
  const jumps = rets.filter((r) => Math.abs(r) > 4 * sigma_r);
  const diffusive = rets.filter((r) => Math.abs(r) <= 4 * sigma_r);
  const vol = Math.sqrt(diffusive.reduce((a, r) => a + r * r, 0) / Math.max(1, diffusive.length));
  const logs = sizes.map(Math.log);
  const mu = logs.reduce((a, b) => a + b, 0) / Math.max(1, logs.length);
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, logs.length));
  const dur = (t_end - t0) / 1000;
  const sorted_spreads = spreads.sort((a, b) => a - b);
  return {
    duration_s: dur,
    vol_bps_per_sqrt_s: vol,
    jump_rate_per_s: jumps.length / dur,
    jump_bps: jumps.length ? Math.sqrt(jumps.reduce((a, r) => a + r * r, 0) / jumps.length) : 0,
    spread_ticks: Math.round(sorted_spreads[Math.floor(sorted_spreads.length / 2)] ?? 1),
    depth_usd_per_bps: Array.from(depth, (d) => n ? d / n : 0),
    occupancy_by_bps: Array.from(occ, (o) => n ? o / n : 0),
    trade_rate_per_s: sizes.length / dur,
    trade_size_log_mu: mu,
    trade_size_log_sigma: sd,
    sweeps_2bps_per_s: sweeps / dur,
  };
}

function sample(
  book: Book,
  tick: number,
  mids: number[],
  spreads: number[],
  depth: Float64Array,
  occ: Float64Array,
): void {
  const top = book.top();
  if (!Number.isFinite(top.mid) || top.crossed) return;
  mids.push(top.mid);
  spreads.push(Math.round(top.spread / tick));
  const tpb = top.mid / tick / 1e4;
  for (const side of [0, 1] as const) {
    const touch = side === 0 ? top.bid : top.ask;
    const d = book.depth(side, Math.ceil(tpb * BUCKETS) + 1);
    for (let k = 0; k < d.price.length; k++) {
      // Buckets are counted from the touch, as the generator's profile is.
      const b = Math.floor(Math.abs(d.price[k]! - touch) / top.mid * 1e4);
      if (b >= BUCKETS) break;
      depth[b] = depth[b]! + d.qty[k]! * d.price[k]! / 2;
      occ[b] = occ[b]! + 1 / (2 * tpb);
    }
  }
}
