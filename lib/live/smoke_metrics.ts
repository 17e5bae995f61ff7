/**
 * The smoke command's counters on the run's registry (names used by monitoring/prometheus
 * alerts): orders placed / filled / rejected / canceled, freeze events, circuit breaker state.
 * Values are read from the loop at scrape time, so they are always consistent with the report.
 * @module
 */
import client from "prom-client";

/** What the metrics read at each scrape. */
export interface SmokeCounts {
  placed: number;
  fills: number;
  rejected: number;
  canceled: number;
  freeze_events: number;
  /** 1 while the circuit breaker is open (or half-open), else 0. */
  breaker_open: number;
}

const COUNTERS: [keyof SmokeCounts, string, string][] = [
  ["placed", "mm_orders_placed_total", "Orders accepted by the exchange"],
  ["fills", "mm_orders_filled_total", "Fills received"],
  ["rejected", "mm_orders_rejected_total", "Orders rejected by the exchange"],
  ["canceled", "mm_orders_canceled_total", "Orders canceled"],
  ["freeze_events", "mm_freeze_events_total", "Freeze events of the live loop"],
];

/** Register the counters and the breaker gauge on `registry`, fed by `read`. */
export function register_smoke_metrics(registry: client.Registry, read: () => SmokeCounts): void {
  for (const [key, name, help] of COUNTERS) {
    let seen = 0;
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read()[key];
        // Counters only go up: add what happened since the last scrape.
        if (now > seen) this.inc(now - seen);
        seen = Math.max(seen, now);
      },
    });
  }
  new client.Gauge({
    name: "mm_circuit_breaker_state",
    help: "1 while the rate-limit circuit breaker is open, else 0",
    registers: [registry],
    collect() {
      this.set(read().breaker_open);
    },
  });
}
