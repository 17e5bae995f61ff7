/**
 * The dispatcher: one entry point (and one compiled binary) for every command.
 * Command modules are imported lazily, so `mmsoak gate` does not load the engine.
 * @module
 */
import { run_command } from "../lib/cli/main.ts";
import denoJson from "../deno.json" with { type: "json" };

/** Version printed by `--version`. */
export const VERSION: string = denoJson.version;

const COMMANDS: Record<string, { summary: string; load: () => Promise<unknown> }> = {
  soak: { summary: "run a soak with auto-tuning", load: () => import("./soak.ts") },
  gate: { summary: "release gate on a soak directory", load: () => import("./gate.ts") },
  "audit-artifacts": {
    summary: "tabulate and check a soak directory",
    load: () => import("./audit_artifacts.ts"),
  },
  "verify-deltas": {
    summary: "prove that proposed deltas were applied",
    load: () => import("./verify_deltas.ts"),
  },
  snapshot: { summary: "write POST_SOAK_SNAPSHOT.json", load: () => import("./snapshot.ts") },
  report: { summary: "self-contained HTML report of a soak", load: () => import("./report.ts") },
  smoke: { summary: "smoke-test the live execution path", load: () => import("./smoke.ts") },
  engine: { summary: "run one engine session, print its KPIs", load: () => import("./engine.ts") },
  rotate: { summary: "rotate old soak artifacts", load: () => import("./rotate.ts") },
  sweep: { summary: "write a CI matrix of soak shards", load: () => import("./sweep.ts") },
  merge: { summary: "one verdict from several soak directories", load: () => import("./merge.ts") },
};

/** Help text of the dispatcher. */
export const help = `mmsoak ${VERSION}: soak-test and release-gate a market-making bot

Usage: mmsoak <command> [flags]      (mmsoak <command> --help for its flags)

Commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`).join("\n")}

Flags:
  -h, --help       this text
  -V, --version    print the version
  --debug          stack traces on errors

Exit codes: 0 ok/pass, 1 check or gate failed, 2 usage or input error.`;

/** Dispatch `argv` (command name first) and resolve to the exit code. */
export async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(help);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    console.log(`mmsoak ${VERSION}`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    console.error(`mmsoak: unknown command ${name} (see mmsoak --help)`);
    return 2;
  }
  const module = await entry.load();
  // deno-lint-ignore no-explicit-any
  return await run_command(name, module as any, rest);
}

if (import.meta.main) Deno.exitCode = await dispatch(Deno.args);
