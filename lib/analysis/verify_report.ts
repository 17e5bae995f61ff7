/**
 * DELTA_VERIFY_REPORT.md and the verifier's summary lines. They print the same ratio as the JSON
 * and the exit code (SPEC §10 item 20 had two).
 * @module
 */
import type { VerifyResult } from "./verify.ts";

const RATIO_DEFINITION =
  "full_apply_ratio = (full_apply + partial_ok) / proposed, rounded to 3 decimals";

function pct(n: number, d: number): string {
  return d ? `${((n / d) * 100).toFixed(1)}%` : "n/a";
}

/** Summary lines (stderr of verify-deltas). */
export function verify_summary_lines(r: VerifyResult): string[] {
  const m = r.metrics;
  const p = m.proposed_count;
  return [
    `Proposals: ${p} in ${m.iterations} iterations (${r.format} format)`,
    `  full_apply:   ${m.full_apply_count} (${pct(m.full_apply_count, p)})`,
    `  partial_ok:   ${m.partial_ok_count} (${pct(m.partial_ok_count, p)})`,
    `  fail:         ${m.fail_count} (${pct(m.fail_count, p)})`,
    `  unverifiable: ${m.unverifiable_count} (${pct(m.unverifiable_count, p)})`,
    `  signature_stuck: ${m.signature_stuck_count}`,
    `  values changed without an apply: ${r.unexpected_changes.length}`,
    `full_apply_ratio ${m.full_apply_ratio.toFixed(3)} (threshold >= ${r.threshold}${
      r.strict ? ", strict" : ""
    }): ${r.verdict}`,
  ];
}

function cell(s: string): string {
  return s.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The Markdown report. */
export function verify_markdown(r: VerifyResult): string {
  const m = r.metrics;
  const out = [
    "# Delta-Apply Verification Report",
    "",
    "For every iteration n whose proposal was applied, the overrides in effect at n+1 must equal",
    "clamp(old + delta) for every proposed key (lib/tuning/registry.ts next_value), and every other",
    "parameter must be unchanged. Guard and no-op skips count as partial_ok; values that cannot be",
    "known (original-format files carry no per-iteration overrides) are unverifiable.",
    "",
    "## Metrics",
    "",
    `- **Iterations:** ${m.iterations} (${r.format} format)`,
    `- **Proposals:** ${m.proposed_count}`,
    `- **Full applications:** ${m.full_apply_count} (${pct(m.full_apply_count, m.proposed_count)})`,
    `- **Partial OK (skipped with reason):** ${m.partial_ok_count} (${
      pct(m.partial_ok_count, m.proposed_count)
    })`,
    `- **Failed:** ${m.fail_count} (${pct(m.fail_count, m.proposed_count)})`,
    `- **Unverifiable:** ${m.unverifiable_count} (${pct(m.unverifiable_count, m.proposed_count)})`,
    `- **Signature stuck:** ${m.signature_stuck_count}`,
    `- **Full apply ratio:** ${m.full_apply_ratio.toFixed(3)} (${RATIO_DEFINITION})`,
    "",
    "## Proposals",
    "",
    "| Iter | Observed at | Proposed keys | Applied | Outcome | Reason |",
    "|------|-------------|---------------|---------|---------|--------|",
  ];
  for (const p of r.proposals) {
    out.push(
      `| ${p.iteration} | ${p.observed_at ?? "-"} | ${cell(p.keys.join(", "))} | ${
        p.applied ? "Y" : "N"
      } | ` +
        `${p.outcome}${p.signature_stuck ? " (stuck)" : ""} | ${cell(p.reason)} |`,
    );
  }
  const mismatches = r.proposals.flatMap((p) =>
    p.checks.filter((c) => !c.ok).map((c) => ({ p, c }))
  );
  if (mismatches.length) {
    out.push(
      "",
      "## Value mismatches",
      "",
      "| Iter | Param | Old | Delta | Expected | Observed | Note |",
      "|---|---|---|---|---|---|---|",
    );
    for (const { p, c } of mismatches) {
      out.push(
        `| ${p.iteration} | ${c.param} | ${c.old ?? "-"} | ${c.delta} | ${c.expected ?? "-"} | ${
          c.observed ?? "-"
        } | ${cell(c.note)} |`,
      );
    }
  }
  if (r.unexpected_changes.length) {
    out.push(
      "",
      "## Values changed without an apply",
      "",
      "| After iter | Observed at | Param | Before | After |",
      "|---|---|---|---|---|",
      ...r.unexpected_changes.map((d) =>
        `| ${d.iteration} | ${d.observed_at} | ${d.param} | ${d.before} | ${d.after} |`
      ),
    );
  }
  if (r.inconsistencies.length) {
    out.push(
      "",
      "## ITER_SUMMARY vs TUNING_REPORT",
      "",
      "| Iter | Field | ITER_SUMMARY | TUNING_REPORT |",
      "|---|---|---|---|",
    );
    for (const i of r.inconsistencies) {
      out.push(`| ${i.iteration} | ${i.field} | ${i.iter_summary} | ${i.tuning_report} |`);
    }
  }
  out.push(
    "",
    "## Verdict",
    "",
    `${r.verdict === "PASS" ? "✅ **PASS**" : "❌ **FAIL**"} - full_apply_ratio ${
      m.full_apply_ratio.toFixed(3)
    } ` +
      `(threshold: >= ${r.threshold}${r.strict ? ", strict" : ""})`,
    "",
  );
  return out.join("\n");
}
