/**
 * The HTML report: self-contained (no script, no external resource), and rendered by real
 * headless Chromium without console errors, exceptions or network requests, with every chart
 * drawn. Skips with a message when Chromium is not installed (CI installs it: ci/apt_chromium.sh).
 * @module
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import * as report from "../../cmd/report.ts";
import { find_chromium, load_page, save_png } from "./_cdp.ts";
import { run_cli } from "./_capture.ts";
import { write_soak_dir } from "./_soak_dir.ts";

const chromium = find_chromium();
const file_url = (p: string) => new URL(`file://${p}`).href;
if (!chromium) {
  console.error("skipping Chromium report tests: `chromium` not found (apt-get install chromium)");
}

async function report_for(
  scenario: "converged" | "failing",
  iterations = 24,
): Promise<{ dir: string; html: string }> {
  const dir = await write_soak_dir(await Deno.makeTempDir({ prefix: "mmsoak_report_" }), {
    scenario,
    iterations,
  });
  const out = await run_cli("report", report, ["--path", dir]);
  assertEquals(out.code, 0, out.stderr);
  return { dir, html: join(dir, "POST_SOAK_REPORT.html") };
}

Deno.test("report: one self-contained file with charts, events and the verdict", async () => {
  const { html } = await report_for("failing");
  const text = await Deno.readTextFile(html);
  assert(
    !/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i.test(text),
    "no script or external resource",
  );
  assertEquals(
    [...text.matchAll(/https?:\/\/[^"'\s<]+/g)].map((m) => m[0]).filter((u) =>
      u !== "http://www.w3.org/2000/svg"
    ),
    [],
  );
  assertStringIncludes(text, '<span class="badge FAIL">FAIL</span>');
  for (const kpi of ["net_bps", "risk_ratio", "maker_taker_ratio", "p95_latency_ms"]) {
    assertStringIncludes(text, `aria-label="${kpi}"`);
  }
  assertStringIncludes(text, "pass &lt;= 0.42");
  assertStringIncludes(text, 'aria-label="tuning events"');
});

Deno.test({
  name: "report: headless Chromium renders it without console errors or network",
  ignore: chromium === null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { dir, html } = await report_for("converged");
    const r = await load_page(
      chromium!,
      file_url(html),
      "[document.querySelectorAll('svg.chart').length, document.querySelector('.badge').textContent, document.querySelectorAll('svg path').length]",
    );
    assertEquals(r.errors, []);
    assertEquals(r.requests, []);
    assertEquals(r.value, [6, "PASS", 5]);
    assertEquals([...r.screenshot.slice(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
    assert(
      r.screenshot.length > 20_000,
      `screenshot of a rendered page (${r.screenshot.length} bytes)`,
    );
    await save_png(dir, "report.png", r.screenshot);
  },
});

Deno.test({
  name: "report: the Chromium harness does catch console errors and exceptions (control)",
  ignore: chromium === null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    const page = join(dir, "bad.html");
    await Deno.writeTextFile(
      page,
      `<!doctype html><script>console.error("boom"); throw new Error("kaput")</script>`,
    );
    const r = await load_page(chromium!, file_url(page), "1");
    assert(r.errors.some((e) => e.includes("boom")), JSON.stringify(r.errors));
    assert(r.errors.some((e) => e.includes("kaput")), JSON.stringify(r.errors));
  },
});
