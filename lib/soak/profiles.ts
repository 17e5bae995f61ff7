/**
 * Parameter profiles (steady_safe, ultra_safe ship with the toolkit; any JSON file works) and
 * presets (relative add/mul changes, SPEC §1.12). Profile values are registry parameters, flat or
 * nested; metadata keys such as `description` are ignored.
 * @module
 */
import { InputError } from "../cli/errors.ts";
import { parse_json_text, read_text } from "../artifacts/read.ts";
import { params_from_object, type ParamValues } from "../tuning/apply.ts";
import { param_defaults, param_spec, round_param } from "../tuning/registry.ts";
import steady_safe from "./profiles/steady_safe.json" with { type: "json" };
import ultra_safe from "./profiles/ultra_safe.json" with { type: "json" };

/** Built-in profiles by name. */
export const PROFILES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  steady_safe,
  ultra_safe,
};

/** A loaded profile: its values (registry keys present in it) and its label for sources. */
export interface LoadedLayer {
  label: string;
  values: ParamValues;
}

/**
 * A built-in by `name`, else the parsed JSON of `name` as a `.json` file; anything else is an
 * InputError naming `flag` and the built-in names.
 */
async function builtin_or_json<T>(
  flag: string,
  kind: string,
  name: string,
  builtins: Readonly<Record<string, T>>,
): Promise<{ builtin: T } | { data: unknown }> {
  const builtin = builtins[name];
  if (builtin) return { builtin };
  if (!name.endsWith(".json")) {
    throw new InputError(
      `unknown ${kind} (built-in: ${Object.keys(builtins).join(", ")}; or a .json file)`,
      { field: flag },
    );
  }
  return { data: parse_json_text(await read_text(name), name) };
}

/** Load `--profile NAME|FILE`: a built-in name, else a JSON file. */
export async function load_profile(name_or_file: string): Promise<LoadedLayer> {
  const got = await builtin_or_json("--profile", "profile", name_or_file, PROFILES);
  return {
    label: `profile:${name_or_file}`,
    values: "builtin" in got
      ? params_from_object(got.builtin, `profile ${name_or_file}`)
      : params_from_object(got.data, name_or_file),
  };
}

/** Complete values of a built-in profile: registry defaults overlaid with the profile. */
export function profile_values(name: string): ParamValues {
  const p = PROFILES[name];
  if (!p) throw new Error(`No built-in profile ${name}`);
  return { ...param_defaults(), ...params_from_object(p, `profile ${name}`) };
}

/** One preset change. */
export interface PresetOp {
  op: "add" | "mul";
  value: number;
}

/** A preset: changes keyed by registry parameter (sections of the file are informational). */
export type Preset = Record<string, PresetOp>;

/** Built-in presets (SPEC §1.12; only their registry parameters). */
export const PRESETS: Readonly<Record<string, Preset>> = {
  maker_bias_uplift_v1: {
    base_spread_bps_delta: { op: "add", value: 0.01 },
    min_interval_ms: { op: "add", value: 15 },
    replace_rate_per_min: { op: "mul", value: 0.90 },
    impact_cap_ratio: { op: "mul", value: 0.95 },
    max_delta_ratio: { op: "mul", value: 0.95 },
  },
  warmup_conservative_v1: {
    base_spread_bps_delta: { op: "add", value: 0.03 },
    min_interval_ms: { op: "add", value: 25 },
    replace_rate_per_min: { op: "mul", value: 0.75 },
    impact_cap_ratio: { op: "mul", value: 0.85 },
    max_delta_ratio: { op: "mul", value: 0.85 },
    tail_age_ms: { op: "add", value: 100 },
  },
};

/**
 * Parse a preset document `{changes: {section: {param: {op, value}}}}`. Parameters outside the
 * registry (taker_rescue.*, risk.position_limit_notional) do not exist in this engine and are
 * skipped; a malformed op is an InputError.
 */
export function parse_preset(doc: unknown, file: string): Preset {
  const changes = (doc as { changes?: unknown } | null)?.changes;
  if (!changes || typeof changes !== "object") {
    throw new InputError("expected an object", { file, field: "changes" });
  }
  const out: Preset = {};
  for (const [section, params] of Object.entries(changes as Record<string, unknown>)) {
    if (!params || typeof params !== "object") {
      throw new InputError("expected an object", { file, field: `changes.${section}` });
    }
    for (const [name, change] of Object.entries(params as Record<string, unknown>)) {
      const field = `changes.${section}.${name}`;
      const c = change as { op?: unknown; value?: unknown } | null;
      if (!c || (c.op !== "add" && c.op !== "mul")) {
        throw new InputError(`op must be "add" or "mul"`, { file, field: `${field}.op` });
      }
      if (typeof c.value !== "number" || !Number.isFinite(c.value)) {
        throw new InputError("expected a finite number", { file, field: `${field}.value` });
      }
      if (param_spec(name)) out[name] = { op: c.op, value: c.value };
    }
  }
  return out;
}

/** Load `--preset NAME|FILE`. */
export async function load_preset(
  name_or_file: string,
): Promise<{ label: string; preset: Preset }> {
  const got = await builtin_or_json("--preset", "preset", name_or_file, PRESETS);
  return {
    label: `preset:${name_or_file}`,
    preset: "builtin" in got ? got.builtin : parse_preset(got.data, name_or_file),
  };
}

/** Apply preset ops to `values`, rounded but not clamped (the bounds guard validates later). */
export function apply_preset(values: Readonly<ParamValues>, preset: Preset): ParamValues {
  const out: ParamValues = { ...values };
  for (const [k, { op, value }] of Object.entries(preset)) {
    const cur = out[k]!;
    out[k] = round_param(param_spec(k)!, op === "add" ? cur + value : cur * value);
  }
  return out;
}
