/**
 * Parameter changes that no apply explains: between an iteration that applied nothing (a guard
 * or no-op skip, or no proposal) and the next one, every registry parameter must keep its value,
 * otherwise someone or something edited runtime_overrides.json between iterations. A panic revert
 * legitimately replaces the values (steady_safe profile), so it is exempt. Only mmsoak-format
 * directories can be checked (they record the overrides in effect at each iteration).
 * @module
 */
import { PARAMS } from "../tuning/registry.ts";
import type { IterRecord } from "./iter_record.ts";
import type { SoakDir } from "./load.ts";

/** One unexplained change. */
export interface Drift {
  /** The iteration after which the value changed without an apply. */
  iteration: number;
  /** The next iteration, or "final" (runtime_overrides.json after the last one). */
  observed_at: number | "final";
  param: string;
  before: number;
  after: number;
}

const TOLERANCE = 1e-9;

function compare(r: IterRecord, after: Record<string, number>, at: number | "final", out: Drift[]) {
  for (const { name } of PARAMS) {
    const b = r.overrides![name];
    const a = after[name];
    if (b === undefined || a === undefined || Math.abs(a - b) <= TOLERANCE) continue;
    out.push({ iteration: r.n, observed_at: at, param: name, before: b, after: a });
  }
}

/** Every unexplained change in `dir`. */
export function unapplied_changes(dir: SoakDir): Drift[] {
  const out: Drift[] = [];
  const its = dir.iters;
  for (let i = 0; i < its.length; i++) {
    const r = its[i]!;
    const t = r.tuning;
    if (t.applied || t.panic_revert || t.skip?.reason === "panic_revert" || !r.overrides) continue;
    const nx = its[i + 1];
    if (nx) {
      if (nx.n === r.n + 1 && nx.overrides) compare(r, nx.overrides, nx.n, out);
    } else if (dir.overrides) compare(r, dir.overrides.flat, "final", out);
  }
  return out;
}
