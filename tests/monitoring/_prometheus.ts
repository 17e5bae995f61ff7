/**
 * Start a real Prometheus server (Debian's `prometheus`) on 127.0.0.1 for a test, scraping given
 * targets every second, and query it through its HTTP API. Always stopped by `close()`.
 * @module
 */
import { assert, assertAlmostEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { histogram_quantile } from "../../lib/stats/histogram.ts";
import { percentile } from "../../lib/stats/percentile.ts";
import { stringify_yaml } from "../../lib/deps/yaml.ts";

/** A free TCP port on 127.0.0.1 (bound then released; Prometheus binds it right after). */
export function free_port(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** A running Prometheus. */
export interface Prometheus {
  readonly url: string;
  /** Instant query; resolves to the result vector (empty when no series yet). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Instant query at `time` (Unix seconds, as returned in `value[0]`). */
  query_at(
    expr: string,
    time: number,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Poll `expr` every 200 ms until it returns a non-empty vector or `timeout_ms` passes. */
  wait_for(
    expr: string,
    timeout_ms: number,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Stop the server (SIGTERM, then SIGKILL after 5 s) and remove its data directory. */
  close(): Promise<void>;
  /** Prometheus's own log, for failure messages. */
  log(): string;
}

/** Start Prometheus scraping `targets` ("127.0.0.1:port") every second under job `job`. */
export async function start_prometheus(targets: string[], job = "mmsoak"): Promise<Prometheus> {
  const dir = await Deno.makeTempDir({ prefix: "mmsoak_prom_" });
  const config = {
    global: { scrape_interval: "1s", evaluation_interval: "1s" },
    scrape_configs: [{ job_name: job, scrape_interval: "1s", static_configs: [{ targets }] }],
  };
  const config_file = join(dir, "prometheus.yml");
  await Deno.writeTextFile(config_file, stringify_yaml(config));
  const port = free_port();
  const log_file = join(dir, "prometheus.log");
  const log = await Deno.open(log_file, { write: true, create: true });
  const child = new Deno.Command("prometheus", {
    args: [
      `--config.file=${config_file}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const logging = child.stderr.pipeTo(log.writable).catch(() => {});
  let exited: Deno.CommandStatus | undefined;
  const status = child.status.then((s) => (exited = s));
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;

  const query = async (expr: string, time?: number) => {
    const at = time === undefined ? "" : `&time=${time}`;
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}${at}`);
    if (res.status === 503) {
      // Still starting (TSDB not open yet): retried by wait_for like a refused connection.
      await res.body?.cancel();
      throw new TypeError("prometheus is not ready (503)");
    }
    const body = await res.json();
    if (body.status !== "success") throw new Error(`query ${expr}: ${JSON.stringify(body)}`);
    return body.data.result;
  };
  const prom: Prometheus = {
    url,
    query: (expr) => query(expr),
    query_at: (expr, time) => query(expr, time),
    async wait_for(expr, timeout_ms) {
      const deadline = Date.now() + timeout_ms;
      for (;;) {
        try {
          const r = await query(expr);
          if (r.length > 0) return r;
        } catch (e) {
          // Refused or 503 until the server is ready; anything else is a real error.
          if (!(e instanceof TypeError)) throw e;
        }
        if (exited) throw new Error(`prometheus exited with code ${exited.code}\n${prom.log()}`);
        if (Date.now() > deadline) {
          throw new Error(`no result for ${expr} within ${timeout_ms} ms\n${prom.log()}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close() {
      stopped ??= (async () => {
        try {
          child.kill("SIGTERM");
        } catch { /* already exited */ }
        const timer = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* exited meanwhile */ }
        }, 5000);
        await status;
        clearTimeout(timer);
        await logging;
        await Deno.remove(dir, { recursive: true });
      })();
      return stopped;
    },
    log() {
      try {
        return Deno.readTextFileSync(log_file);
      } catch {
        return "";
      }
    },
  };
  return prom;
}

/**
 * Compare a quantile answered by Prometheus with mmsoak's exact quantile of the same samples:
 * both must fall in the same bucket (lower, upper] (PromQL answers the highest finite bound when
 * the rank lands in +Inf), and PromQL's interpolation must equal lib/stats/histogram.ts's on the
 * same buckets. Returns the figures for the test log.
 */
export function check_quantile(
  prom: number,
  samples: number[],
  bounds: readonly number[],
  q = 0.95,
): { exact: number; lower: number; upper: number } {
  const exact = percentile(samples, q);
  const i = bounds.findIndex((b) => exact <= b);
  const lower = i < 0 ? bounds[bounds.length - 1]! : i === 0 ? 0 : bounds[i - 1]!;
  const upper = i < 0 ? Infinity : bounds[i]!;
  assert(
    (prom > lower && prom <= upper) || (upper === Infinity && prom === lower),
    `Prometheus ${prom} outside the bucket (${lower}, ${upper}] of the exact ${exact}`,
  );
  const cumulative = [...bounds, Infinity].map((le) => ({
    le,
    count: samples.filter((v) => v <= le).length,
  }));
  assertAlmostEquals(prom, histogram_quantile(q, cumulative), 1e-9);
  return { exact, lower, upper };
}

/**
 * Run `deno run -A <args>` while polling `probe` on Prometheus every 150 ms; resolves to the
 * process output and the last evaluation time at which `probe` had a value (null: never scraped).
 */
export async function run_while_scraped(
  prom: Prometheus,
  args: string[],
  probe: string,
): Promise<{ output: Deno.CommandOutput; last: number | null }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let done = false;
  const status = child.output().finally(() => (done = true));
  let last: number | null = null;
  while (!done) {
    const [r] = await prom.query(probe).catch(() => []);
    if (r) last = r.value[0];
    await new Promise((res) => setTimeout(res, 150));
  }
  return { output: await status, last };
}
