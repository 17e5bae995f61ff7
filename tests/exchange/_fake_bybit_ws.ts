/**
 * WebSocket side of the fake Bybit server (tests only): public order book / trades, private
 * auth + order / execution / position topics, ping, forced drops and delayed (out-of-order)
 * delivery.
 * @module
 */

/** A connected client socket and what it subscribed to. */
interface Client {
  ws: WebSocket;
  private: boolean;
  authed: boolean;
  topics: Set<string>;
}

/** Hub of the fake server's sockets. */
export class WsHub {
  #clients = new Set<Client>();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #verify_auth: (args: unknown[]) => Promise<boolean>;
  #snapshot: (topic: string) => Record<string, unknown> | undefined;
  drops = 0;
  delayed = 0;

  constructor(
    verify_auth: (args: unknown[]) => Promise<boolean>,
    snapshot: (topic: string) => Record<string, unknown> | undefined,
  ) {
    this.#verify_auth = verify_auth;
    this.#snapshot = snapshot;
  }

  /** Accept an upgrade request on the public or private path. */
  accept(req: Request, is_private: boolean): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    const c: Client = { ws: socket, private: is_private, authed: false, topics: new Set() };
    socket.onopen = () => this.#clients.add(c);
    socket.onclose = () => this.#clients.delete(c);
    socket.onerror = () => {};
    socket.onmessage = (ev) => void this.#on_message(c, String(ev.data));
    return response;
  }

  async #on_message(c: Client, text: string): Promise<void> {
    let m: { op?: string; args?: unknown[] };
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    const reply = (o: Record<string, unknown>) => {
      if (c.ws.readyState === WebSocket.OPEN) c.ws.send(JSON.stringify(o));
    };
    if (m.op === "ping") return reply({ op: "pong", success: true });
    if (m.op === "auth") {
      c.authed = await this.#verify_auth(m.args ?? []);
      return reply({ op: "auth", success: c.authed, ret_msg: c.authed ? "" : "Invalid sign" });
    }
    if (m.op === "subscribe") {
      const topics = (m.args ?? []).map(String);
      if (c.private && !c.authed) return reply({ op: "subscribe", success: false });
      for (const t of topics) c.topics.add(t);
      reply({ op: "subscribe", success: true });
      for (const t of topics) {
        const snap = this.#snapshot(t);
        if (snap) reply(snap);
      }
    }
  }

  /** Send `msg` to every subscriber of its topic; with `delay_ms` it is sent later. */
  publish(msg: { topic: string } & Record<string, unknown>, delay_ms = 0): void {
    const text = JSON.stringify(msg);
    const send = () => {
      for (const c of this.#clients) {
        if (c.topics.has(msg.topic) && c.ws.readyState === WebSocket.OPEN) c.ws.send(text);
      }
    };
    if (delay_ms <= 0) return send();
    this.delayed += 1;
    const t = setTimeout(() => {
      this.#timers.delete(t);
      send();
    }, delay_ms);
    this.#timers.add(t);
  }

  /** Drop every connection (a fault). */
  drop_all(): void {
    for (const c of this.#clients) {
      if (c.ws.readyState === WebSocket.OPEN) {
        this.drops += 1;
        c.ws.close(1011, "fault injected");
      }
    }
  }

  /** Close everything, cancel pending deliveries. */
  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    const closing = [...this.#clients].map((c) =>
      new Promise<void>((resolve) => {
        if (c.ws.readyState === WebSocket.CLOSED) return resolve();
        c.ws.addEventListener("close", () => resolve(), { once: true });
        c.ws.close();
      })
    );
    await Promise.all(closing);
  }
}
