/**
 * Writes the Binance USD-M diffs (snapshot + diff messages in update-id order) as the flat binary
 * file read by the native benchmark `wasm/examples/bench.rs`.
 *
 *   MMSOAK_DATA=/work/shared/data deno run -A tests/bench/export_core_events.ts /tmp/mmsoak_binance.bin
 * @module
 */
import { data_path } from "../_data.ts";
import { flatten_plan, plan_diffs, read_binance_usdm } from "../core/_binance_fixture.ts";

const out = Deno.args[0] ?? "/tmp/mmsoak_binance.bin";
const rec = await read_binance_usdm(data_path("market/hftbacktest/usdm_btcusdt_20240808.gz"));
const flat = flatten_plan(rec, plan_diffs(rec));
const s = rec.snapshot.levels;
const parts: Uint8Array[] = [
  new Uint8Array(Uint32Array.of(s.side.length, flat.ends.length, flat.side.length).buffer),
  s.side,
  new Uint8Array(s.price.buffer),
  new Uint8Array(s.qty.buffer),
  new Uint8Array(flat.ends.buffer),
  flat.side,
  new Uint8Array(flat.price.buffer.slice(0)),
  new Uint8Array(flat.qty.buffer.slice(0)),
];
const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
let o = 0;
for (const p of parts) {
  bytes.set(p, o);
  o += p.length;
}
await Deno.writeFile(out, bytes);
console.log(`wrote ${out}: ${flat.ends.length} messages, ${flat.side.length} level updates`);
