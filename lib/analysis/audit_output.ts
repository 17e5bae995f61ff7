/**
 * Outputs of audit-artifacts in DIR/reports/analysis/: POST_SOAK_ITER_TABLE.csv (SPEC §4.3
 * columns, empty cell for missing, `true`/`false`), POST_SOAK_AUDIT_SUMMARY.json and .md.
 * @module
 */
import { write_text_atomic } from "../artifacts/write.ts";
import { join } from "../deps/path.ts";
import { stable_stringify } from "../json/stable.ts";
import { type Audit, AUDIT_COLUMNS, TREND_COLUMNS } from "./audit.ts";
import type { SoakDir } from "./load.ts";

/** Where the audit writes, relative to the soak directory. */
export const AUDIT_DIR = join("reports", "analysis");

/** Files looked for by the inventory (name → paths relative to DIR, first found wins). */
const INVENTORY: Record<string, string[]> = {
  "POST_SOAK_SNAPSHOT.json": [
    "POST_SOAK_SNAPSHOT.json",
    join(AUDIT_DIR, "POST_SOAK_SNAPSHOT.json"),
  ],
  "TUNING_REPORT.json": ["TUNING_REPORT.json"],
  "DELTA_VERIFY_REPORT.md": ["DELTA_VERIFY_REPORT.md"],
  "warmup_metrics.prom": ["warmup_metrics.prom", join(AUDIT_DIR, "warmup_metrics.prom")],
};

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The iteration table as rows of cells (header first). */
export function audit_table(a: Audit): (string | number | boolean | null)[][] {
  return [[...AUDIT_COLUMNS], ...a.rows.map((r) => AUDIT_COLUMNS.map((c) => r[c]))];
}

/**
 * The iteration table as CSV text. Every cell is a number, a boolean, empty or a plain column
 * name, so nothing needs quoting: joining is byte-identical to lib/deps/csv.ts stringify_csv
 * (tests/analysis/audit_test.ts) and takes a few ms where the library takes ~170 ms on 10,000
 * rows (and its module load is kept off the command's start-up).
 */
export function audit_csv(a: Audit): string {
  const lines = [AUDIT_COLUMNS.join(",")];
  const cell = (v: string | number | boolean | null) => (v === null ? "" : String(v));
  for (const r of a.rows) {
    lines.push(AUDIT_COLUMNS.map((c) => cell(r[c])).join(","));
  }
  return lines.join("\n") + "\n";
}

/** POST_SOAK_AUDIT_SUMMARY.json content (deterministic: no wall-clock timestamp). */
export function audit_summary(a: Audit, dir: SoakDir): Record<string, unknown> {
  const files_present: Record<string, boolean> = {};
  for (const [name, paths] of Object.entries(INVENTORY)) {
    files_present[name] = paths.some((p) => exists(join(dir.dir, p)));
  }
  const { rows: _rows, ...rest } = a;
  return {
    schema_version: "2.0",
    base_dir: dir.dir,
    timestamp: dir.iters[dir.iters.length - 1]!.kpi.runtime_utc,
    files_present,
    ...rest,
  };
}

function n(v: number | null, d = 3): string {
  return v === null ? "n/a" : v.toFixed(d);
}

/** Readiness and trend tables as text lines (stdout). */
export function audit_text(a: Audit): string[] {
  const out = [
    `Iterations: ${a.iterations} (max iter ${a.max_iter}; steady >= ${a.steady_start}; last-8 >= ${a.last8_start})`,
    "",
  ];
  out.push(
    `${"Metric".padEnd(20)} ${"Window".padEnd(8)} ${"Min".padStart(9)} ${"Max".padStart(9)} ${
      "Median".padStart(9)
    }`,
  );
  for (const c of TREND_COLUMNS) {
    for (const w of ["overall", "steady", "last8"] as const) {
      const s = a.trend_stats[c]![w];
      out.push(
        `${c.padEnd(20)} ${w.padEnd(8)} ${n(s.min, 2).padStart(9)} ${n(s.max, 2).padStart(9)} ${
          n(s.median, 2).padStart(9)
        }`,
      );
    }
  }
  out.push(
    "",
    `${"Readiness (last-8 median)".padEnd(26)} ${"Target".padEnd(8)} ${
      "Actual".padStart(9)
    }  Status`,
  );
  for (const c of a.readiness.checks) {
    out.push(
      `${c.kpi.padEnd(26)} ${c.target.padEnd(8)} ${n(c.actual).padStart(9)}  ${
        c.ok ? "PASS" : "FAIL"
      }`,
    );
  }
  out.push(
    "",
    `P&L identity (net = gross - adverse - slippage - fees, tolerance ${a.pnl.tolerance_bps} bps): ` +
      `${a.pnl.checked} checked, ${a.pnl.violations.length} violation(s), gross imputed in ${a.pnl.gross_imputed.length}`,
  );
  for (const v of a.pnl.violations.slice(0, 10)) {
    out.push(`  iteration ${v.iteration}: off by ${v.residual_bps.toFixed(4)} bps`);
  }
  out.push(
    `Tuning: ${a.tuning.applied_total}/${a.tuning.proposed_total} proposals applied; delta verify ratio ${
      a.delta_verify.full_apply_ratio.toFixed(3)
    }`,
  );
  return out;
}

/** POST_SOAK_AUDIT_SUMMARY.md. */
export function audit_markdown(
  a: Audit,
  dir: SoakDir,
  files_present: Record<string, boolean>,
): string {
  const out = [
    "# Post-Soak Audit Summary",
    "",
    `**Base directory:** \`${dir.dir}\`  `,
    `**Iterations:** ${a.iterations} (max iter: ${a.max_iter})  `,
    `**Steady window:** iter >= ${a.steady_start}  `,
    `**Last-8 window:** iter >= ${a.last8_start}`,
    "",
    "## File inventory",
    "",
    ...Object.entries(files_present).map(([f, ok]) => `- ${ok ? "✓" : "✗ (missing)"} \`${f}\``),
    "",
    "## Readiness (last-8 medians)",
    "",
    "| Metric | Target | Actual | Status |",
    "|--------|--------|--------|--------|",
    ...a.readiness.checks.map((c) =>
      `| ${c.kpi} | ${c.target} | ${n(c.actual)} | ${c.ok ? "✓ PASS" : "✗ FAIL"} |`
    ),
    "",
    `**Verdict:** READINESS: ${a.readiness.verdict}`,
    "",
    "## Trends",
    "",
    "| Metric | Window | Min | Max | Median | Mean | Count |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const c of TREND_COLUMNS) {
    for (const w of ["overall", "steady", "last8"] as const) {
      const s = a.trend_stats[c]![w];
      out.push(
        `| ${c} | ${w} | ${n(s.min)} | ${n(s.max)} | ${n(s.median)} | ${n(s.mean)} | ${s.count} |`,
      );
    }
  }
  out.push(
    "",
    "## P&L identity",
    "",
    `net = gross − adverse − slippage − fees on the means, tolerance ${a.pnl.tolerance_bps} bps: ${a.pnl.checked} iterations checked, ` +
      `${a.pnl.violations.length} violation(s); gross imputed (flagged in the CSV) in ${a.pnl.gross_imputed.length}.`,
    ...a.pnl.violations.map((v) =>
      `- iteration ${v.iteration}: residual ${v.residual_bps.toFixed(4)} bps`
    ),
    "",
    "## Tuning and delta verification",
    "",
    `- Proposals applied: ${a.tuning.applied_total}/${a.tuning.proposed_total}`,
    `- Skip reasons: ${
      Object.entries(a.tuning.skip_reasons).map(([k, v]) => `${k} ${v}`).join(", ") || "none"
    }`,
    `- Delta verification: ratio ${
      a.delta_verify.full_apply_ratio.toFixed(3)
    }, full ${a.delta_verify.full_apply_count}, ` +
      `partial_ok ${a.delta_verify.partial_ok_count}, fail ${a.delta_verify.fail_count}, unverifiable ${a.delta_verify.unverifiable_count}`,
    `- Maker/taker sources: ${
      Object.entries(a.maker_taker_sources).map(([k, v]) => `${k} ${v}`).join(", ")
    }`,
    "",
    "## Recommendations",
    "",
    ...a.recommendations.map((r) => `- ${r}`),
    "",
  );
  return out.join("\n");
}

/** Write the three audit files; returns their paths. */
export async function write_audit(a: Audit, dir: SoakDir): Promise<string[]> {
  const out = join(dir.dir, AUDIT_DIR);
  const summary = audit_summary(a, dir);
  const paths = [
    join(out, "POST_SOAK_ITER_TABLE.csv"),
    join(out, "POST_SOAK_AUDIT_SUMMARY.json"),
    join(out, "POST_SOAK_AUDIT_SUMMARY.md"),
  ];
  // Every text first (a NaN raises before anything is written), then the three atomic writes
  // at once: their fsyncs overlap.
  const texts = [
    audit_csv(a),
    stable_stringify(summary, 2) + "\n",
    audit_markdown(a, dir, summary.files_present as Record<string, boolean>),
  ];
  await Promise.all(paths.map((p, i) => write_text_atomic(p, texts[i]!)));
  return paths;
}
