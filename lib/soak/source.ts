/**
 * Where an iteration's results come from: the scripted mock (SPEC §1.5) or the session engine
 * (sim / replay, CONTRACT.md `run_session`). Both yield the same outcome shape, so the loop,
 * tuning and artifacts do not care which one ran.
 * @module
 */
import { one_line, UsageError } from "../cli/errors.ts";
import { run_session } from "../engine/session.ts";
import { scenario } from "../market/scenarios.ts";
import type { ParamValues } from "../tuning/apply.ts";
import { mock_edge_report } from "./mock.ts";
import { summarize_edge_report } from "./summarize.ts";

/** The market of a soak. */
export type MarketChoice =
  | { kind: "mock" }
  | { kind: "sim"; scenario: string }
  | { kind: "replay"; data: string };

/** One iteration's results (the engine's IterationResult, or the mock's equivalent). */
export interface IterationOutcome {
  /** KPI summary keys (SPEC §1.7 + contract additions), without verdict or tuning. */
  summary: Record<string, unknown>;
  edge_report: Record<string, unknown>;
  latency_ms: ArrayLike<number>;
  risk_samples: ArrayLike<number>;
  /** JSON-serialisable state for the next iteration (persisted for --resume). */
  carry?: unknown;
}

/** Runs one iteration. */
export interface IterationSource {
  run(n: number, params: ParamValues, carry: unknown): Promise<IterationOutcome>;
}

/** Settings shared by every iteration of a run. */
export interface SourceSettings {
  market: MarketChoice;
  window_s: number;
  start_ms: number;
  symbols: string[];
  seed: number;
}

/** The mock source: the original's scripted EDGE_REPORT for index n − 1, summarised. */
export function mock_source(): IterationSource {
  return {
    run(n) {
      const edge = mock_edge_report(n - 1);
      const summary = summarize_edge_report(edge);
      // The mock has no sample streams; its p95 and risk ratio are the iteration's only samples.
      return Promise.resolve({
        summary,
        edge_report: edge,
        latency_ms: [summary.p95_latency_ms as number],
        risk_samples: [summary.risk_ratio as number],
      });
    },
  };
}

/** Seed of iteration n: distinct per iteration, fixed by the run seed. */
export function iteration_seed(seed: number, n: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + n) >>> 0;
}

/** The engine source (sim or replay) over `run_session` of lib/engine/session.ts. */
export function engine_source(s: SourceSettings): IterationSource {
  if (s.market.kind === "sim") {
    try {
      scenario(s.market.scenario);
    } catch (e) {
      throw new UsageError(`--scenario: ${one_line(e)}`);
    }
  }
  const data = s.market.kind === "replay" ? s.market.data : "";
  return {
    async run(n, params, carry) {
      // Replay walks through the recording: iteration n plays its window n − 1 (wrapping).
      const market = s.market.kind === "sim"
        ? { kind: "sim" as const, scenario: s.market.scenario }
        : { kind: "replay" as const, data, window_index: n - 1 };
      const r = await run_session(
        {
          market,
          window_s: s.window_s,
          start_ms: s.start_ms + (n - 1) * s.window_s * 1000,
          symbols: s.symbols,
          params,
        },
        iteration_seed(s.seed, n),
        carry,
      );
      return {
        summary: { ...r.summary } as Record<string, unknown>,
        edge_report: r.edge_report as unknown as Record<string, unknown>,
        latency_ms: r.latency_ms,
        risk_samples: r.risk_samples,
        carry: r.carry,
      };
    },
  };
}

/** The source for `market`. */
export function make_source(s: SourceSettings): Promise<IterationSource> {
  return Promise.resolve(s.market.kind === "mock" ? mock_source() : engine_source(s));
}
