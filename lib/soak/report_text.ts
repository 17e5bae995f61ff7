/**
 * TUNING_REPORT.json text built incrementally. The soak rewrites the report after every iteration;
 * serialising all of it each time grew with the run (25–30 ms per iteration at 1,000 entries, so
 * quadratic in total). Here each entry is serialised once, when it is added, and the text is the
 * join: byte-identical to `stable_stringify(report, 2) + "\n"` (the artifact writer's format).
 * @module
 */
import { stable_stringify } from "../json/stable.ts";

/** The report's entries, each serialised once, and the whole text on demand. */
export class ReportText {
  #entries: string[] = [];

  /** Entries added so far. */
  get length(): number {
    return this.#entries.length;
  }

  /** Add the next entry (nested two levels deep in the document, so indented by four spaces). */
  add(entry: Readonly<Record<string, unknown>>): void {
    // Raw newlines in JSON text are layout only (newlines inside strings are escaped).
    this.#entries.push("    " + stable_stringify(entry, 2).replaceAll("\n", "\n    "));
  }

  /** The document `{ iterations, schema_version, summary }` as the writer would write it. */
  text(schema_version: string, summary: unknown): string {
    const head = stable_stringify({ iterations: [], schema_version, summary }, 2);
    if (this.#entries.length === 0) return head + "\n";
    // Keys are sorted, so "iterations" is the first member.
    const empty = '"iterations": []';
    const at = head.indexOf(empty);
    return head.slice(0, at) + '"iterations": [\n' + this.#entries.join(",\n") + "\n  ]" +
      head.slice(at + empty.length) + "\n";
  }
}
