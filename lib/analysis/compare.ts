/**
 * `--compare BASELINE`: per-KPI change of the last-8 means against a previous snapshot (schema
 * 1.1 or 1.2, e.g. from the last release), and the verdict change. Informational: the gate's
 * verdict does not depend on it.
 * @module
 */
import type { Snapshot } from "./snapshot.ts";
import { round_to } from "./window_stats.ts";

/** Change of one KPI mean. */
export interface KpiDelta {
  base: number | null;
  current: number | null;
  delta: number | null;
  /** Relative change in percent; null when the baseline is 0 or missing. */
  delta_pct: number | null;
}

/** The comparison. */
export interface Comparison {
  baseline: string;
  verdict: { base: string; current: string; changed: boolean };
  kpis: Record<string, KpiDelta>;
}

/** Read a baseline snapshot (zod-validated; loaded only when --compare is used). */
export async function read_baseline(
  path: string,
): Promise<{ verdict: string; kpi_last8: Record<string, { mean: number | null }> }> {
  const [{ read_json }, { PostSoakSnapshot }] = await Promise.all([
    import("../artifacts/read.ts"),
    import("../artifacts/post_soak_snapshot.ts"),
  ]);
  return await read_json(path, PostSoakSnapshot);
}

/** Compare `current` with `base`, KPI by KPI (KPIs of either side). */
export function compare_snapshots(
  current: Snapshot,
  base: { verdict: string; kpi_last8: Record<string, { mean: number | null }> },
  baseline_path: string,
): Comparison {
  const kpis: Record<string, KpiDelta> = {};
  const names = new Set([...Object.keys(base.kpi_last8), ...Object.keys(current.kpi_last8)]);
  for (const k of [...names].sort()) {
    const b = base.kpi_last8[k]?.mean ?? null;
    const c = current.kpi_last8[k]?.mean ?? null;
    const delta = b === null || c === null ? null : round_to(c - b, 6);
    kpis[k] = {
      base: b,
      current: c,
      delta,
      delta_pct: delta === null || b === 0 ? null : round_to((delta / Math.abs(b!)) * 100, 2),
    };
  }
  return {
    baseline: baseline_path,
    verdict: {
      base: base.verdict,
      current: current.verdict,
      changed: base.verdict !== current.verdict,
    },
    kpis,
  };
}

/** Lines like `  net_bps.mean: 4.75 → 5.1 (+7.4%)` for every KPI that changed. */
export function comparison_lines(c: Comparison): string[] {
  const out: string[] = [];
  for (const [k, d] of Object.entries(c.kpis)) {
    if (d.delta === null || d.delta === 0) continue;
    const pct = d.delta_pct === null
      ? ""
      : ` (${d.delta_pct >= 0 ? "+" : ""}${d.delta_pct.toFixed(1)}%)`;
    out.push(`  ${k}.mean: ${d.base} → ${d.current}${pct}`);
  }
  if (c.verdict.changed) out.push(`  verdict: ${c.verdict.base} → ${c.verdict.current}`);
  return out;
}
