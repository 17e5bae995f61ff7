/**
 * GitHub Actions output: a Markdown step summary (appended to $GITHUB_STEP_SUMMARY) and
 * `::error` / `::warning` annotations, capped so that a bad run does not flood the UI.
 * @module
 */

/** Most annotations of one level a command emits (GitHub shows 10 per step anyway). */
export const ANNOTATION_CAP = 10;

/** True when running inside GitHub Actions (`GITHUB_ACTIONS=true`). */
export function in_github_actions(
  env: (k: string) => string | undefined = (k) => Deno.env.get(k),
): boolean {
  return env("GITHUB_ACTIONS") === "true";
}

/** Escape a workflow-command message (%, CR, LF) so that it stays one command. */
export function escape_data(s: string): string {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escape_property(s: string): string {
  return escape_data(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** Annotation lines: at most ANNOTATION_CAP errors and ANNOTATION_CAP warnings. */
export function annotations(title: string, errors: string[], warnings: string[]): string[] {
  const t = escape_property(title);
  return [
    ...errors.slice(0, ANNOTATION_CAP).map((m) => `::error title=${t}::${escape_data(m)}`),
    ...warnings.slice(0, ANNOTATION_CAP).map((m) => `::warning title=${t}::${escape_data(m)}`),
  ];
}

/** Append `markdown` to $GITHUB_STEP_SUMMARY when that variable names a file; true if written. */
export function append_step_summary(
  markdown: string,
  env: (k: string) => string | undefined = (k) => Deno.env.get(k),
): boolean {
  const path = env("GITHUB_STEP_SUMMARY");
  if (!path) return false;
  Deno.writeTextFileSync(path, markdown.endsWith("\n") ? markdown : markdown + "\n", {
    append: true,
  });
  return true;
}
