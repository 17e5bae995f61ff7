/**
 * One Bybit v5 WebSocket stream (public or private): connect with a timeout, authenticate
 * (private), subscribe, heartbeat. A dropped connection is not re-opened in the background: the
 * owner calls {@linkcode BybitStream.ensure} before using the data, which reconnects (bounded,
 * with a timeout) and reports whether a gap may have happened, so the owner can resync by REST.
 * @module
 */
import type { Credentials } from "./credentials.ts";
import { ws_auth_signature } from "./sign.ts";

/** Settings of a stream. */
export interface StreamOptions {
  url: string;
  topics: string[];
  /** Authenticate first (private stream). */
  credentials?: Credentials;
  connect_timeout_ms: number;
  /** Called for every data message (parsed JSON with a `topic`). */
  on_message: (msg: { topic: string; type?: string; data: unknown }) => void;
  /** Wall-clock ms for the auth `expires` (injected for tests). */
  now_ms?: () => number;
}

/** A WebSocket stream with explicit, bounded reconnection. */
export class BybitStream {
  readonly options: StreamOptions;
  #ws: WebSocket | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  #closed = false;
  /** Connections opened, and connections lost without our asking. */
  connects = 0;
  drops = 0;

  constructor(options: StreamOptions) {
    this.options = options;
  }

  /** True while the socket is open. */
  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /**
   * Make sure the stream is up: resolves to true when it (re)connected now (a gap may have
   * happened), false when it was already up. Throws when the connection cannot be made in time.
   */
  async ensure(): Promise<boolean> {
    if (this.#closed) throw new Error("Stream closed");
    if (this.connected) return false;
    await this.#open();
    return true;
  }

  /** Close for good; idempotent. */
  close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#ping);
    const ws = this.#ws;
    this.#ws = undefined;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      // A peer that never completes the closing handshake must not hold us: give it 1 s.
      const timer = setTimeout(resolve, 1000);
      ws.addEventListener("close", () => (clearTimeout(timer), resolve()), { once: true });
      if (ws.readyState !== WebSocket.CLOSING) ws.close();
    });
  }

  async #open(): Promise<void> {
    const o = this.options;
    const host = new URL(o.url).host;
    const ws = new WebSocket(o.url);
    let pending: { op: string; resolve: () => void; reject: (e: Error) => void } | undefined;
    const failed = (why: string) => new Error(`WebSocket ${host}: ${why}`);
    const timer = setTimeout(() => {
      pending?.reject(failed(`no answer within ${o.connect_timeout_ms} ms`));
      ws.close();
    }, o.connect_timeout_ms);
    const step = (op: string, send?: () => void | Promise<void>) =>
      new Promise<void>((resolve, reject) => {
        pending = { op, resolve, reject };
        Promise.resolve(send?.()).catch(reject);
      });
    ws.onmessage = (ev) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (typeof msg.op === "string") {
        if (pending && msg.op === pending.op) {
          const p = pending;
          pending = undefined;
          if (msg.success === false) p.reject(failed(`${msg.op} refused`));
          else p.resolve();
        }
        return;
      }
      if (typeof msg.topic === "string") {
        o.on_message(msg as { topic: string; type?: string; data: unknown });
      }
    };
    ws.onclose = () => {
      pending?.reject(failed("connection closed"));
      clearInterval(this.#ping);
      if (this.#ws === ws && !this.#closed) this.drops += 1;
    };
    try {
      await step("open", () => {
        ws.onopen = () => pending?.op === "open" && pending.resolve();
        ws.onerror = () => pending?.reject(failed("cannot connect"));
      });
      if (o.credentials) {
        const creds = o.credentials;
        await step("auth", async () => {
          const expires = (o.now_ms?.() ?? Date.now()) + 10_000;
          const sig = await ws_auth_signature(creds, expires);
          ws.send(JSON.stringify({ op: "auth", args: [creds.api_key, expires, sig] }));
        });
      }
      await step("subscribe", () => ws.send(JSON.stringify({ op: "subscribe", args: o.topics })));
    } catch (e) {
      ws.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
    this.#ws = ws;
    this.connects += 1;
    // Bybit drops connections that stay silent for about 30 s.
    this.#ping = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op: "ping" }));
    }, 20_000);
  }
}
