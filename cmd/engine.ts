/**
 * `mmsoak engine`: run one engine session and print its KPI summary as one JSON document.
 * @module
 */
import { parse_args } from "../lib/deps/args.ts";
import { InputError, UsageError } from "../lib/cli/errors.ts";
import { opt_number_flag } from "../lib/cli/flags.ts";
import { run_command } from "../lib/cli/main.ts";
import { print_json } from "../lib/cli/output.ts";
import { run_session, type SessionConfig } from "../lib/engine/session.ts";
import { SCENARIOS } from "../lib/market/scenarios.ts";
import { SYMBOLS } from "../lib/market/symbols.ts";
import { param_defaults, param_spec } from "../lib/tuning/registry.ts";

/** Help text. */
export const help =
  `mmsoak engine: run one session of the reference maker and print its KPI summary (JSON)

Usage: deno task engine --seed N [--scenario NAME | --data FILE] [--window-s S] [--symbols A,B]
                        [--param name=value ...] [--start-ms MS]

  --seed N          RNG seed (required; same seed → same result)
  --scenario NAME   sim scenario: ${Object.keys(SCENARIOS).join(", ")} (default: default)
  --data FILE       replay a recording instead (hftbacktest .gz, Bybit v5 .jsonl[.gz], Tardis .csv)
  --window-s S      market time of the session in seconds (default 300)
  --symbols LIST    comma-separated sim symbols: ${
    Object.keys(SYMBOLS).join(", ")
  } (default BTCUSDT)
  --param k=v       override a registry parameter (repeatable)
  --start-ms MS     market-clock start, epoch ms (default 2026-01-01T00:00:00Z)

Exit codes: 0 ok, 2 bad flags or input.`;

/** Parsed options. */
export interface Options {
  seed: number;
  config: SessionConfig;
}

/** Parse the flags. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    seed: { type: "string" },
    scenario: { type: "string" },
    data: { type: "string" },
    "window-s": { type: "string" },
    symbols: { type: "string" },
    param: { type: "string", multiple: true },
    "start-ms": { type: "string" },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
  const seed = opt_number_flag("seed", values.seed as string | undefined, {
    integer: true,
    min: 0,
  });
  if (seed === undefined) throw new UsageError("Flag --seed is required");
  const scenario = values.scenario as string | undefined;
  const data = values.data as string | undefined;
  if (scenario !== undefined && data !== undefined) {
    throw new UsageError("Flags --scenario and --data exclude each other");
  }
  if (scenario !== undefined && !(scenario in SCENARIOS)) {
    throw new UsageError(
      `Unknown scenario "${scenario}" (known: ${Object.keys(SCENARIOS).join(", ")})`,
    );
  }
  const window_s = opt_number_flag("window-s", values["window-s"] as string | undefined, {
    integer: true,
    min: 1,
  }) ?? 300;
  const symbols = ((values.symbols as string | undefined) ?? "BTCUSDT").split(",").map((s) =>
    s.trim()
  ).filter(Boolean);
  for (const s of symbols) {
    if (!(s in SYMBOLS)) {
      throw new UsageError(`Unknown symbol "${s}" (known: ${Object.keys(SYMBOLS).join(", ")})`);
    }
  }
  const params = param_defaults();
  for (const kv of (values.param as string[] | undefined) ?? []) {
    const m = kv.match(/^([a-z_]+)=(.+)$/);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !param_spec(m[1]!) || !Number.isFinite(v)) {
      throw new UsageError(`Flag --param needs name=number with a registry name, got "${kv}"`);
    }
    params[m[1]!] = v;
  }
  const start_ms = opt_number_flag("start-ms", values["start-ms"] as string | undefined, {
    integer: true,
    min: 0,
  }) ??
    Date.UTC(2026, 0, 1);
  return {
    seed,
    config: {
      market: data !== undefined
        ? { kind: "replay", data }
        : { kind: "sim", scenario: scenario ?? "default" },
      window_s,
      start_ms,
      symbols,
      params,
    },
  };
}

/** Run the session and print its summary. */
export async function run(o: Options): Promise<number> {
  if (o.config.market.kind === "replay") {
    const file = o.config.market.data;
    try {
      await Deno.stat(file);
    } catch {
      throw new InputError("data file not found", { file });
    }
  }
  const r = await run_session(o.config, o.seed);
  print_json(r.summary);
  return 0;
}

if (import.meta.main) Deno.exitCode = await run_command("engine", { help, parse, run }, Deno.args);
