import { assertEquals } from "../../lib/deps/assert.ts";
import { Progress } from "../../lib/cli/progress.ts";

Deno.test("progress: plain lines when not a terminal", () => {
  const out: string[] = [];
  const p = new Progress({ total: 2, label: "soak", tty: false, write: (t) => out.push(t) });
  p.tick("iter 1 ok");
  p.tick();
  p.done();
  assertEquals(out, ["iter 1 ok\n", "soak 2/2\n"]);
});

Deno.test("progress: a redrawn bar on a terminal, cleared at the end", () => {
  const out: string[] = [];
  const p = new Progress({
    total: 4,
    label: "soak",
    tty: true,
    width: 4,
    write: (t) => out.push(t),
  });
  p.tick("iter 1");
  assertEquals(out, ["\r\x1b[2Kiter 1\n", "\r\x1b[2Ksoak [#---] 1/4"]);
  p.done();
  assertEquals(out.at(-1), "\r\x1b[2K");
});
