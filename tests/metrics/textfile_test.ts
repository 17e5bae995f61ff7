import { assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { create_metrics, metrics_text } from "../../lib/metrics/registry.ts";
import { write_textfile } from "../../lib/metrics/textfile.ts";
import { sample_value } from "./_exposition.ts";

Deno.test("write_textfile writes the exposition atomically and leaves no temp file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const m = create_metrics();
    m.observe_risk_ratio(0.3);
    const path = join(dir, "sub", "mmsoak.prom");
    await write_textfile(m.registry, path);
    const first = await Deno.readTextFile(path);
    assertEquals(first, await metrics_text(m.registry));
    m.observe_risk_ratio(0.6);
    await write_textfile(m.registry, path);
    assertEquals(sample_value(await Deno.readTextFile(path), "mm_risk_ratio_count"), 2);
    const names = [...Deno.readDirSync(join(dir, "sub"))].map((e) => e.name);
    assertEquals(names, ["mmsoak.prom"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
