/**
 * Validate TESTNET_SMOKE_REPORT.json as the testnet-smoke workflow does (SPEC §5.8), usable as a
 * GitHub Actions step: `deno run -A ci/validate_smoke_report.ts REPORT [--logs LOGS] [--strict]`.
 * Exit 1 when required keys are missing (or, with --strict, when status is not pass); warnings
 * become `::warning::` annotations under GitHub Actions.
 * @module
 */
import { UsageError } from "../lib/cli/errors.ts";
import { run_command } from "../lib/cli/main.ts";
import { parse_args } from "../lib/deps/args.ts";
import { parse_json_text, read_text } from "../lib/artifacts/read.ts";
import { write_json_atomic } from "../lib/artifacts/write.ts";
import { find_log_failure, validate_smoke_report } from "../lib/live/validate_report.ts";

/** Help text. */
export const help = `validate_smoke_report: check a TESTNET_SMOKE_REPORT.json (SPEC §5.8)

Usage: deno run -A ci/validate_smoke_report.ts [REPORT] [flags]   (REPORT default TESTNET_SMOKE_REPORT.json)

Flags:
  --logs FILE    the run's stderr; must exist, and must not match error.*critical|exception|traceback
  --strict       also fail when summary.status is not "pass"
  --normalize    rewrite the report with defaults filled in (indent 2, sorted keys)

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error.`;

/** Parsed flags. */
export interface Options {
  report: string;
  logs?: string;
  strict: boolean;
  normalize: boolean;
}

/** Parse the flags. */
export function parse(argv: string[]): Options {
  const { values, positionals } = parse_args(argv, {
    logs: { type: "string" },
    strict: { type: "boolean", default: false },
    normalize: { type: "boolean", default: false },
  });
  if (positionals.length > 1) throw new UsageError(`Unexpected argument ${positionals[1]}`);
  return {
    report: positionals[0] ?? "TESTNET_SMOKE_REPORT.json",
    logs: values.logs as string | undefined,
    strict: values.strict === true,
    normalize: values.normalize === true,
  };
}

/** Validate; resolves to the exit code. Missing or corrupt files fail the check (exit 1). */
export async function run(o: Options): Promise<number> {
  const gha = Deno.env.get("GITHUB_ACTIONS") === "true";
  const fail = (msg: string) => {
    console.error(gha ? `::error::${msg}` : `FAIL: ${msg}`);
    return 1;
  };
  let data: unknown;
  try {
    data = parse_json_text(await read_text(o.report), o.report);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (o.logs !== undefined) {
    let logs: string;
    try {
      logs = await read_text(o.logs);
    } catch (e) {
      return fail((e as Error).message);
    }
    const bad = find_log_failure(logs);
    if (bad !== undefined) return fail(`${o.logs}: failure in logs: ${bad.slice(0, 200)}`);
  }
  const r = validate_smoke_report(data, Date.now());
  for (const w of r.warnings) console.log(gha ? `::warning::${w}` : `WARNING: ${w}`);
  if (r.errors.length > 0) return fail(`${o.report}: ${r.errors.join("; ")}`);
  const status = (r.report.summary as Record<string, unknown>).status;
  if (o.normalize) await write_json_atomic(o.report, r.report);
  console.log(`${o.report}: valid (status ${status}, ${r.warnings.length} warning(s))`);
  if (o.strict && status !== "pass") return fail(`${o.report}: summary.status is ${status}`);
  return 0;
}

if (import.meta.main) {
  Deno.exitCode = await run_command("validate-smoke-report", { help, parse, run }, Deno.args);
}
