/**
 * The floor of any tool on the 10,000-iteration benchmark input: list the directory and read every
 * ITER_SUMMARY_n.json and TUNING_REPORT.json, without checking anything (with `--parse`: each
 * text through JSON.parse, nothing else). Run as whole processes by tests/bench/analysis_bench.ts
 * next to the real commands.
 *
 *   deno run -A tests/bench/read_floor.ts [--parse] DIR    (prints the file count and bytes read)
 * @module
 */

/** Read every input file of `dir` (as bytes, or as text through JSON.parse); [files, bytes]. */
export function read_all(dir: string, parse: boolean): [number, number] {
  let files = 0;
  let bytes = 0;
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith("ITER_SUMMARY_") || e.name === "TUNING_REPORT.json") {
      const path = `${dir}/${e.name}`;
      if (parse) {
        const text = Deno.readTextFileSync(path);
        JSON.parse(text);
        bytes += text.length;
      } else bytes += Deno.readFileSync(path).length;
      files++;
    }
  }
  return [files, bytes];
}

if (import.meta.main) {
  const parse = Deno.args[0] === "--parse";
  const dir = Deno.args[parse ? 1 : 0];
  if (!dir) {
    console.error("usage: deno run -A tests/bench/read_floor.ts [--parse] DIR");
    Deno.exitCode = 2;
  } else {
    const [files, bytes] = read_all(dir, parse);
    console.log(`${files} files, ${bytes} bytes`);
  }
}
