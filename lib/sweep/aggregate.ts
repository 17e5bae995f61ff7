/**
 * How shard verdicts become one release verdict. The rule, documented in README § GitHub Actions:
 *
 *   every shard is gated on its own, with the same thresholds; the merged verdict is the worst
 *   shard verdict (FAIL > WARN > PASS), and the merged exit code is the highest shard exit code
 *   (2 bad input > 1 FAIL > 0). No shard means bad input.
 *
 * So merging can never pass a release that gating the shards one by one would stop, and a shard
 * whose directory is missing or corrupt (a matrix job that died) stops the release as bad input.
 * @module
 */

/** A gate verdict. */
export type Verdict = "PASS" | "WARN" | "FAIL";

/** The gate outcome of one shard. */
export interface ShardOutcome {
  /** The shard's soak directory. */
  path: string;
  /** Verdict, or `null` when the gate could not read the directory (exit 2). */
  verdict: Verdict | null;
  /** The gate's exit code for this shard: 0 PASS/WARN, 1 FAIL, 2 bad input. */
  exit_code: number;
  /** The gate's reasons (failed checks) or the input error line. */
  reasons: string[];
}

/** The merged outcome. */
export interface MergedOutcome {
  verdict: Verdict | null;
  exit_code: number;
  counts: Record<Verdict | "ERROR", number>;
  shards: ShardOutcome[];
  rule: string;
}

/** One-line statement of the aggregation rule (printed with every merged verdict). */
export const AGGREGATION_RULE =
  "worst shard verdict (FAIL > WARN > PASS); exit code = highest shard exit code (2 > 1 > 0)";

const RANK: Record<Verdict, number> = { PASS: 0, WARN: 1, FAIL: 2 };

/** Merge shard outcomes by {@linkcode AGGREGATION_RULE}. Throws `RangeError` when empty. */
export function merge_outcomes(shards: ShardOutcome[]): MergedOutcome {
  if (shards.length === 0) throw new RangeError("No shard to merge");
  const counts = { PASS: 0, WARN: 0, FAIL: 0, ERROR: 0 };
  let verdict: Verdict | null = "PASS";
  let exit_code = 0;
  for (const s of shards) {
    exit_code = Math.max(exit_code, s.exit_code);
    if (s.verdict === null) {
      counts.ERROR++;
      continue;
    }
    counts[s.verdict]++;
    if (verdict !== null && RANK[s.verdict] > RANK[verdict]) verdict = s.verdict;
  }
  if (counts.ERROR > 0) verdict = null;
  return { verdict, exit_code, counts, shards, rule: AGGREGATION_RULE };
}
