/**
 * The gate's threshold sets (DESIGN §3) and `--thresholds FILE`: a JSON object overriding any of
 * them, e.g. `{"last8_pass": {"max_p95_latency_ms": 340}, "delta_quality": {"max_fail_count": 1}}`.
 * Unknown sets or keys and wrong types are input errors naming the file and the field.
 * @module
 */
import { parse_json_text } from "../artifacts/read.ts";
import { as_num, as_obj, bad, describe } from "./fields.ts";
import { read_text_sync } from "./load_chunk.ts";
import type { SnapshotThresholds } from "./snapshot.ts";
import { DELTA_QUALITY, GATE_VERDICT, LAST8_PASS } from "./thresholds.ts";

/** Every threshold set the gate applies. */
export interface GateThresholds extends SnapshotThresholds {
  delta_quality: { [K in keyof typeof DELTA_QUALITY]: number };
}

/** Fresh copy of the default sets. */
export function default_gate_thresholds(): GateThresholds {
  return {
    last8_pass: { ...LAST8_PASS },
    gate_verdict: { ...GATE_VERDICT },
    delta_quality: { ...DELTA_QUALITY },
  };
}

/** The thresholds of a `--thresholds` flag: the file's, or the defaults when none was given. */
export function gate_thresholds(path: string | null | undefined): GateThresholds {
  return path == null ? default_gate_thresholds() : read_thresholds_file(path);
}

/** Defaults overridden by the JSON object in `path`. */
export function read_thresholds_file(path: string): GateThresholds {
  const t = default_gate_thresholds();
  const root = as_obj(parse_json_text(read_text_sync(path), path), path, "");
  const sets = t as unknown as Record<string, Record<string, number | boolean>>;
  for (const set in root) {
    const target = sets[set];
    if (!target) bad(path, set, `unknown threshold set (known: ${Object.keys(sets).join(", ")})`);
    const o = as_obj(root[set], path, set);
    for (const key in o) {
      const field = `${set}.${key}`;
      if (!(key in target)) {
        bad(path, field, `unknown threshold (known: ${Object.keys(target).join(", ")})`);
      }
      if (typeof target[key] === "boolean") {
        if (typeof o[key] !== "boolean") {
          bad(path, field, `expected a boolean, got ${describe(o[key])}`);
        }
        target[key] = o[key] as boolean;
      } else {
        const v = as_num(o[key], path, field);
        if (v < 0) bad(path, field, `expected a value ≥ 0, got ${v}`);
        target[key] = v;
      }
    }
  }
  return t;
}
