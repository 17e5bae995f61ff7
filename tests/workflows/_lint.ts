/**
 * Project-specific checks of GitHub workflows and the composite action, beyond what actionlint
 * knows: every `deno task` exists, every `mmsoak <command>` is a dispatcher command, every repo
 * path exists, setup-deno is pinned to ci/deno_version, sweep matrix keys are real shard keys,
 * `needs.*.outputs.*` and `inputs.*` are declared. Also lists the command lines whose flags are
 * then checked against each command's `--help`.
 * @module
 */

/** What the checks compare against. */
export interface ProjectFacts {
  /** deno.json task names. */
  tasks: ReadonlySet<string>;
  /** Task name → the cmd module it runs (`deno run -A cmd/x.ts`), for flag checks. */
  task_modules: ReadonlyMap<string, string>;
  /** Dispatcher command → its module path (from cmd/mmsoak.ts). */
  commands: ReadonlyMap<string, string>;
  /** ci/deno_version. */
  deno_version: string;
  /** Keys of a shard of `mmsoak sweep`'s matrix. */
  matrix_keys: ReadonlySet<string>;
  /** Whether a repository-relative path exists. */
  exists(path: string): boolean;
}

/** One problem. */
export interface Finding {
  file: string;
  where: string;
  message: string;
}

/** A command line that runs an mmsoak command module with flags. */
export interface CommandUse {
  file: string;
  where: string;
  module: string;
  flags: string[];
}

type Obj = Record<string, unknown>;
const is_obj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const REPO_PATH =
  /(?<![\w./-])((?:cmd|lib|ci|tests|wasm|monitoring|\.github)\/[A-Za-z0-9_./-]*[A-Za-z0-9_])/g;
const SEGMENT_END = /&&|\|\||[|;\n]|\s\d?>/;

/** Flags (`--name`) of a command segment, `=value` stripped. */
function flags_of(segment: string): string[] {
  return [...new Set(segment.match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [])];
}

/** Checks of one shell script (a `run:`), appending findings and command uses. */
function check_script(
  script: string,
  file: string,
  where: string,
  facts: ProjectFacts,
  out: Finding[],
  uses: CommandUse[],
): void {
  const bad = (message: string) => void out.push({ file, where, message });
  const rest_of = (m: RegExpMatchArray) =>
    script.slice(m.index! + m[0].length).split(SEGMENT_END)[0]!;
  for (const m of script.matchAll(/\bdeno task ([^\s"'`]+)/g)) {
    const task = m[1]!;
    if (task.startsWith("${{")) continue; // matrix value: check_static_matrix_tasks
    const rest = rest_of(m);
    if (!facts.tasks.has(task)) {
      bad(`unknown deno task ${task}`);
      continue;
    }
    if (task === "mmsoak") {
      const sub = rest.trim().split(/\s+/)[0] ?? "";
      if (sub.startsWith("${{")) continue; // a matrix command: checked through its keys
      const mod = facts.commands.get(sub);
      if (!mod) bad(`unknown mmsoak command ${JSON.stringify(sub)}`);
      else uses.push({ file, where, module: mod, flags: flags_of(rest.trim().slice(sub.length)) });
    } else if (facts.task_modules.has(task)) {
      uses.push({ file, where, module: facts.task_modules.get(task)!, flags: flags_of(rest) });
    }
  }
  for (const m of script.matchAll(/cmd\/mmsoak\.ts"?\s+([a-z-]+)/g)) {
    const mod = facts.commands.get(m[1]!);
    if (!mod) bad(`unknown mmsoak command ${m[1]}`);
    else uses.push({ file, where, module: mod, flags: flags_of(rest_of(m)) });
  }
  for (const m of script.matchAll(/\bdeno run (?:-A |--allow-all )?((?:cmd|ci)\/\w+\.ts)/g)) {
    if (m[1] === "cmd/mmsoak.ts") continue;
    uses.push({ file, where, module: m[1]!, flags: flags_of(rest_of(m)) });
  }
  for (const m of script.matchAll(REPO_PATH)) {
    if (!facts.exists(m[1]!)) bad(`path ${m[1]} does not exist`);
  }
}

/** `${{ … }}` expressions anywhere in a value. */
function expressions(v: unknown): string[] {
  const text = JSON.stringify(v) ?? "";
  return [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!);
}

function check_step(
  step: unknown,
  file: string,
  where: string,
  facts: ProjectFacts,
  out: Finding[],
  uses: CommandUse[],
  action_inputs?: Obj,
): void {
  const bad = (message: string) => void out.push({ file, where, message });
  if (!is_obj(step)) return bad("step is not a mapping");
  if (("run" in step) === ("uses" in step)) return bad("a step needs exactly one of run and uses");
  if (typeof step.run === "string") check_script(step.run, file, where, facts, out, uses);
  if (typeof step.uses !== "string") return;
  const ref = step.uses;
  if (ref.startsWith("./")) {
    if (!facts.exists(`${ref.slice(2)}/action.yml`)) bad(`local action ${ref} has no action.yml`);
    return;
  }
  if (!/^[\w.-]+\/[\w./-]+@[\w.-]+$/.test(ref)) bad(`action ${ref} is not pinned to a version`);
  if (/^actions\/(upload|download)-artifact@v[123]$/.test(ref)) bad(`${ref} is deprecated`);
  if (ref.startsWith("denoland/setup-deno@")) {
    const with_ = is_obj(step.with) ? step.with : {};
    let v = String(with_["deno-version"] ?? "");
    const input = v.match(/^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/);
    if (input && action_inputs && is_obj(action_inputs[input[1]!])) {
      v = String((action_inputs[input[1]!] as Obj).default ?? "");
    }
    if (v !== facts.deno_version) {
      bad(`setup-deno runs Deno ${v || "(unpinned)"}, ci/deno_version says ${facts.deno_version}`);
    }
  }
}

/** `deno task ${{ matrix.X }}` with a literal matrix: every value of X must be a task. */
function check_static_matrix_tasks(
  matrix: Obj,
  job: Obj,
  file: string,
  id: string,
  facts: ProjectFacts,
  out: Finding[],
): void {
  const values = (key: string): unknown[] => [
    ...(Array.isArray(matrix[key]) ? matrix[key] as unknown[] : []),
    ...(Array.isArray(matrix.include) ? matrix.include as unknown[] : [])
      .filter(is_obj).map((e) => e[key]).filter((v) => v !== undefined),
  ];
  for (
    const m of JSON.stringify(job.steps ?? []).matchAll(
      /deno task \$\{\{\s*matrix\.([\w-]+)\s*\}\}/g,
    )
  ) {
    const vs = values(m[1]!);
    if (vs.length === 0) out.push({ file, where: id, message: `matrix.${m[1]} has no values` });
    for (const v of vs) {
      if (!facts.tasks.has(String(v))) {
        out.push({ file, where: id, message: `unknown deno task ${v} (matrix.${m[1]})` });
      }
    }
  }
}

/** What a check returns: the problems, and the command lines whose flags to check. */
export interface LintResult {
  findings: Finding[];
  uses: CommandUse[];
}

/** Check a workflow or (`action.yml`) the composite action, parsed. */
export function lint_file(file: string, doc: unknown, facts: ProjectFacts): LintResult {
  return file.endsWith("action.yml")
    ? lint_action(file, doc, facts)
    : lint_workflow(file, doc, facts);
}

/** Check one parsed workflow. */
export function lint_workflow(file: string, doc: unknown, facts: ProjectFacts): LintResult {
  const out: Finding[] = [];
  const uses: CommandUse[] = [];
  if (!is_obj(doc) || !("on" in doc) || !is_obj(doc.jobs)) {
    return { findings: [{ file, where: "", message: "a workflow needs on and jobs" }], uses };
  }
  const jobs = doc.jobs;
  const dispatch = is_obj(doc.on) && is_obj(doc.on.workflow_dispatch)
    ? doc.on.workflow_dispatch
    : {};
  const inputs = is_obj(dispatch.inputs) ? dispatch.inputs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!is_obj(job)) continue;
    const needs = new Set(([] as unknown[]).concat(job.needs ?? []).map(String));
    for (const n of needs) {
      if (!(n in jobs)) out.push({ file, where: id, message: `needs unknown job ${n}` });
    }
    for (const e of expressions(job)) {
      for (const m of e.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const dep = jobs[m[1]!];
        const outs = is_obj(dep) && is_obj(dep.outputs) ? dep.outputs : {};
        if (!needs.has(m[1]!) || !(m[2]! in outs)) {
          out.push({ file, where: id, message: `needs.${m[1]}.outputs.${m[2]} is not declared` });
        }
      }
      for (const m of e.matchAll(/\binputs\.([\w-]+)/g)) {
        if (!(m[1]! in inputs)) out.push({ file, where: id, message: `unknown input ${m[1]}` });
      }
    }
    const matrix = is_obj(job.strategy) ? job.strategy.matrix : undefined;
    if (typeof matrix === "string" && /fromJSON\(needs\.[\w-]+\.outputs\.matrix\)/.test(matrix)) {
      for (const e of expressions(job)) {
        for (const m of e.matchAll(/\bmatrix\.([\w-]+)/g)) {
          if (!facts.matrix_keys.has(m[1]!)) {
            out.push({ file, where: id, message: `matrix.${m[1]} is not a key of sweep shards` });
          }
        }
      }
    }
    if (is_obj(matrix)) check_static_matrix_tasks(matrix, job, file, id, facts, out);
    const steps = Array.isArray(job.steps) ? job.steps : [];
    if (!job.uses && steps.length === 0) out.push({ file, where: id, message: "job has no steps" });
    steps.forEach((s, i) => check_step(s, file, `${id}.steps[${i}]`, facts, out, uses));
  }
  return { findings: out, uses };
}

/** Check the parsed composite action. */
export function lint_action(file: string, doc: unknown, facts: ProjectFacts): LintResult {
  const out: Finding[] = [];
  const uses: CommandUse[] = [];
  if (!is_obj(doc) || !is_obj(doc.runs) || doc.runs.using !== "composite") {
    return { findings: [{ file, where: "", message: "not a composite action" }], uses };
  }
  const inputs = is_obj(doc.inputs) ? doc.inputs : {};
  const steps = Array.isArray(doc.runs.steps) ? doc.runs.steps : [];
  steps.forEach((s, i) => {
    const where = `runs.steps[${i}]`;
    if (is_obj(s) && "run" in s && !("shell" in s)) {
      out.push({ file, where, message: "composite run steps need a shell" });
    }
    for (const e of expressions(s)) {
      for (const m of e.matchAll(/\binputs\.([\w-]+)/g)) {
        if (!(m[1]! in inputs)) out.push({ file, where, message: `unknown input ${m[1]}` });
      }
    }
    check_step(s, file, where, facts, out, uses, inputs);
  });
  return { findings: out, uses };
}
