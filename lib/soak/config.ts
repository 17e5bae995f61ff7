/**
 * Parameter configuration with precedence, low to high: registry defaults < profile < preset <
 * overrides file < env (`MM_RUNTIME_OVERRIDES_JSON`, then `MM_<PARAM>`) < CLI (`--set k=v`).
 * The source of every key is recorded (SOAK_CONFIG.json), so a run says where each value came from.
 * @module
 */
import { InputError, UsageError } from "../cli/errors.ts";
import { parse_json_text, read_text } from "../artifacts/read.ts";
import { params_from_object, type ParamValues } from "../tuning/apply.ts";
import { param_defaults, param_spec, PARAMS } from "../tuning/registry.ts";
import { apply_preset, load_preset, load_profile } from "./profiles.ts";

/** Inputs of the parameter resolution. */
export interface ParamLayersInput {
  profile?: string;
  preset?: string;
  overrides_file?: string;
  /** Environment lookup (tests pass a map). */
  env: (name: string) => string | undefined;
  /** `--set key=value` items. */
  set: string[];
}

/** Resolved parameters and the source of each. */
export interface ResolvedParams {
  values: ParamValues;
  sources: Record<string, string>;
}

/** Name of the per-parameter environment variable, e.g. `MM_MIN_INTERVAL_MS`. */
export function env_name(param: string): string {
  return `MM_${param.toUpperCase()}`;
}

/** Resolve every registry parameter through the layers. Bad input throws InputError/UsageError. */
export async function resolve_params(inp: ParamLayersInput): Promise<ResolvedParams> {
  let values = param_defaults();
  const sources: Record<string, string> = Object.fromEntries(
    PARAMS.map((p) => [p.name, "default"]),
  );
  const overlay = (layer: ParamValues, label: string) => {
    for (const [k, v] of Object.entries(layer)) {
      values[k] = v;
      sources[k] = label;
    }
  };
  if (inp.profile !== undefined) {
    const p = await load_profile(inp.profile);
    overlay(p.values, p.label);
  }
  if (inp.preset !== undefined) {
    const { label, preset } = await load_preset(inp.preset);
    const before = values;
    values = apply_preset(values, preset);
    for (const k of Object.keys(preset)) if (values[k] !== before[k]) sources[k] = label;
  }
  if (inp.overrides_file !== undefined) {
    const f = inp.overrides_file;
    overlay(params_from_object(parse_json_text(await read_text(f), f), f), `file:${f}`);
  }
  const env_json = inp.env("MM_RUNTIME_OVERRIDES_JSON");
  if (env_json !== undefined && env_json.trim() !== "") {
    const label = "env:MM_RUNTIME_OVERRIDES_JSON";
    overlay(params_from_object(parse_json_text(env_json, label), label), label);
  }
  for (const p of PARAMS) {
    const name = env_name(p.name);
    const raw = inp.env(name);
    if (raw === undefined || raw.trim() === "") continue;
    const v = Number(raw);
    if (!Number.isFinite(v)) {
      throw new InputError(`expected a finite number, got ${JSON.stringify(raw)}`, { field: name });
    }
    overlay({ [p.name]: v }, `env:${name}`);
  }
  for (const item of inp.set) {
    const m = item.match(/^([a-z_]+)=(.+)$/);
    if (!m) throw new UsageError(`--set expects key=value, got ${JSON.stringify(item)}`);
    if (!param_spec(m[1]!)) throw new UsageError(`--set: unknown parameter ${m[1]}`);
    const v = Number(m[2]);
    if (!Number.isFinite(v)) {
      throw new UsageError(`--set ${m[1]}: expected a finite number, got ${JSON.stringify(m[2])}`);
    }
    overlay({ [m[1]!]: v }, "cli:--set");
  }
  return { values, sources };
}
