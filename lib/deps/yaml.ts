/**
 * Façade over the npm `yaml` package, standing in for `@std/yaml` (JSR is not reachable).
 * Used to read GitHub Actions workflows and Prometheus configuration in tests and tools.
 * @module
 */
import { parse, stringify } from "yaml";

/**
 * Parse one YAML document. Throws a `SyntaxError` naming `file` (when given) and the first
 * problem, so a broken workflow or rules file fails with one clear line.
 */
export function parse_yaml(text: string, file?: string): unknown {
  try {
    return parse(text, { prettyErrors: false, strict: true, uniqueKeys: true });
  } catch (e) {
    const where = file ? `${file}: ` : "";
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new SyntaxError(`${where}invalid YAML: ${msg}`);
  }
}

/** Serialise a value as YAML (block style, keys in insertion order). */
export function stringify_yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}
