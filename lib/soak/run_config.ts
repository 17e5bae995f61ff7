/**
 * The resolved configuration of a soak run (SOAK_CONFIG.json): run settings and parameters, each
 * with its source. It holds nothing that depends on where or when the run happens (no output
 * path, no wall clock), so the same flags and seed give the same bytes.
 * @module
 */
import { SCHEMA_VERSION } from "../artifacts/common.ts";
import { sha256_hex, stable_stringify } from "../json/stable.ts";
import type { ParamValues } from "../tuning/apply.ts";
import type { MarketChoice } from "./source.ts";

/** Default market-clock start: the original mock's fixed runtime (2025-10-12T12:00:00Z). */
export const DEFAULT_START_MS = Date.UTC(2025, 9, 12, 12, 0, 0);

/** Run settings that shape the artifacts. */
export interface RunSettings {
  iterations: number;
  auto_tune: boolean;
  market: MarketChoice;
  window_s: number;
  symbols: string[];
  seed: number;
  warmup: boolean;
  start_ms: number;
  keep: number | null;
}

/** SOAK_CONFIG.json for `run` and `params`, with sources. */
export function config_document(
  run: RunSettings,
  run_sources: Record<string, string>,
  params: ParamValues,
  param_sources: Record<string, string>,
): Record<string, unknown> {
  const m = run.market;
  return {
    schema_version: SCHEMA_VERSION,
    run: {
      iterations: run.iterations,
      auto_tune: run.auto_tune,
      market: m.kind,
      scenario: m.kind === "sim" ? m.scenario : null,
      data: m.kind === "replay" ? m.data : null,
      window_s: run.window_s,
      symbols: run.symbols,
      seed: run.seed,
      warmup: run.warmup,
      start_utc: new Date(run.start_ms).toISOString(),
      keep: run.keep,
    },
    run_sources,
    params,
    param_sources,
  };
}

/** The bytes of SOAK_CONFIG.json and their hash. */
export async function config_text(doc: unknown): Promise<{ text: string; hash: string }> {
  const text = stable_stringify(doc, 2) + "\n";
  return { text, hash: await sha256_hex(text) };
}
