/**
 * Bad-input fuzz: 500 seeded corruptions of a soak directory (truncated JSON, wrong types,
 * NaN/Infinity strings, missing files, duplicate iteration numbers, huge numbers), each run
 * in-process through the commands' CLI wrapper. Every run must exit 2 with exactly one stderr
 * line and no stack trace, print nothing on stdout, leave every input file byte-identical and
 * write no output. A few runs go through real subprocesses as well.
 * @module
 */
import { assert, assertEquals, assertMatch } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import type { CommandModule } from "../../lib/cli/main.ts";
import * as audit from "../../cmd/audit_artifacts.ts";
import * as gate from "../../cmd/gate.ts";
import * as report from "../../cmd/report.ts";
import * as snapshot from "../../cmd/snapshot.ts";
import * as verify from "../../cmd/verify_deltas.ts";
import { run_cli } from "./_capture.ts";
import { write_soak_dir } from "./_soak_dir.ts";

const RUNS = 500;

/** mulberry32: a tiny seeded PRNG so that every failure is reproducible from its index. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
type Kind = "number" | "boolean" | "string" | "object" | "skip";

/** Fields the commands read, by file kind: [path, kind]. */
const ITER_FIELDS: [string, Kind][] = [
  ["iteration", "number"],
  ["summary", "object"],
  ["tuning", "object"],
  ["summary.net_bps", "number"],
  ["summary.risk_ratio", "number"],
  ["summary.p95_latency_ms", "number"],
  ["summary.maker_taker_ratio", "number"],
  ["summary.adverse_bps_p95", "number"],
  ["summary.slippage_bps_p95", "number"],
  ["summary.fills.maker_volume", "number"],
  ["summary.blocks.total", "number"],
  ["summary.runtime_utc", "string"],
  ["tuning.applied", "boolean"],
  ["tuning.state_hash", "string"],
  ["tuning.skip_reason", "skip"],
  ["tuning.proposed_deltas", "object"],
  ["runtime_overrides.min_interval_ms", "number"],
  ["runtime_overrides.impact_cap_ratio", "number"],
];
const REPORT_FIELDS: [string, Kind][] = [
  ["iterations", "object"],
  ["iterations.0.applied", "boolean"],
  ["iterations.0.iteration", "number"],
  ["iterations.3.net_bps", "number"],
  ["summary.count", "number"],
  ["summary.applied", "number"],
];
const OVERRIDE_FIELDS: [string, Kind][] = [["min_interval_ms", "number"], [
  "tail_age_ms",
  "number",
]];

function wrong_value(kind: Kind, r: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  switch (kind) {
    case "number":
      return pick(["NaN", "Infinity", "-Infinity", "12", true, [], {}, 1e300, -1e300, 9.1e15]);
    case "boolean":
      return pick(["true", 1, 0, [], {}, null]);
    case "string":
      return pick([1, true, [], {}]);
    case "object":
      return pick([[], "x", 3, null, true]);
    case "skip":
      return pick([[], 3, true, { note: 4 }, { velocity: "yes" }]);
  }
}

function set_path(doc: Json, path: string, value: unknown): boolean {
  const parts = path.split(".");
  let o: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (o === null || typeof o !== "object") return false;
    o = (o as Json)[p];
  }
  if (o === null || typeof o !== "object") return false;
  const last = parts[parts.length - 1]!;
  if (!(last in (o as Json)) && parts.length > 1 && !path.startsWith("runtime_overrides")) {
    return false;
  }
  (o as Json)[last] = value;
  return true;
}

interface Target {
  path: string;
  fields: [string, Kind][];
}

/** Apply corruption number `i` to `dir`; returns a label for failure messages. */
async function corrupt(dir: string, overrides: string, i: number): Promise<string> {
  const r = rng(i + 1);
  const iters = [...Deno.readDirSync(dir)].filter((e) => e.name.startsWith("ITER_SUMMARY_")).map((
    e,
  ) => e.name);
  const it = iters[Math.floor(r() * iters.length)]!;
  const targets: Target[] = [
    { path: join(dir, it), fields: ITER_FIELDS },
    { path: join(dir, "TUNING_REPORT.json"), fields: REPORT_FIELDS },
    { path: overrides, fields: OVERRIDE_FIELDS },
  ];
  const t = targets[r() < 0.6 ? 0 : r() < 0.6 ? 1 : 2]!;
  const text = await Deno.readTextFile(t.path);
  const kind = i % 6;
  if (kind === 0) {
    // Truncated JSON: cut anywhere before the last character.
    const cut = Math.floor(r() * (text.length - 1));
    await Deno.writeTextFile(t.path, text.slice(0, cut));
    return `truncate ${t.path} at ${cut}`;
  }
  if (kind === 4) {
    const which = Math.floor(r() * 4);
    if (which === 0) await Deno.remove(join(dir, "TUNING_REPORT.json"));
    else if (which === 1) { for (const f of iters) await Deno.remove(join(dir, f)); }
    else if (which === 2) {
      await Deno.copyFile(join(dir, it), join(dir, it.replace(/_(\d+)\.json$/, "_0$1.json")));
    } else {
      const doc = JSON.parse(text);
      if (t.path.endsWith(it)) doc.iteration = doc.iteration + 1 + Math.floor(r() * 5);
      else if (t.path.endsWith("TUNING_REPORT.json")) doc.iterations.push(doc.iterations[0]);
      else return corrupt_raw(t.path, text, r);
      await Deno.writeTextFile(t.path, JSON.stringify(doc));
    }
    return `missing/duplicate ${which} ${it}`;
  }
  if (kind === 5) return corrupt_raw(t.path, text, r);
  // Wrong types, NaN/Infinity strings and huge numbers at a field the commands read.
  const doc = JSON.parse(text);
  for (let tries = 0; tries < 20; tries++) {
    const [field, k] = t.fields[Math.floor(r() * t.fields.length)]!;
    const v = wrong_value(k, r);
    if (set_path(doc, field, v)) {
      await Deno.writeTextFile(t.path, JSON.stringify(doc, null, 2));
      return `${t.path} ${field} = ${JSON.stringify(v)}`;
    }
  }
  return corrupt_raw(t.path, text, r);
}

/** Raw-text corruptions: a number token replaced by NaN / Infinity / 1e400, or a non-object root. */
async function corrupt_raw(path: string, text: string, r: () => number): Promise<string> {
  const nums = [...text.matchAll(/: (-?\d+(\.\d+)?)/g)];
  const token = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"][Math.floor(r() * 5)]!;
  if (nums.length === 0 || r() < 0.15) {
    const root = ["[]", "null", "42", '"x"', ""][Math.floor(r() * 5)]!;
    await Deno.writeTextFile(path, root);
    return `${path} root ${JSON.stringify(root)}`;
  }
  const m = nums[Math.floor(r() * nums.length)]!;
  const at = m.index! + 2;
  await Deno.writeTextFile(path, text.slice(0, at) + token + text.slice(at + m[1]!.length));
  return `${path} raw ${token}`;
}

async function snapshot_tree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) {
        out.set(p, "dir");
        await walk(p);
      } else out.set(p, await sha(await Deno.readFile(p)));
    }
  };
  await walk(root);
  return out;
}

async function sha(b: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, "0")).join("");
}

// deno-lint-ignore no-explicit-any
const COMMANDS: [string, CommandModule<any>, (d: string) => string[]][] = [
  ["gate", gate, (d) => ["--path", d, "--prometheus"]],
  ["verify-deltas", verify, (d) => ["--path", d, "--strict"]],
  ["audit-artifacts", audit, (d) => ["--base", d, "--html"]],
  ["snapshot", snapshot, (d) => ["--path", d, "--prometheus"]],
  ["report", report, (d) => ["--path", d]],
];

Deno.test(`fuzz: ${RUNS} corrupted soak directories → exit 2, one line, inputs untouched`, async () => {
  const root = await Deno.makeTempDir({ prefix: "mmsoak_fuzz_" });
  const base = await write_soak_dir(join(root, "soak", "latest"), { iterations: 12 });
  const overrides = join(base, "runtime_overrides.json");
  const pristine = new Map<string, Uint8Array>();
  for (const e of Deno.readDirSync(base)) {
    pristine.set(e.name, await Deno.readFile(join(base, e.name)));
  }
  const restore = async () => {
    for (const e of [...Deno.readDirSync(base)]) {
      await Deno.remove(join(base, e.name), { recursive: true });
    }
    for (const [name, bytes] of pristine) await Deno.writeFile(join(base, name), bytes);
  };
  for (let i = 0; i < RUNS; i++) {
    const label = await corrupt(base, overrides, i);
    const before = await snapshot_tree(root);
    const [name, module, argv] = COMMANDS[i % COMMANDS.length]!;
    const out = await run_cli(name, module, argv(base));
    const msg = `run ${i} (${name}; ${label}): ${out.stderr}`;
    if (Deno.env.get("FUZZ_VERBOSE")) console.log(msg);
    assertEquals(out.code, 2, msg);
    assertEquals(out.stdout, "", msg);
    assertEquals(out.stderr.split("\n").length, 1, msg);
    assertMatch(out.stderr, new RegExp(`^mmsoak ${name}: \\S`), msg);
    assert(!/\n\s+at /.test(out.stderr), msg);
    assertEquals(await snapshot_tree(root), before, `inputs changed or outputs written: ${msg}`);
    await restore();
  }
});

Deno.test("fuzz: subprocesses print one stderr line and exit 2", async () => {
  const root = await Deno.makeTempDir({ prefix: "mmsoak_fuzz_sub_" });
  const base = await write_soak_dir(join(root, "latest"), { iterations: 6 });
  const cases: [string, () => Promise<void>][] = [
    [
      "truncated",
      () => Deno.writeTextFile(join(base, "ITER_SUMMARY_3.json"), '{"iteration": 3, "summ'),
    ],
    ["NaN string", async () => {
      const p = join(base, "ITER_SUMMARY_2.json");
      const d = JSON.parse(await Deno.readTextFile(p));
      d.summary.net_bps = "NaN";
      await Deno.writeTextFile(p, JSON.stringify(d));
    }],
    ["missing report", () => Deno.remove(join(base, "TUNING_REPORT.json"))],
  ];
  for (const [label, apply] of cases) {
    await apply();
    const cmd = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../../cmd/gate.ts", import.meta.url).pathname, "--path", base],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    });
    const r = await cmd.output();
    const err = new TextDecoder().decode(r.stderr);
    assertEquals(r.code, 2, `${label}: ${err}`);
    assertEquals(err.trimEnd().split("\n").length, 1, `${label}: ${err}`);
    assertEquals(new TextDecoder().decode(r.stdout), "", label);
  }
});
