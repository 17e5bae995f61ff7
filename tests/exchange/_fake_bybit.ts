/**
 * A local fake Bybit v5 server for tests (127.0.0.1 only): verifies HMAC signatures with an
 * independent implementation (node:crypto), keeps orders and positions in the seeded sim model,
 * and injects faults: 10006 rate limits with a reset header, HTTP 403/5xx, timeouts (with or
 * without the request taking effect), dropped WebSockets, out-of-order executions.
 * @module
 */
import { createHmac } from "node:crypto";
import { SimClock } from "../../lib/exchange/clock.ts";
import { Rng } from "../../lib/market/rng.ts";
import { sim_symbol, SimExchange } from "../../lib/exchange/sim.ts";
import type { Fill, OrderInfo, Side } from "../../lib/exchange/types.ts";
import { WsHub } from "./_fake_bybit_ws.ts";

/** Fault kinds. */
export type FaultKind = "rate_limit" | "http_403" | "http_5xx" | "timeout" | "ws_drop" | "reorder";
/** All fault kinds. */
export const ALL_FAULTS: FaultKind[] = [
  "rate_limit",
  "http_403",
  "http_5xx",
  "timeout",
  "ws_drop",
  "reorder",
];

/** Settings of the fake. */
export interface FakeBybitOptions {
  api_key: string;
  secret: string;
  seed?: number;
  /** Probability that a REST request meets a fault. */
  fault_rate?: number;
  faults?: FaultKind[];
  /** `/v5/order/cancel-all` always answers retCode 10016. */
  bulk_cancel_fails?: boolean;
  /** Market time (ms) that passes with each order request. */
  step_ms?: number;
  /** How long a "timeout" fault holds the response (the client gives up earlier). */
  hang_ms?: number;
  /** Rate-limit reset delay given in X-Bapi-Limit-Reset-Timestamp. */
  reset_ms?: number;
}

const PRIVATE = /^\/v5\/(order|position|execution)\//;

/** The running fake. */
export class FakeBybit {
  readonly url: string;
  readonly options: Required<FakeBybitOptions>;
  readonly sim: SimExchange;
  readonly hub: WsHub;
  readonly stats: Record<string, number> = {
    requests: 0,
    signed_ok: 0,
    bad_signatures: 0,
    rate_limit: 0,
    http_403: 0,
    http_5xx: 0,
    timeout: 0,
    ws_drop: 0,
    reorder: 0,
    orders_created: 0,
    duplicates_refused: 0,
  };
  /** Every request as received (URL, headers, body), to prove no secret ever leaves the client. */
  readonly wire: string[] = [];
  #server: Deno.HttpServer<Deno.NetAddr>;
  #rng: Rng;
  #executions: (Fill & { exec_time: number })[] = [];
  #touch = new Map<string, { bid: number; ask: number }>();
  #reorder_next = false;
  #faults_drawn = 0;
  #hangs = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();

  constructor(o: FakeBybitOptions) {
    this.options = {
      seed: 1,
      fault_rate: 0,
      faults: ALL_FAULTS,
      bulk_cancel_fails: false,
      step_ms: 250,
      hang_ms: 1500,
      reset_ms: 60,
      ...o,
    };
    this.#rng = new Rng(this.options.seed);
    this.sim = new SimExchange(new SimClock(1_700_000_000_000), {
      seed: this.options.seed,
      latency_median_ms: 1,
      spike_prob: 0,
      reject_rate: 0.02,
    });
    this.hub = new WsHub((args) => this.#verify_ws(args), (t) => this.#book_snapshot(t));
    this.#server = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      (req) => this.#handle(req),
    );
    this.url = `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** Open orders held by the exchange right now. */
  async open_order_count(): Promise<number> {
    return (await this.sim.open_orders()).length;
  }

  /** Stop: end hanging responses, close sockets and the server. */
  async close(): Promise<void> {
    for (const h of this.#hangs) (clearTimeout(h.timer), h.resolve());
    this.#hangs.clear();
    await this.hub.close();
    await this.#server.shutdown();
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/v5/public/linear") return this.hub.accept(req, false);
    if (url.pathname === "/v5/private") return this.hub.accept(req, true);
    const body = req.method === "POST" ? await req.text() : "";
    this.stats.requests! += 1;
    this.wire.push(`${req.method} ${req.url} ${JSON.stringify([...req.headers])} ${body}`);
    if (PRIVATE.test(url.pathname)) {
      const bad = this.#verify_rest(req.headers, req.method === "GET" ? url.search.slice(1) : body);
      if (bad) return json(bad);
    }
    const fault = this.#draw_fault();
    if (fault) this.stats[fault]! += 1;
    const reset = { "X-Bapi-Limit-Reset-Timestamp": String(Date.now() + this.options.reset_ms) };
    if (fault === "rate_limit") {
      return json({ retCode: 10006, retMsg: "Too many visits!" }, 200, reset);
    }
    if (fault === "http_403") {
      return new Response("access too frequent", { status: 403, headers: reset });
    }
    if (fault === "http_5xx") return new Response("bad gateway", { status: 502 });
    if (fault === "ws_drop") this.hub.drop_all();
    if (fault === "reorder") this.#reorder_next = true;
    // Half the timeouts happen after the request took effect (the response is lost).
    const applied_first = fault === "timeout" && this.#rng.next() < 0.5;
    if (fault === "timeout" && !applied_first) return await this.#hang();
    const res = await this.#route(req.method, url, body);
    await this.#publish();
    if (fault === "timeout") return await this.#hang();
    return res;
  }

  #draw_fault(): FaultKind | undefined {
    const o = this.options;
    if (o.fault_rate <= 0 || this.#rng.next() >= o.fault_rate) return undefined;
    // Kinds take turns, so every kind shows up once a run has had a few faults.
    return o.faults[this.#faults_drawn++ % o.faults.length];
  }

  #verify_rest(h: Headers, payload: string): Record<string, unknown> | undefined {
    const key = h.get("x-bapi-api-key");
    const ts = h.get("x-bapi-timestamp") ?? "";
    const recv = h.get("x-bapi-recv-window") ?? "";
    const sign = h.get("x-bapi-sign") ?? "";
    if (key !== this.options.api_key) {
      this.stats.bad_signatures! += 1;
      return { retCode: 10003, retMsg: "API key is invalid." };
    }
    const skew = Date.now() - Number(ts);
    const expected = createHmac("sha256", this.options.secret)
      .update(`${ts}${key}${recv}${payload}`)
      .digest("hex");
    if (sign !== expected || !(skew < Number(recv) && skew > -1000)) {
      this.stats.bad_signatures! += 1;
      return { retCode: 10004, retMsg: "error sign! origin_string[...]" };
    }
    this.stats.signed_ok! += 1;
    return undefined;
  }

  #verify_ws(args: unknown[]): Promise<boolean> {
    const [key, expires, sig] = args;
    const expected = createHmac("sha256", this.options.secret).update(`GET/realtime${expires}`)
      .digest("hex");
    return Promise.resolve(key === this.options.api_key && sig === expected);
  }

  /** Hold the response past the client's timeout (bounded; released at close). */
  #hang(): Promise<Response> {
    return new Promise((resolve) => {
      const h = {
        timer: setTimeout(() => {
          this.#hangs.delete(h);
          h.resolve();
        }, this.options.hang_ms),
        resolve: () => resolve(new Response("late", { status: 504 })),
      };
      this.#hangs.add(h);
    });
  }

  async #route(method: string, url: URL, body: string): Promise<Response> {
    const q = url.searchParams;
    const b = body ? JSON.parse(body) as Record<string, string> : {};
    switch (`${method} ${url.pathname}`) {
      case "GET /v5/market/instruments-info": {
        const f = sim_symbol(q.get("symbol") ?? "").filters;
        return ok({
          list: [{
            symbol: q.get("symbol"),
            priceFilter: { tickSize: String(f.tick_size) },
            lotSizeFilter: { qtyStep: String(f.step_size), minOrderQty: String(f.min_qty) },
          }],
        });
      }
      case "GET /v5/market/orderbook": {
        const t = this.sim.peek_quote(q.get("symbol") ?? "");
        return ok({
          s: t.symbol,
          b: [[String(t.bid), "5"]],
          a: [[String(t.ask), "5"]],
          ts: Date.now(),
        });
      }
      case "POST /v5/order/create": {
        if (this.sim.order(b.orderLinkId!)) {
          this.stats.duplicates_refused! += 1;
          return json({ retCode: 110072, retMsg: "OrderLinkedID is duplicate" });
        }
        this.sim.clock.advance(this.options.step_ms);
        this.stats.orders_created! += 1;
        const r = await this.sim.place_post_only({
          symbol: b.symbol!,
          side: b.side as Side,
          qty: Number(b.qty),
          price: Number(b.price),
          client_order_id: b.orderLinkId!,
        });
        if (r.reject_reason?.startsWith("10001")) {
          return json({ retCode: 10001, retMsg: "params error: simulated" });
        }
        if (r.status === "Rejected") {
          // As Bybit: accepted, then cancelled because it would take liquidity.
          this.#publish_order(this.sim.order(b.orderLinkId!)!, "EC_PostOnlyWillTakeLiquidity");
        }
        return ok({ orderId: r.order_id, orderLinkId: b.orderLinkId });
      }
      case "POST /v5/order/cancel": {
        const done = await this.sim.cancel(b.symbol!, b.orderLinkId!);
        if (!done) {
          return json({ retCode: 110001, retMsg: "order not exists or too late to cancel" });
        }
        const o = this.sim.order(b.orderLinkId!)!;
        this.#publish_order(o);
        return ok({ orderId: o.order_id, orderLinkId: o.client_order_id });
      }
      case "POST /v5/order/cancel-all": {
        if (this.options.bulk_cancel_fails) return json({ retCode: 10016, retMsg: "Server error" });
        const ids = await this.sim.cancel_all([b.symbol!]);
        const list = ids.map((cid) => this.sim.order(cid)!);
        for (const o of list) this.#publish_order(o);
        return ok({
          list: list.map((o) => ({ orderId: o.order_id, orderLinkId: o.client_order_id })),
          success: "1",
        });
      }
      case "GET /v5/order/realtime": {
        const cid = q.get("orderLinkId");
        const list = cid
          ? [this.sim.order(cid)].filter((o) => o !== undefined)
          : await this.sim.open_orders(q.get("symbol") ?? undefined);
        return ok({ list: list.map(raw_order), nextPageCursor: "" });
      }
      case "GET /v5/position/list": {
        const symbol = q.get("symbol") ?? "";
        const p = (await this.sim.positions()).find((x) => x.symbol === symbol);
        const qty = p?.qty ?? 0;
        return ok({
          list: [{
            symbol,
            side: qty > 0 ? "Buy" : qty < 0 ? "Sell" : "",
            size: String(Math.abs(qty)),
            avgPrice: String(p?.avg_price ?? 0),
          }],
        });
      }
      case "GET /v5/execution/list": {
        const symbol = q.get("symbol");
        const since = Number(q.get("startTime") ?? 0);
        const list = this.#executions.filter((x) => x.symbol === symbol && x.exec_time >= since);
        return ok({ list: list.map(raw_execution), nextPageCursor: "" });
      }
    }
    return json({ retCode: 10001, retMsg: `unknown route ${url.pathname}` }, 404);
  }

  /** Push new fills (execution, order, position topics) and book changes to subscribers. */
  async #publish(): Promise<void> {
    const fills = await this.sim.drain_fills();
    const delay = this.#reorder_next && fills.length > 0 ? 25 : 0;
    if (delay) this.#reorder_next = false;
    for (const f of fills) {
      const x = { ...f, exec_time: Date.now() };
      this.#executions.push(x);
      this.hub.publish({ topic: "execution", data: [raw_execution(x)] }, delay);
      this.#publish_order(this.sim.order(f.client_order_id)!, undefined, delay);
    }
    for (const [symbol, prev] of this.#touch) {
      const t = this.sim.peek_quote(symbol);
      if (t.bid === prev.bid && t.ask === prev.ask) continue;
      this.#touch.set(symbol, { bid: t.bid, ask: t.ask });
      const b = t.bid === prev.bid ? [] : [[String(prev.bid), "0"], [String(t.bid), "5"]];
      const a = t.ask === prev.ask ? [] : [[String(prev.ask), "0"], [String(t.ask), "5"]];
      this.hub.publish({
        topic: `orderbook.50.${symbol}`,
        type: "delta",
        ts: Date.now(),
        data: { s: symbol, b, a },
      });
    }
  }

  #publish_order(o: OrderInfo, reject?: string, delay = 0): void {
    this.hub.publish({
      topic: "order",
      data: [{ ...raw_order(o), rejectReason: reject ?? "EC_NoError" }],
    }, delay);
  }

  #book_snapshot(topic: string): Record<string, unknown> | undefined {
    const m = topic.match(/^orderbook\.50\.(\w+)$/);
    if (!m) return undefined;
    const t = this.sim.peek_quote(m[1]!);
    this.#touch.set(m[1]!, { bid: t.bid, ask: t.ask });
    return {
      topic,
      type: "snapshot",
      ts: Date.now(),
      data: { s: m[1], b: [[String(t.bid), "5"]], a: [[String(t.ask), "5"]] },
    };
  }
}

function raw_order(o: OrderInfo): Record<string, string> {
  const status = {
    Open: "New",
    PartiallyFilled: "PartiallyFilled",
    Filled: "Filled",
    Canceled: "Cancelled",
    Rejected: "Cancelled",
  }[o.status];
  return {
    orderId: o.order_id,
    orderLinkId: o.client_order_id,
    symbol: o.symbol,
    side: o.side,
    price: String(o.price),
    qty: String(o.qty),
    cumExecQty: String(o.filled_qty),
    orderStatus: status,
  };
}

function raw_execution(x: Fill & { exec_time: number }): Record<string, string> {
  return {
    execId: x.exec_id,
    orderId: x.order_id,
    orderLinkId: x.client_order_id,
    symbol: x.symbol,
    side: x.side,
    execQty: String(x.qty),
    execPrice: String(x.price),
    execTime: String(x.exec_time),
    execType: "Trade",
    leavesQty: x.order_done ? "0" : "1",
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function ok(result: unknown): Response {
  return json({ retCode: 0, retMsg: "OK", result, time: Date.now() });
}
