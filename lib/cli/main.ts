/**
 * The shared shape of a command module and the wrapper that turns its errors into exit codes.
 * @module
 */
import { exit_code_for, one_line, UsageError } from "./errors.ts";
import { ArgsError } from "../deps/args.ts";

/** What every `cmd/<name>.ts` exports. */
export interface CommandModule<O> {
  /** Help text printed by `--help`. */
  help: string;
  /** Parse the arguments; throws UsageError on bad flags. */
  parse(argv: string[]): O;
  /** Run with parsed options; resolves to the exit code. */
  run(options: O): Promise<number>;
}

/**
 * Parse and run a command: `--help`/`-h` prints the help text (exit 0); a usage or input error
 * prints one line on stderr (exit 2); any other error prints one line (exit 1). `--debug`
 * anywhere in `argv` adds the stack trace.
 */
export async function run_command<O>(
  name: string,
  module: CommandModule<O>,
  argv: string[],
): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  if (args.includes("--help") || args.includes("-h")) {
    console.log(module.help.trimEnd());
    return 0;
  }
  try {
    let options: O;
    try {
      options = module.parse(args);
    } catch (e) {
      if (e instanceof ArgsError) throw new UsageError(e.message);
      throw e;
    }
    return await module.run(options);
  } catch (e) {
    const code = exit_code_for(e);
    const hint = e instanceof UsageError ? ` (see mmsoak ${name} --help)` : "";
    console.error(`mmsoak ${name}: ${one_line(e)}${hint}`);
    if (debug && e instanceof Error && e.stack) console.error(e.stack);
    return code;
  }
}
