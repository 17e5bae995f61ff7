import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../lib/deps/assert.ts";
import { create_metrics } from "../../lib/metrics/registry.ts";
import { serve_metrics } from "../../lib/metrics/serve.ts";
import { sample_value } from "./_exposition.ts";

Deno.test("serve_metrics binds 127.0.0.1 on an ephemeral port and serves live values", async () => {
  const m = create_metrics();
  const srv = serve_metrics(m.registry, { port: 0 });
  try {
    assertEquals(srv.hostname, "127.0.0.1");
    assert(srv.port > 0);
    m.observe_latency_ms(12);
    const res = await fetch(srv.url, { signal: AbortSignal.timeout(2000) });
    assertEquals(res.status, 200);
    assertStringIncludes(res.headers.get("content-type") ?? "", "text/plain");
    const text = await res.text();
    assertEquals(sample_value(text, "mm_latency_ms_count"), 1);
    m.observe_latency_ms(30);
    const again = await (await fetch(srv.url, { signal: AbortSignal.timeout(2000) })).text();
    assertEquals(sample_value(again, "mm_latency_ms_count"), 2);
    const nf = await fetch(`http://127.0.0.1:${srv.port}/other`, {
      signal: AbortSignal.timeout(2000),
    });
    assertEquals(nf.status, 404);
    await nf.body?.cancel();
    const post = await fetch(srv.url, { method: "POST", signal: AbortSignal.timeout(2000) });
    assertEquals(post.status, 405);
    await post.body?.cancel();
  } finally {
    await srv.close();
  }
  await srv.close(); // idempotent
  await assertRejects(() => fetch(srv.url, { signal: AbortSignal.timeout(2000) }));
});

Deno.test("serve_metrics rejects a port already in use and a bad port number", async () => {
  const m = create_metrics();
  const a = serve_metrics(m.registry, { port: 0 });
  try {
    let err: unknown;
    try {
      serve_metrics(m.registry, { port: a.port });
    } catch (e) {
      err = e;
    }
    assert(err instanceof Deno.errors.AddrInUse);
    let range: unknown;
    try {
      serve_metrics(m.registry, { port: 70000 });
    } catch (e) {
      range = e;
    }
    assert(range instanceof RangeError);
  } finally {
    await a.close();
  }
});
