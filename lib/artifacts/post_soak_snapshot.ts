/**
 * POST_SOAK_SNAPSHOT.json (SPEC §4.2): schema 1.1 as the original extractor wrote it, and the
 * richer schema 1.2 (per-KPI min/max/trend, goals_met, tuning summary) that mmsoak writes.
 * @module
 */
import { z } from "zod";

const KpiStat = z.looseObject({
  mean: z.number().nullable(),
  median: z.number().nullable(),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  trend: z.string().nullable().optional(),
});

/** POST_SOAK_SNAPSHOT.json, schema 1.1 or 1.2. */
export const PostSoakSnapshot = z.looseObject({
  schema_version: z.string(),
  verdict: z.enum(["PASS", "WARN", "FAIL", "UNKNOWN"]),
  pass_count_last8: z.number().int().nonnegative(),
  freeze_ready: z.boolean(),
  freeze_seen: z.boolean().optional(),
  kpi_last8: z.record(z.string(), KpiStat),
  guards_last8: z.record(z.string(), z.unknown()).optional(),
  time_range: z.looseObject({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
  kpi_gate_parity: z.boolean().nullable().optional(),
  anomalies_count: z.number().int().nonnegative().optional(),
  signature_loops: z.number().int().nonnegative().optional(),
  timestamp: z.string().optional(),
  iterations_total: z.number().int().nonnegative().optional(),
  iterations_analyzed: z.array(z.number().int()).optional(),
  goals_met: z.record(z.string(), z.boolean()).optional(),
  tuning_summary: z.record(z.string(), z.unknown()).optional(),
});

/** A parsed snapshot. */
export type PostSoakSnapshot = z.output<typeof PostSoakSnapshot>;
