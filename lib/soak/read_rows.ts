/**
 * Read the trend rows of a soak directory, from ITER_SUMMARY_n.json or its rotated .json.gz.
 * @module
 */
import { parse_json_text } from "../artifacts/read.ts";
import { join } from "../deps/path.ts";
import { gunzip } from "../artifacts/gzip.ts";
import { trend_row, type TrendRow } from "./trend.ts";

/** Rows of iterations 1..total (missing iterations are skipped). */
export async function read_trend_rows(dir: string, total: number): Promise<TrendRow[]> {
  const rows: TrendRow[] = [];
  for (let n = 1; n <= total; n++) {
    const path = join(dir, `ITER_SUMMARY_${n}.json`);
    let text: string | null = null;
    try {
      text = await Deno.readTextFile(path);
    } catch {
      try {
        text = new TextDecoder().decode(await gunzip(await Deno.readFile(`${path}.gz`)));
      } catch {
        text = null;
      }
    }
    if (text === null) continue;
    rows.push(trend_row(parse_json_text(text, path) as { iteration: number }));
  }
  return rows;
}
