/**
 * Analysis benchmarks on the original's format cycled to 10,000 iterations
 * (tests/bench/make_10k_dir.ts; needs data/original, generated into a temp dir, never committed).
 *
 *   deno bench -A tests/bench/analysis_bench.ts        in-process phases (load, snapshot, verify, audit)
 *   deno run -A tests/bench/analysis_bench.ts [--runs 5] [--dir DIR]
 *                                                      whole process, median of N, like the original's figures
 * @module
 */
import { parse_args } from "../../lib/deps/args.ts";
import { from_module } from "../../lib/deps/path.ts";
import { analyze } from "../../lib/analysis/analyze.ts";
import { audit } from "../../lib/analysis/audit.ts";
import { audit_csv } from "../../lib/analysis/audit_output.ts";
import { load_soak_dir } from "../../lib/analysis/load.ts";
import { default_gate_thresholds } from "../../lib/analysis/thresholds_file.ts";
import { has_data } from "../_data.ts";
import { make_cycled_dir, MOCK24 } from "./make_10k_dir.ts";

/** The original Python tools on the same input, whole process, median of 5 (issue 6). */
export const ORIGINAL_SECONDS = { gate: 0.99, "verify-deltas": 0.81, "audit-artifacts": 1.43 };

const COMMANDS: Record<string, (dir: string) => string[]> = {
  gate: (d) => ["cmd/gate.ts", "--path", d],
  "verify-deltas": (d) => ["cmd/verify_deltas.ts", "--path", d],
  "audit-artifacts": (d) => ["cmd/audit_artifacts.ts", "--base", d],
};

/** Wall seconds of one whole process, and its CPU seconds (user + sys) via /usr/bin/time. */
async function time_once(args: string[]): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const r = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "CPU %U %S", Deno.execPath(), "run", "-A", ...args],
    cwd: from_module(import.meta.url, "..", ".."),
    stdout: "null",
    stderr: "piped",
  }).output();
  const wall = (performance.now() - t0) / 1000;
  const err = new TextDecoder().decode(r.stderr);
  // Exit 1 is a verdict (the original data fails the gate), not a benchmark failure.
  if (r.code > 1) throw new Error(`${args[0]} exited ${r.code}: ${err}`);
  const m = err.match(/CPU ([\d.]+) ([\d.]+)/);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function whole_process(dir: string, runs: number): Promise<void> {
  const load = async () => (await Deno.readTextFile("/proc/loadavg")).trim();
  console.log(`load average before: ${await load()}`);
  console.log(
    `| command | wall, median of ${runs} (s) | wall runs (s) | CPU user+sys, median (s) | original (s) | speed-up |`,
  );
  console.log("|---|---|---|---|---|---|");
  for (const [name, argv] of Object.entries(COMMANDS)) {
    await time_once(argv(dir)); // warm-up: module cache, page cache
    const t: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) t.push(await time_once(argv(dir)));
    const wall = median(t.map((x) => x.wall));
    const orig = ORIGINAL_SECONDS[name as keyof typeof ORIGINAL_SECONDS];
    console.log(
      `| ${name} | ${wall.toFixed(3)} | ${t.map((x) => x.wall.toFixed(3)).join(" ")} | ` +
        `${median(t.map((x) => x.cpu)).toFixed(2)} | ${orig} | ${(orig / wall).toFixed(1)}× |`,
    );
  }
  console.log(`load average after: ${await load()}`);
}

if (import.meta.main) {
  const { values } = parse_args(Deno.args, {
    runs: { type: "string", default: "5" },
    dir: { type: "string" },
  });
  const dir = typeof values.dir === "string"
    ? values.dir
    : await make_cycled_dir(await Deno.makeTempDir({ prefix: "mmsoak_bench_" }), 10_000);
  await whole_process(dir, Number(values.runs));
} else if (has_data(MOCK24)) {
  const dir = await make_cycled_dir(await Deno.makeTempDir({ prefix: "mmsoak_bench_" }), 10_000);
  const loaded = await load_soak_dir(dir);
  const t = default_gate_thresholds();
  Deno.bench("load 10,000 ITER_SUMMARY + TUNING_REPORT", async () => {
    await load_soak_dir(dir);
  });
  Deno.bench("load, main thread only", async () => {
    await load_soak_dir(dir, { workers: 0 });
  });
  Deno.bench("snapshot + verify + gate (loaded)", () => {
    analyze(loaded, t, true);
  });
  Deno.bench("audit + CSV (loaded)", () => {
    audit_csv(audit(loaded, analyze(loaded, t, false).verify));
  });
} else {
  console.error(`skipping analysis benchmarks: data set ${MOCK24} not found`);
}
