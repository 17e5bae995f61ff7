/**
 * The floor of any tool on the 10,000-iteration benchmark input: list the directory and read every
 * ITER_SUMMARY_n.json and TUNING_REPORT.json, without checking anything (with `--parse`: each
 * text through JSON.parse, nothing else; with `--two-threads`: the files split between the main
 * thread and one worker, as the analysis loader splits them). Run as whole processes by
 * tests/bench/analysis_bench.ts next to the real commands.
 *
 *   deno run -A tests/bench/read_floor.ts [--parse] [--two-threads] DIR
 *                                                   (prints the file count and bytes read)
 * @module
 */

interface Job {
  dir: string;
  names: string[];
  parse: boolean;
}

/** The input files of `dir`: every ITER_SUMMARY and TUNING_REPORT.json. */
export function input_names(dir: string): string[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith("ITER_SUMMARY_") || e.name === "TUNING_REPORT.json") names.push(e.name);
  }
  return names;
}

/** Read `names` of `dir` (as bytes, or as text through JSON.parse); the bytes (or characters). */
export function read_names({ dir, names, parse }: Job): number {
  let bytes = 0;
  for (const name of names) {
    const path = `${dir}/${name}`;
    if (parse) {
      const text = Deno.readTextFileSync(path);
      JSON.parse(text);
      bytes += text.length;
    } else bytes += Deno.readFileSync(path).length;
  }
  return bytes;
}

/** Read every input file of `dir`, on one thread or two; [files, bytes]. */
export async function read_all(
  dir: string,
  parse: boolean,
  two: boolean,
): Promise<[number, number]> {
  // The worker boots while the main thread lists, as in lib/analysis/load_parallel.ts.
  const worker = two ? new Worker(import.meta.url, { type: "module" }) : null;
  const names = input_names(dir);
  if (!worker) return [names.length, read_names({ dir, names, parse })];
  const half = Math.floor(names.length / 2);
  const done = new Promise<number>((resolve) => (worker.onmessage = (ev) => resolve(ev.data)));
  worker.postMessage({ dir, names: names.slice(half), parse } satisfies Job);
  const mine = read_names({ dir, names: names.slice(0, half), parse });
  const theirs = await done;
  worker.terminate();
  return [names.length, mine + theirs];
}

const in_worker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
  "undefined";
if (in_worker) {
  const scope = self as unknown as {
    onmessage: (ev: MessageEvent<Job>) => void;
    postMessage(m: unknown): void;
  };
  scope.onmessage = (ev) => scope.postMessage(read_names(ev.data));
} else if (import.meta.main) {
  const flags = Deno.args.filter((a) => a.startsWith("--"));
  const dir = Deno.args.find((a) => !a.startsWith("--"));
  const unknown = flags.filter((f) => f !== "--parse" && f !== "--two-threads");
  if (!dir || unknown.length) {
    console.error("usage: deno run -A tests/bench/read_floor.ts [--parse] [--two-threads] DIR");
    Deno.exitCode = 2;
  } else {
    const [files, bytes] = await read_all(
      dir,
      flags.includes("--parse"),
      flags.includes("--two-threads"),
    );
    console.log(`${files} files, ${bytes} bytes`);
  }
}
