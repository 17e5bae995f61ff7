/**
 * Bybit v5 REST transport: signed GET/POST with a timeout on every request, Bybit's retCodes and
 * HTTP statuses mapped to {@linkcode ExchangeError} kinds, and every call routed through the
 * {@linkcode ResilientCaller} (breaker, rate limiter, retries).
 * @module
 */
import type { Clock } from "../clock.ts";
import type { ResilientCaller } from "../resilience/caller.ts";
import { ExchangeError, type ExchangeErrorKind } from "../types.ts";
import type { Credentials } from "./credentials.ts";
import { RECV_WINDOW_MS, signed_headers } from "./sign.ts";

/** Settings of the REST transport. */
export interface RestOptions {
  base_url: string;
  credentials?: Credentials;
  clock: Clock;
  caller: ResilientCaller;
  /** Per-request timeout (ms). */
  timeout_ms: number;
  recv_window_ms?: number;
}

/** The retCode of a duplicate `orderLinkId`. */
export const DUPLICATE_ORDER_LINK_ID = 110072;
/** The retCode of an order that does not exist (or is no longer open). */
export const ORDER_NOT_FOUND = 110001;

/** Kind of a Bybit retCode (https://bybit-exchange.github.io/docs/v5/error). */
export function ret_code_kind(code: number): ExchangeErrorKind {
  if (code === 10006 || code === 10018) return "rate_limit";
  if (code === 10016 || code === 10019 || code === 10002) return "transient";
  if (code === 10003 || code === 10004 || code === 10005 || code === 10007) return "auth";
  if (code === ORDER_NOT_FOUND || code === 110008 || code === 170213) return "not_found";
  return "rejected";
}

/** Kind of a non-200 HTTP status: 403/429 are Bybit's IP rate limit, 5xx are transient. */
export function http_status_kind(status: number): ExchangeErrorKind {
  if (status === 403 || status === 429) return "rate_limit";
  if (status === 401) return "auth";
  if (status >= 500) return "transient";
  return "fatal";
}

/** Signed Bybit REST client. */
export class BybitRest {
  readonly options: RestOptions;
  constructor(options: RestOptions) {
    this.options = options;
  }

  /** GET `path` with `params` (query string in the given order); signed when credentials exist. */
  get<T>(path: string, params: Record<string, string>): Promise<T> {
    const query = new URLSearchParams(params).toString();
    return this.options.caller.call(() => this.#send<T>("GET", path, query));
  }

  /**
   * POST `body` as JSON. A retried order create may meet its own first attempt as a duplicate
   * (retCode 110072); the adapter resolves that by looking the order up.
   */
  post<T>(path: string, body: Record<string, unknown>): Promise<T> {
    const json = JSON.stringify(body);
    return this.options.caller.call(() => this.#send<T>("POST", path, json));
  }

  async #send<T>(method: "GET" | "POST", path: string, payload: string): Promise<T> {
    const o = this.options;
    const url = `${o.base_url}${path}${method === "GET" && payload ? `?${payload}` : ""}`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (o.credentials) {
      Object.assign(
        headers,
        await signed_headers(
          o.credentials,
          o.clock.now_ms(),
          payload,
          o.recv_window_ms ?? RECV_WINDOW_MS,
        ),
      );
    }
    const what = `${method} ${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: method === "POST" ? payload : undefined,
        signal: AbortSignal.timeout(o.timeout_ms),
      });
    } catch (e) {
      const name = e instanceof Error ? e.name : "";
      if (name === "TimeoutError" || name === "AbortError") {
        throw new ExchangeError("transient", `${what} timed out after ${o.timeout_ms} ms`);
      }
      throw new ExchangeError("transient", `${what}: cannot reach ${new URL(o.base_url).host}`);
    }
    const reset = Number(res.headers.get("x-bapi-limit-reset-timestamp"));
    const reset_at_ms = Number.isFinite(reset) && reset > 0 ? reset : undefined;
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ExchangeError("transient", `${what}: connection dropped while reading the body`);
    }
    if (res.status !== 200) {
      throw new ExchangeError(http_status_kind(res.status), `${what}: HTTP ${res.status}`, {
        code: res.status,
        reset_at_ms,
      });
    }
    let body: { retCode?: unknown; retMsg?: unknown; result?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ExchangeError("transient", `${what}: invalid JSON response`);
    }
    const code = typeof body.retCode === "number" ? body.retCode : -1;
    if (code !== 0) {
      const msg = this.#scrub(String(body.retMsg ?? "")).slice(0, 200);
      throw new ExchangeError(ret_code_kind(code), `${what}: retCode ${code} ${msg}`.trim(), {
        code,
        reset_at_ms,
      });
    }
    return body.result as T;
  }

  /** Exchange text never carries the secret into our messages, whatever the server echoes. */
  #scrub(text: string): string {
    return this.options.credentials?.leaks_into(text) ? "(message withheld)" : text;
  }
}
