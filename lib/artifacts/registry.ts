/**
 * Every artifact schema by file stem, for the JSON Schema export and generic validation.
 * @module
 */
import type { z } from "zod";
import { EdgeReport } from "./edge_report.ts";
import { IterSummary } from "./iter_summary.ts";
import { PostSoakSnapshot } from "./post_soak_snapshot.ts";
import { RuntimeOverrides } from "./runtime_overrides.ts";
import { SmokeReport } from "./smoke_report.ts";
import { TuningReportObject } from "./tuning_report.ts";
import { TuningState } from "./tuning_state.ts";

/** Artifact name → zod schema (object forms; readers accept the legacy variants too). */
export const ARTIFACT_SCHEMAS: Record<string, z.ZodType> = {
  EDGE_REPORT: EdgeReport,
  ITER_SUMMARY: IterSummary,
  POST_SOAK_SNAPSHOT: PostSoakSnapshot,
  runtime_overrides: RuntimeOverrides,
  TESTNET_SMOKE_REPORT: SmokeReport,
  TUNING_REPORT: TuningReportObject,
  TUNING_STATE: TuningState,
};
