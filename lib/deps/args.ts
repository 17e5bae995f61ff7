/**
 * Façade over `node:util` parseArgs, standing in for `@std/cli/parse-args` (JSR is not reachable).
 * Every command parses its flags through this module so that moving back to @std touches one file.
 * @module
 */
import { parseArgs } from "node:util";

/** Declaration of one flag. */
export interface FlagSpec {
  /** `string` flags take a value; `boolean` flags do not (`--no-x` negates when `negatable`). */
  type: "string" | "boolean";
  /** One-letter alias. */
  short?: string;
  /** May be given several times; the value is then an array. */
  multiple?: boolean;
  /** Default value. */
  default?: string | boolean | string[];
  /** Accept `--no-<name>` to set a boolean flag to false. */
  negatable?: boolean;
}

/** Parsed flags and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Raised for an unknown flag, a missing value or a malformed flag. */
export class ArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgsError";
  }
}

/**
 * Parse `argv` against `spec`. Unknown flags and missing values raise {@linkcode ArgsError}
 * with a one-line, sentence-case message naming the flag.
 */
export function parse_args(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const options: Record<
    string,
    { type: "string" | "boolean"; short?: string; multiple?: boolean }
  > = {};
  const negatable = new Set<string>();
  for (const [name, s] of Object.entries(spec)) {
    const o: { type: "string" | "boolean"; short?: string; multiple?: boolean } = { type: s.type };
    if (s.short) o.short = s.short;
    if (s.multiple) o.multiple = true;
    options[name] = o;
    if (s.type === "boolean" && s.negatable) {
      negatable.add(name);
      options[`no-${name}`] = { type: "boolean" };
    }
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: join_negative_values(argv, spec),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new ArgsError(describe_node_error(e));
  }
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, s] of Object.entries(spec)) {
    const v = (parsed.values as Record<string, string | boolean | string[] | undefined>)[name];
    values[name] = v ?? s.default;
  }
  for (const name of negatable) {
    if ((parsed.values as Record<string, unknown>)[`no-${name}`] === true) values[name] = false;
  }
  return { values, positionals: parsed.positionals };
}

/** A negative number, which parseArgs would otherwise take for a flag (`--edge-threshold -1`). */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * `--name VALUE` → `--name=VALUE` when `name` (or its short alias) takes a value and VALUE is a
 * negative number; everything else is left for parseArgs to judge.
 */
function join_negative_values(argv: string[], spec: Record<string, FlagSpec>): string[] {
  const takes_value = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) {
    if (s.type !== "string") continue;
    takes_value.set(`--${name}`, name);
    if (s.short) takes_value.set(`-${s.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const name = takes_value.get(a);
    const next = argv[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function describe_node_error(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const unknown = msg.match(/Unknown option '([^']+)'/);
  if (unknown) return `Unknown flag ${unknown[1]}`;
  const missing = msg.match(/Option '([^']+?)(?: <value>)?' argument missing/);
  if (missing) return `Flag ${missing[1]!.split(",").pop()!.trim()} needs a value`;
  const notBool = msg.match(/Option '([^']+?)' does not take an argument/);
  if (notBool) return `Flag ${notBool[1]!.split(",").pop()!.trim()} does not take a value`;
  const ambiguous = msg.match(/Option '([^']+?)' argument is ambiguous/);
  if (ambiguous) {
    const flag = ambiguous[1]!.split(",").pop()!.trim();
    return `Flag ${flag} needs a value (for one that starts with '-', write ${flag}=VALUE)`;
  }
  const positional = msg.match(/Unexpected argument '([^']+)'/);
  if (positional) return `Unexpected argument ${positional[1]}`;
  return msg.split("\n")[0]!.replace(/\.$/, "");
}
