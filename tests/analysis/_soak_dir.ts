/**
 * Test helper: writes CONTRACT-shaped mmsoak soak directories (ITER_SUMMARY schema 2.0 with
 * runtime_overrides, TUNING_REPORT, runtime_overrides.json) for a converged run, a failing run,
 * or a run whose runtime overrides were tampered with between iterations.
 * @module
 */
import { join } from "../../lib/deps/path.ts";
import { stable_stringify } from "../../lib/json/stable.ts";
import { next_value, param_defaults, param_spec, PARAMS } from "../../lib/tuning/registry.ts";
import { iteration_verdict } from "../../lib/analysis/thresholds.ts";
import { SKIP_FLAGS } from "../../lib/artifacts/skip_flags.ts";

/** Options of {@linkcode write_soak_dir}. */
export interface SoakDirOptions {
  iterations?: number;
  /** converged: KPIs settle inside every threshold and freeze triggers; failing: they do not. */
  scenario?: "converged" | "failing";
  /** Called between iteration n and n+1 with the overrides file content; may edit it. */
  tamper?: (n: number, overrides: Record<string, number>) => void;
  /** Proposals made at these iterations are skipped by this guard instead of applied. */
  skip?: Record<number, string>;
}

const GUARDS = SKIP_FLAGS;

function skip_object(reason: string, note: string): Record<string, unknown> {
  return { ...Object.fromEntries(GUARDS.map((g) => [g, g === reason])), reason, note };
}

interface K {
  net: number;
  risk: number;
  mt: number;
  p95: number;
  adv95: number;
}

function kpis(n: number, scenario: string): K {
  const warm = Math.min(1, (n - 1) / 5);
  if (scenario === "failing") {
    return { net: 1.2 + 0.05 * n, risk: 0.56, mt: 0.7, p95: 380, adv95: 3.4 };
  }
  return {
    net: 1.5 + 2.3 * warm,
    risk: 0.55 - 0.25 * warm,
    mt: 0.7 + 0.18 * warm,
    p95: 330 - 90 * warm,
    adv95: 3.5 - 1.5 * warm,
  };
}

function nested(flat: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...flat };
  for (const p of PARAMS) {
    const sec = (out[p.path[0]] ??= {}) as Record<string, number>;
    sec[p.path[1]] = flat[p.name]!;
  }
  return out;
}

async function sha(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Write a soak directory into `dir` (created); returns `dir`. */
export async function write_soak_dir(dir: string, options: SoakDirOptions = {}): Promise<string> {
  const total = options.iterations ?? 24;
  const scenario = options.scenario ?? "converged";
  await Deno.mkdir(dir, { recursive: true });
  const overrides = param_defaults();
  const entries: Record<string, unknown>[] = [];
  let stable_run = 0;
  let frozen_until = 0;
  let freeze_events = 0;
  let applied_count = 0;
  for (let n = 1; n <= total; n++) {
    const k = kpis(n, scenario);
    const v = iteration_verdict({
      risk_ratio: k.risk,
      net_bps: k.net,
      adverse_bps_p95: k.adv95,
      p95_latency_ms: k.p95,
    });
    const fees = 0.4;
    const adverse = 0.9;
    const slippage = 0.3;
    const summary = {
      runtime_utc: new Date(Date.UTC(2026, 0, 1) + (n - 1) * 300_000).toISOString(),
      version: "test",
      net_bps: k.net,
      gross_bps: k.net + adverse + slippage + fees,
      fees_eff_bps: fees,
      adverse_bps: adverse,
      slippage_bps: slippage,
      inventory_bps: 0,
      adverse_bps_p95: k.adv95,
      slippage_bps_p95: 1.1,
      order_age_p95_ms: 320,
      p95_latency_ms: k.p95,
      risk_ratio: k.risk,
      min_interval_ratio: 0.1,
      concurrency_ratio: 0.05,
      neg_edge_drivers: [],
      blocks: {
        counts: { risk: 2, min_interval: 1 },
        total: 100,
        ratios: { risk: 2, min_interval: 1 },
      },
      kpi_verdict: v.verdict === "FAIL" ? "FAIL" : "PASS",
      kpi_reasons: [],
      sentinel_advice: [],
      maker_taker_ratio: k.mt,
      maker_taker_source: "fills_volume",
      fills: {
        maker_count: 100 * k.mt,
        taker_count: 100 - 100 * k.mt,
        maker_volume: 1e4 * k.mt,
        taker_volume: 1e4 * (1 - k.mt),
      },
      verdict: v.verdict,
      verdict_reasons: v.reasons,
      orders: 1000,
      cancels: 400,
    };
    const stable = k.risk <= 0.35 && k.net >= 2.7;
    stable_run = stable ? stable_run + 1 : 0;
    const freeze_triggered = stable_run === 2 && n > frozen_until;
    if (freeze_triggered) {
      frozen_until = n + 4;
      freeze_events++;
    }
    const proposed: Record<string, number> = n <= 6 && scenario === "converged"
      ? { min_interval_ms: 5, impact_cap_ratio: -0.01 }
      : scenario === "failing"
      ? { base_spread_bps_delta: 0.02 }
      : {};
    const in_effect = { ...overrides };
    const old_hash = await sha(stable_stringify(nested(overrides)));
    let applied = false;
    let skip: unknown = "";
    const applied_deltas: Record<string, number> = {};
    const guard = options.skip?.[n];
    if (Object.keys(proposed).length === 0) skip = skip_object("no_deltas", "empty proposal");
    else if (guard) skip = skip_object(guard, `${guard} guard`);
    else if (n === total) skip = skip_object("late_iteration", "never apply on the last iteration");
    else {
      applied = true;
      applied_count++;
      for (const [key, d] of Object.entries(proposed)) {
        const next = next_value(param_spec(key)!, overrides[key]!, d);
        applied_deltas[key] = next - overrides[key]!;
        overrides[key] = next;
      }
    }
    const state_hash = applied ? await sha(stable_stringify(nested(overrides))) : old_hash;
    const tuning = {
      proposed_deltas: proposed,
      deltas: proposed,
      rationale: "test",
      conditions: {},
      applied,
      applied_deltas,
      changed_keys: Object.keys(applied_deltas),
      skip_reason: skip,
      state_hash,
      old_hash,
      signature: await sha(stable_stringify(proposed)),
      freeze_triggered,
      freeze_active: n <= frozen_until && frozen_until > 0,
      oscillation_detected: false,
      velocity_violation: false,
      cooldown_active: guard === "cooldown",
      late_iteration: n === total,
      panic_revert: false,
    };
    const doc = {
      schema_version: "2.0",
      iteration: n,
      runtime_overrides: in_effect,
      effective_overrides: in_effect,
      summary,
      tuning,
    };
    await Deno.writeTextFile(join(dir, `ITER_SUMMARY_${n}.json`), stable_stringify(doc, 2));
    entries.push({
      iteration: n,
      runtime_utc: summary.runtime_utc,
      net_bps: summary.net_bps,
      kpi_verdict: summary.kpi_verdict,
      verdict: v.verdict,
      neg_edge_drivers: [],
      proposed_deltas: proposed,
      suggested_deltas: proposed,
      applied_deltas,
      rationale: "test",
      applied,
      signature: tuning.signature,
      state_hash,
      skip_reason: skip,
      changed_keys: tuning.changed_keys,
      oscillation_detected: false,
      velocity_violation: false,
      cooldown_active: tuning.cooldown_active,
      freeze_triggered,
      late_iteration: n === total,
      panic_revert: false,
    });
    if (n < total) options.tamper?.(n, overrides);
  }
  const report = {
    schema_version: "2.0",
    iterations: entries,
    summary: { count: total, applied: applied_count, freeze_events },
  };
  await Deno.writeTextFile(join(dir, "TUNING_REPORT.json"), stable_stringify(report, 2));
  await Deno.writeTextFile(
    join(dir, "runtime_overrides.json"),
    stable_stringify(nested(overrides), 2),
  );
  return dir;
}
