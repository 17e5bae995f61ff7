/**
 * Test helper: run a command in-process with console output captured.
 * @module
 */
import { type CommandModule, run_command } from "../../lib/cli/main.ts";

/** Exit code and captured output of one run. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `fn` with console.log/console.error captured. */
export async function quiet(fn: () => Promise<number>): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => out.push(a.map(String).join(" "));
  console.error = (...a: unknown[]) => err.push(a.map(String).join(" "));
  try {
    const code = await fn();
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Run a command module as the CLI does (errors → one line and exit code), captured. */
export function run_cli<O>(
  name: string,
  module: CommandModule<O>,
  argv: string[],
): Promise<Captured> {
  return quiet(() => run_command(name, module, argv));
}
