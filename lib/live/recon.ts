/**
 * Reconciliation of local orders and positions against the exchange (SPEC §5.6), with the
 * normaliser `ensure_mapping` actually wired in (SPEC §10.4 item 41).
 * @module
 */
import type { Exchange } from "../exchange/types.ts";
import type { OrderStore } from "./order_store.ts";

/**
 * A dict as is; a list → a dict keyed by `item[key]` (when `key` is given and present) or by the
 * index (later duplicates overwrite earlier ones); anything else → `{value: obj}`.
 */
export function ensure_mapping(obj: unknown, key?: string): Record<string, unknown> {
  if (Array.isArray(obj)) {
    const out: Record<string, unknown> = {};
    obj.forEach((item, i) => {
      const k = key !== undefined && item !== null && typeof item === "object" && key in item
        ? String((item as Record<string, unknown>)[key])
        : String(i);
      out[k] = item;
    });
    return out;
  }
  if (obj !== null && typeof obj === "object") return obj as Record<string, unknown>;
  return { value: obj };
}

/** Per-symbol position difference. */
export interface PositionDelta {
  local: number;
  remote: number;
  delta: number;
}

/** The report's `recon` section. */
export interface ReconResult {
  timestamp_ms: number;
  symbols: string[];
  orders_local_only: string[];
  orders_remote_only: string[];
  position_deltas: Record<string, PositionDelta>;
  divergence_count: number;
}

/**
 * Compare the store's working orders and `local_positions` with the exchange's open orders and
 * positions. Position deltas smaller than `tolerance` (half a lot) are not divergences.
 */
export async function reconcile(
  exchange: Exchange,
  store: OrderStore,
  local_positions: ReadonlyMap<string, number>,
  symbols: readonly string[],
  now_ms: number,
  tolerance: (symbol: string) => number,
): Promise<ReconResult> {
  const remote_orders = ensure_mapping(await exchange.open_orders(), "client_order_id");
  const remote_pos = ensure_mapping(await exchange.positions(), "symbol");
  const local_orders = ensure_mapping(store.working(), "client_order_id");
  const local_ids = Object.keys(local_orders);
  const remote_ids = Object.keys(remote_orders);
  const orders_local_only = local_ids.filter((k) => !(k in remote_orders)).sort();
  const orders_remote_only = remote_ids.filter((k) => !(k in local_orders)).sort();
  const position_deltas: Record<string, PositionDelta> = {};
  for (const s of [...symbols].sort()) {
    const local = local_positions.get(s) ?? 0;
    const r = remote_pos[s] as { qty?: number } | undefined;
    const remote = typeof r?.qty === "number" ? r.qty : 0;
    const delta = remote - local;
    if (Math.abs(delta) > tolerance(s)) position_deltas[s] = { local, remote, delta };
  }
  return {
    timestamp_ms: now_ms,
    symbols: [...symbols].sort(),
    orders_local_only,
    orders_remote_only,
    position_deltas,
    divergence_count: orders_local_only.length + orders_remote_only.length +
      Object.keys(position_deltas).length,
  };
}
