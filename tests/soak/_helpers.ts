/**
 * Helpers of the soak tests: in-process and subprocess runs, and directory snapshots.
 * @module
 */
import { from_module, join } from "../../lib/deps/path.ts";
import { run_soak, type SoakOptions, type SoakResult } from "../../lib/soak/loop.ts";
import { DEFAULT_START_MS } from "../../lib/soak/run_config.ts";

/** Repository root. */
export const ROOT = from_module(import.meta.url, "..", "..");

/** Options of a default mock run into `out`; `over` replaces fields. */
export function mock_options(out: string, over: Partial<SoakOptions> = {}): SoakOptions {
  return {
    iterations: 24,
    auto_tune: true,
    market: { kind: "mock" },
    window_s: 300,
    symbols: ["BTCUSDT"],
    seed: 1,
    warmup: false,
    start_ms: DEFAULT_START_MS,
    keep: null,
    run_sources: {},
    set: [],
    out,
    resume: false,
    env: () => undefined,
    ...over,
  };
}

/** Run a mock soak in-process. */
export function mock_run(out: string, over: Partial<SoakOptions> = {}): Promise<SoakResult> {
  return run_soak(mock_options(out, over));
}

/** Every file under `dir` (relative path → bytes as a binary string), temp files excluded. */
export async function snapshot_dir(dir: string, prefix = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) Object.assign(out, await snapshot_dir(join(dir, e.name), rel));
    else if (e.isFile) {
      const bytes = await Deno.readFile(join(dir, e.name));
      out[rel] = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a < b ? -1 : 1));
}

/** Run `cmd/<file>` in a subprocess; returns code, stdout, stderr and the signal. */
export async function run_cmd(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; signal: string | null; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", join(ROOT, "cmd", file), ...args],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    signal: out.signal,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

/** A fresh temporary directory, removed by the returned disposer. */
export async function temp_dir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "mmsoak_soak_test_" });
}
