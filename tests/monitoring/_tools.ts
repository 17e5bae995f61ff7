/**
 * Helpers of the monitoring tests: run Debian's promtool/prometheus, read the README's metric
 * table, and pull metric names out of PromQL and text expositions.
 * @module
 */
import { from_module, join } from "../../lib/deps/path.ts";

/** Repository root. */
export const ROOT: string = from_module(import.meta.url, "..", "..");

/** True when `command` is on PATH (CI installs Debian's `prometheus` package: ci/apt_prometheus.sh). */
export function has_command(command: string): boolean {
  try {
    new Deno.Command(command, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync();
    return true;
  } catch {
    return false;
  }
}

/** Why a promtool/prometheus test is ignored, or `false` when it can run. */
export function missing(...commands: string[]): false | string {
  const absent = commands.filter((c) => !has_command(c));
  if (absent.length === 0) return false;
  console.warn(
    `skipping: ${absent.join(", ")} not installed (apt-get install prometheus; CI installs it)`,
  );
  return absent.join(", ");
}

/** Result of one promtool run. */
export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `promtool args...` in `cwd`, feeding `stdin` when given. */
export async function promtool(
  args: string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<ToolResult> {
  const child = new Deno.Command("promtool", {
    args,
    cwd: options.cwd ?? ROOT,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Metric names of the README's "Metrics" table (first column, back-quoted). */
export function documented_metrics(): Map<string, { type: string; writers: string }> {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md")).replaceAll("\r\n", "\n");
  const start = readme.indexOf("\n## Metrics\n");
  if (start < 0) throw new Error("README.md has no '## Metrics' section");
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, { type: string; writers: string }>();
  for (const line of section.split("\n")) {
    const m = line.match(/^\|\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`\s*\|\s*([a-z]+)\s*\|[^|]*\|([^|]+)\|/);
    if (m) out.set(m[1]!, { type: m[2]!, writers: m[3]!.trim() });
  }
  return out;
}

const SERIES_SUFFIXES = ["_bucket", "_sum", "_count", "_created"];

/** Base metric name of a series name (`mm_latency_ms_bucket` → `mm_latency_ms`). */
export function base_name(series: string, histograms: ReadonlySet<string>): string {
  for (const s of SERIES_SUFFIXES) {
    if (series.endsWith(s) && histograms.has(series.slice(0, -s.length))) {
      return series.slice(0, -s.length);
    }
  }
  return series;
}

/**
 * Metric names used by a PromQL expression. mmsoak's metrics all start with `mm_` or `soak_`
 * (README § Metrics), which no PromQL function, keyword or label of ours does.
 */
export function promql_metrics(expr: string): string[] {
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set(stripped.match(/\b(?:mm|soak)_[a-zA-Z0-9_:]*/g) ?? [])];
}

/** Names declared by `# TYPE` lines of a text exposition, with their types. */
export function exposition_types(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^# TYPE (\S+) (\S+)/);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** Sample names (without labels) of a text exposition. */
export function exposition_series(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)/);
    if (m) out.add(m[1]!);
  }
  return [...out];
}

/**
 * The promtool lints accepted, both caused by names kept from the original tools (README §
 * Metrics): `_ms` units, and the original's `soak_*_count` gauges.
 */
const ACCEPTED_LINTS = [
  /^\S+_ms metric names should not contain abbreviated units$/,
  /^soak_\S+_count non-histogram and non-summary metrics should not have "_count" suffix$/,
];

/**
 * `promtool check metrics` on a text exposition: parse errors and lints fail, except the
 * lints of names kept from the original tools (README § Metrics). Returns the problems (empty = pass).
 */
export async function check_metrics_text(text: string): Promise<string[]> {
  const r = await promtool(["check", "metrics"], { stdin: text });
  if (r.code === 0) return [];
  if (r.code !== 3) return [`promtool check metrics exit ${r.code}: ${r.stdout}${r.stderr}`];
  return (r.stdout + r.stderr).split("\n").map((l) => l.trim())
    .filter((l) => l !== "" && !ACCEPTED_LINTS.some((re) => re.test(l)));
}

/** Metrics of a text exposition missing from README § Metrics (by `# TYPE` and by sample). */
export function undocumented(text: string): string[] {
  const docs = documented_metrics();
  const histograms = new Set([...docs].filter(([, d]) => d.type === "histogram").map(([n]) => n));
  const out = new Set<string>();
  for (const [name, type] of exposition_types(text)) {
    const d = docs.get(name);
    if (!d) out.add(name);
    else if (d.type !== type) out.add(`${name} (README says ${d.type}, exposition ${type})`);
  }
  for (const s of exposition_series(text)) {
    if (!docs.has(base_name(s, histograms))) out.add(s);
  }
  return [...out];
}

/** PromQL metric names (in `exprs`) that README § Metrics does not document. */
export function undocumented_in_promql(exprs: string[]): string[] {
  const docs = documented_metrics();
  const histograms = new Set([...docs].filter(([, d]) => d.type === "histogram").map(([n]) => n));
  return [...new Set(exprs.flatMap(promql_metrics))].filter((m) =>
    !docs.has(base_name(m, histograms))
  );
}
