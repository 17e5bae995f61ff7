/**
 * A tiny `/metrics` HTTP endpoint over a prom-client registry, bound to loopback by default.
 * @module
 */
import type client from "prom-client";

/** Options of {@linkcode serve_metrics}. */
export interface ServeMetricsOptions {
  /** TCP port; 0 picks an ephemeral port (see {@linkcode MetricsServer.port}). */
  port: number;
  /** Interface to bind; defaults to 127.0.0.1 so metrics are never exposed by accident. */
  hostname?: string;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** The bound port (the real one when 0 was asked). */
  readonly port: number;
  /** The bound interface. */
  readonly hostname: string;
  /** `http://host:port/metrics`. */
  readonly url: string;
  /** Stop listening; resolves when the server has shut down. */
  close(): Promise<void>;
}

/**
 * Serve `GET /metrics` (text exposition of `registry`); other paths answer 404, other methods 405.
 * Throws (e.g. `Deno.errors.AddrInUse`) when the port cannot be bound.
 */
export function serve_metrics(
  registry: client.Registry,
  options: ServeMetricsOptions,
): MetricsServer {
  const hostname = options.hostname ?? "127.0.0.1";
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new RangeError(`Metrics port must be an integer in 0..65535, got ${options.port}`);
  }
  const server = Deno.serve({ port: options.port, hostname, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (path !== "/metrics") return new Response("not found\n", { status: 404 });
    if (req.method !== "GET" && req.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405 });
    }
    const body = await registry.metrics();
    return new Response(req.method === "HEAD" ? null : body, {
      headers: { "content-type": registry.contentType },
    });
  });
  const addr = server.addr as Deno.NetAddr;
  let closed: Promise<void> | undefined;
  return {
    port: addr.port,
    hostname: addr.hostname,
    url: `http://${addr.hostname}:${addr.port}/metrics`,
    close() {
      closed ??= server.shutdown().then(() => server.finished);
      return closed;
    },
  };
}
