/**
 * Test-only reference L2 book: plain Maps and linear scans, written from the documented rules
 * of lib/core (not from the Rust code's data structures). It is the differential oracle of the
 * WASM book and the "TS reference" of the benchmarks.
 * @module
 */

/** Queue model of the reference: 0 risk-averse, 1 power, 2 power3 (as lib/core). */
export interface RefModel {
  kind: 0 | 1 | 2;
  n: number;
  lot: number;
}

/** A resting order of the reference. */
export interface RefOrder {
  id: number;
  side: 0 | 1;
  tick: number;
  leaves: number;
  front: number;
  cum_trade: number;
}

/** One fill of the reference. */
export interface RefFill {
  id: number;
  side: number;
  price: number;
  qty: number;
  leaves: number;
  event: number;
}

/** Map-based L2 book with the same event semantics as `Book`. */
export class RefBook {
  readonly levels: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  orders: RefOrder[] = [];
  fills: RefFill[] = [];

  constructor(readonly tick: number, readonly model: RefModel) {
    const inv = Math.round(1 / tick);
    this.per_unit = inv >= 1 && Math.abs(inv * tick - 1) < 1e-12 ? inv : 0;
  }

  /** 1/tick on decimal grids (0 otherwise): prices are price × it, ticks tick / it. */
  readonly per_unit: number;

  to_tick(price: number): number | undefined {
    const t = Math.round(this.per_unit > 0 ? price * this.per_unit : price / this.tick);
    return price > 0 && Number.isFinite(t) ? t : undefined;
  }

  price(tick: number): number {
    return this.per_unit > 0 ? tick / this.per_unit : tick * this.tick;
  }

  /** Best tick of a side, undefined when empty (linear scan). */
  best(side: 0 | 1): number | undefined {
    let best: number | undefined;
    for (const t of this.levels[side].keys()) {
      if (best === undefined || (side === 0 ? t > best : t < best)) best = t;
    }
    return best;
  }

  /** Levels of a side sorted best first. */
  sorted(side: 0 | 1): [number, number][] {
    return [...this.levels[side]].sort((a, b) => (side === 0 ? b[0] - a[0] : a[0] - b[0]));
  }

  #prob(front: number, back: number): number {
    const { kind, n } = this.model;
    const p = kind === 2
      ? 1 - Math.pow(front / (front + back), n)
      : Math.pow(back, n) / (Math.pow(back, n) + Math.pow(front, n));
    return Number.isFinite(p) ? p : 1;
  }

  #depth(o: RefOrder, prev: number, next: number): void {
    if (this.model.kind === 0) {
      o.front = Math.min(o.front, next);
      return;
    }
    const chg = prev - next - o.cum_trade;
    o.cum_trade = 0;
    if (chg < 0) {
      o.front = Math.min(o.front, next);
      return;
    }
    const front = o.front;
    const back = prev - front;
    const p = this.#prob(front, back);
    const est = front - (1 - p) * chg + Math.min(back - p * chg, 0);
    o.front = Math.max(Math.min(est, next), 0);
  }

  #set(side: 0 | 1, tick: number, qty: number): void {
    const m = this.levels[side];
    const prev = m.get(tick) ?? 0;
    const next = qty > 0 ? qty : 0;
    if (next > 0) m.set(tick, next);
    else m.delete(tick);
    if (prev === next) return;
    for (const o of this.orders) if (o.side === side && o.tick === tick) this.#depth(o, prev, next);
  }

  #trade(buy: boolean, tick: number, qty: number, event: number): void {
    const side = buy ? 1 : 0;
    for (let i = 0; i < this.orders.length;) {
      const o = this.orders[i]!;
      let exec = 0;
      if (o.side === side) {
        const through = side === 1 ? o.tick < tick : o.tick > tick;
        if (through) {
          exec = o.leaves;
          o.leaves = 0;
        } else if (o.tick === tick) {
          o.front -= qty;
          if (this.model.kind !== 0) o.cum_trade += qty;
          const lots = Math.round(-o.front / this.model.lot);
          if (lots > 0) {
            exec = Math.min(lots * this.model.lot, o.leaves);
            o.front = 0;
            o.leaves -= exec;
            if (o.leaves <= this.model.lot * 0.5) o.leaves = 0;
          }
        }
      }
      if (exec > 0) {
        this.fills.push({
          id: o.id,
          side: o.side,
          price: this.price(o.tick),
          qty: exec,
          leaves: o.leaves,
          event,
        });
        if (o.leaves <= 0) {
          // Same removal order as the WASM book (swap-remove), so fill order matches.
          this.orders[i] = this.orders[this.orders.length - 1]!;
          this.orders.pop();
          continue;
        }
      }
      i++;
    }
  }

  /** Same contract as `Book.apply`. */
  apply(kinds: ArrayLike<number>, prices: ArrayLike<number>, qtys: ArrayLike<number>): number {
    this.fills = [];
    let rejected = 0;
    for (let i = 0; i < kinds.length; i++) {
      const k = kinds[i]!, q = qtys[i]!;
      const t = this.to_tick(prices[i]!);
      if (t === undefined || Number.isNaN(q)) {
        rejected++;
      } else if (k === 0 || k === 1) {
        this.#set(k, t, q);
      } else if ((k === 2 || k === 3) && q > 0) {
        if (this.orders.length > 0) this.#trade(k === 2, t, q, i);
      } else {
        rejected++;
      }
    }
    return rejected;
  }

  add_order(id: number, side: 0 | 1, price: number, qty: number): void {
    const tick = this.to_tick(price)!;
    const front = this.levels[side].get(tick) ?? 0;
    this.orders.push({ id, side, tick, leaves: qty, front, cum_trade: 0 });
  }

  cancel_order(id: number): boolean {
    const i = this.orders.findIndex((o) => o.id === id);
    if (i < 0) return false;
    this.orders[i] = this.orders[this.orders.length - 1]!;
    this.orders.pop();
    return true;
  }

  depth(side: 0 | 1, n: number): { price: number[]; qty: number[] } {
    const lv = this.sorted(side).slice(0, n);
    return { price: lv.map(([t]) => this.price(t)), qty: lv.map(([, q]) => q) };
  }

  vwap(side: 0 | 1, size: number): { vwap: number; filled: number; worst: number } {
    let notional = 0, filled = 0, worst = NaN;
    for (const [t, q] of this.sorted(side)) {
      if (filled >= size) break;
      const take = Math.min(q, size - filled);
      notional += take * this.price(t);
      filled += take;
      worst = this.price(t);
    }
    return filled > 0
      ? { vwap: notional / filled, filled, worst }
      : { vwap: NaN, filled: 0, worst };
  }
}
