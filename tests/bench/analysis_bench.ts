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

/** Wall and CPU seconds of `deno run -A ARGS` (see {@linkcode time_argv}). */
function time_once(args: string[]): Promise<{ wall: number; cpu: number }> {
  return time_argv([Deno.execPath(), "run", "-A", ...args]);
}

/** Wall seconds of one whole process, and its CPU seconds (user + sys) via /usr/bin/time. */
async function time_argv(argv: string[]): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const r = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "CPU %U %S", ...argv],
    cwd: from_module(import.meta.url, "..", ".."),
    stdout: "null",
    stderr: "piped",
  }).output();
  const wall = (performance.now() - t0) / 1000;
  const err = new TextDecoder().decode(r.stderr);
  // Exit 1 is a verdict (the original data fails the gate), not a benchmark failure.
  const what = argv.find((a) => a.endsWith(".ts")) ?? argv[0];
  if (r.code > 1) throw new Error(`${what} exited ${r.code}: ${err}`);
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
  await floors(dir, runs);
  console.log(`load average after: ${await load()}`);
}

/**
 * The same input read with no parsing at all (Deno), and read + json.loads'd by the original's
 * runtime (Python, when installed): what any tool on this machine pays before it does its job. The
 * original's figures come from another machine; the Python floor against 0.81 s (the original
 * verify_deltas_applied's whole run, which reads at least this) bounds how much slower this one is.
 */
async function floors(dir: string, runs: number): Promise<void> {
  const floor = (...flags: string[]) => [
    Deno.execPath(),
    "run",
    "-A",
    "tests/bench/read_floor.ts",
    ...flags,
    dir,
  ];
  const rows: [string, string[]][] = [
    ["deno: list + read every file, no parsing", floor()],
    ["deno: list + read + JSON.parse every file, no checks", floor("--parse")],
    ["deno: the same on two threads (main + 1 worker)", floor("--parse", "--two-threads")],
  ];
  if (await has_python()) {
    rows.push(["python3: list + read + json.loads every file", ["python3", "-c", PY_FLOOR, dir]]);
  }
  for (const [name, argv] of rows) {
    await time_argv(argv);
    const t: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) t.push(await time_argv(argv));
    const wall = median(t.map((x) => x.wall));
    const note = argv[0] === "python3"
      ? ` (≥ ${(wall / ORIGINAL_SECONDS["verify-deltas"]).toFixed(1)}× the original's machine)`
      : "";
    console.log(
      `| floor: ${name} | ${wall.toFixed(3)} | ${t.map((x) => x.wall.toFixed(3)).join(" ")} | ` +
        `${median(t.map((x) => x.cpu)).toFixed(2)} | - | -${note} |`,
    );
  }
}

/** The least the original tools do on this input (Python 3, standard library only). */
const PY_FLOOR = `import json, os, sys
d = sys.argv[1]
for n in os.listdir(d):
    if n.startswith("ITER_SUMMARY_") or n == "TUNING_REPORT.json":
        with open(os.path.join(d, n), "rb") as f:
            json.loads(f.read())`;

async function has_python(): Promise<boolean> {
  try {
    return (await new Deno.Command("python3", { args: ["-c", "pass"] }).output()).success;
  } catch {
    return false;
  }
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
