/**
 * Bybit v5 request signing: `HMAC_SHA256(secret, timestamp + api_key + recv_window + payload)`
 * as lowercase hex, where payload is the query string of a GET (as sent, unsorted) or the JSON
 * body of a POST; sent as the X-BAPI-* headers.
 * @module
 */
import type { Credentials } from "./credentials.ts";

/** Default receive window (ms), Bybit's documented default. */
export const RECV_WINDOW_MS = 5000;

/** The string that is signed. */
export function sign_payload(
  timestamp_ms: number,
  api_key: string,
  recv_window_ms: number,
  query_or_body: string,
): string {
  return `${timestamp_ms}${api_key}${recv_window_ms}${query_or_body}`;
}

/** The X-BAPI-* headers of a signed request. */
export async function signed_headers(
  creds: Credentials,
  timestamp_ms: number,
  query_or_body: string,
  recv_window_ms = RECV_WINDOW_MS,
): Promise<Record<string, string>> {
  const sign = await creds.hmac_hex(
    sign_payload(timestamp_ms, creds.api_key, recv_window_ms, query_or_body),
  );
  return {
    "X-BAPI-API-KEY": creds.api_key,
    "X-BAPI-TIMESTAMP": String(timestamp_ms),
    "X-BAPI-RECV-WINDOW": String(recv_window_ms),
    "X-BAPI-SIGN": sign,
  };
}

/** Signature of the private WebSocket `auth` operation: HMAC of `GET/realtime<expires>`. */
export function ws_auth_signature(creds: Credentials, expires_ms: number): Promise<string> {
  return creds.hmac_hex(`GET/realtime${expires_ms}`);
}

/** Base URLs of the REST and WebSocket APIs. */
export interface BybitEndpoints {
  rest: string;
  ws_public: string;
  ws_private: string;
}

/** Testnet or mainnet endpoints (linear perpetuals). */
export function bybit_endpoints(testnet: boolean): BybitEndpoints {
  return testnet
    ? {
      rest: "https://api-testnet.bybit.com",
      ws_public: "wss://stream-testnet.bybit.com/v5/public/linear",
      ws_private: "wss://stream-testnet.bybit.com/v5/private",
    }
    : {
      rest: "https://api.bybit.com",
      ws_public: "wss://stream.bybit.com/v5/public/linear",
      ws_private: "wss://stream.bybit.com/v5/private",
    };
}

/** Endpoints of a local server (tests): `http://host:port` → same host for REST and WS. */
export function local_endpoints(base_url: string): BybitEndpoints {
  const u = new URL(base_url);
  const ws = `${u.protocol === "https:" ? "wss" : "ws"}://${u.host}`;
  return {
    rest: base_url.replace(/\/$/, ""),
    ws_public: `${ws}/v5/public/linear`,
    ws_private: `${ws}/v5/private`,
  };
}
