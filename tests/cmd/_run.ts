/**
 * Run an mmsoak entry point (the dispatcher or the bundle) in a subprocess, as a user would.
 * @module
 */
import { from_module } from "../../lib/deps/path.ts";

/** The dispatcher's path. */
export const DISPATCHER: string = from_module(import.meta.url, "..", "..", "cmd", "mmsoak.ts");

/** Output of one run. */
export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** `deno run -A <entry> args...` with `env` added to a NO_COLOR environment. */
export async function run_entry(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<RunResult> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    cwd,
    env: { NO_COLOR: "1", ...env },
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}
