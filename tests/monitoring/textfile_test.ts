/**
 * `promtool check metrics` on every textfile mmsoak writes, and every metric in them documented
 * in README § Metrics.
 */
import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { create_metrics, write_textfile } from "../../lib/metrics/mod.ts";
import { DISPATCHER, run_entry } from "../cmd/_run.ts";
import {
  check_metrics_text,
  documented_metrics,
  exposition_types,
  missing,
  undocumented,
} from "./_tools.ts";

const NO_PROMTOOL = missing("promtool");

async function with_temp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "mmsoak_textfile_" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "lib/metrics write_textfile output passes promtool check metrics (with and without samples)",
  ignore: !!NO_PROMTOOL,
  async fn() {
    await with_temp(async (dir) => {
      for (const n of [0, 1000]) {
        const m = create_metrics();
        for (let i = 0; i < n; i++) {
          m.observe_latency_ms((i * 37) % 1200);
          m.observe_risk_ratio(((i * 13) % 130) / 100); // ratios > 1 land in +Inf
        }
        const file = join(dir, `metrics_${n}.prom`);
        await write_textfile(m.registry, file);
        const text = await Deno.readTextFile(file);
        assertEquals(await check_metrics_text(text), [], `${n} samples`);
        assertEquals(undocumented(text), []);
      }
    });
  },
});

Deno.test({
  name: "check_metrics_text rejects a lint other than _ms units, and a parse error",
  ignore: !!NO_PROMTOOL,
  async fn() {
    const bad_counter = "# HELP mm_x a\n# TYPE mm_x counter\nmm_x 1\n";
    const problems = await check_metrics_text(bad_counter);
    assertEquals(problems, ['mm_x counter metrics should have "_total" suffix']);
    assertEquals((await check_metrics_text("mm_y{ 1\n")).length, 1);
    assertEquals(undocumented(bad_counter), ["mm_x"]);
  },
});

Deno.test({
  name:
    "soak metrics.prom and gate POST_SOAK_METRICS.prom pass promtool; README lists exactly their metrics",
  ignore: !!NO_PROMTOOL,
  async fn() {
    await with_temp(async (dir) => {
      const out = join(dir, "soak");
      const soak = await run_entry(DISPATCHER, [
        "soak",
        "--mock",
        "--iterations",
        "10",
        "--out",
        out,
      ]);
      assertEquals(soak.code, 0, soak.err);
      const gate = await run_entry(DISPATCHER, ["gate", "--path", out, "--prometheus"]);
      assert(gate.code === 0 || gate.code === 1, gate.err);
      const exported = new Set<string>();
      for (const file of ["metrics.prom", "POST_SOAK_METRICS.prom"]) {
        const text = await Deno.readTextFile(join(out, file));
        assertEquals(await check_metrics_text(text), [], `promtool check metrics on ${file}`);
        assertEquals(undocumented(text), [], `${file}: metrics missing from README § Metrics`);
        for (const name of exposition_types(text).keys()) exported.add(name);
      }
      // The other direction: every soak/gate row of the README is really exported.
      for (const [name, d] of documented_metrics()) {
        if (/planned/.test(d.writers) || !/\b(soak|gate)\b/.test(d.writers)) continue;
        assert(
          exported.has(name),
          `README documents ${name} (${d.writers}) but soak/gate do not export it`,
        );
      }
    });
  },
});
