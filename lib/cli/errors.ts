/**
 * Error types that commands map to exit codes, and their one-line rendering.
 * @module
 */

/** Exit codes used by every command. */
export const EXIT = { ok: 0, failed: 1, bad_input: 2 } as const;

/** Bad command line: unknown flag, missing or malformed value. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Bad input file or value: missing, unreadable, corrupt, wrong type, NaN. Exit code 2.
 * The message names the file and, when known, the field path (`summary.net_bps`).
 */
export class InputError extends Error {
  /** The file at fault, if any. */
  readonly file?: string;
  /** Dotted path of the field at fault, if any. */
  readonly field?: string;
  constructor(message: string, options: { file?: string; field?: string; cause?: unknown } = {}) {
    const where = [options.file, options.field].filter((p) => p !== undefined && p !== "").join(
      ": ",
    );
    super(where ? `${where}: ${message}` : message, { cause: options.cause });
    this.name = "InputError";
    this.file = options.file;
    this.field = options.field;
  }
}

/** The exit code for an error thrown by a command. */
export function exit_code_for(e: unknown): number {
  if (e instanceof UsageError || e instanceof InputError) return EXIT.bad_input;
  if (e instanceof Error && e.name === "ArgsError") return EXIT.bad_input;
  return EXIT.failed;
}

/** One line describing `e`, without a stack trace. */
export function one_line(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0]!.trim();
}
