/**
 * Test helper: load a page in real headless Chromium (Debian's `chromium`) and report what the
 * DevTools protocol saw — console errors, uncaught exceptions, log errors, network requests —
 * plus a screenshot and the value of a JavaScript expression. Deps: Deno's WebSocket only.
 * @module
 */
import { join } from "../../lib/deps/path.ts";

/** Path of the Chromium binary, or null when it is not installed. */
export function find_chromium(): string | null {
  const env = Deno.env.get("CHROMIUM");
  for (const p of [env, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (!p) continue;
    try {
      if (Deno.statSync(p).isFile) return p;
    } catch { /* next */ }
  }
  return null;
}

/** What loading the page produced. */
export interface PageResult {
  errors: string[];
  requests: string[];
  screenshot: Uint8Array;
  value: unknown;
}

/** Open `url`, wait for load, evaluate `expression`, take a screenshot, close Chromium. */
export async function load_page(
  chromium: string,
  url: string,
  expression: string,
): Promise<PageResult> {
  const profile = await Deno.makeTempDir({ prefix: "mmsoak_chromium_" });
  const child = new Deno.Command(chromium, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "--window-size=1280,2000",
      "about:blank",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const ws_url = await devtools_url(child.stderr);
    const port = new URL(ws_url).port;
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const page = targets.find((t) => t.type === "page");
    if (!page) throw new Error("no page target");
    return await drive(page.webSocketDebuggerUrl, url, expression);
  } finally {
    child.kill("SIGKILL");
    await child.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function devtools_url(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) {
      // Keep draining stderr so Chromium never blocks on a full pipe.
      (async () => {
        try {
          while (!(await reader.read()).done) { /* drain */ }
        } catch { /* closed */ }
      })();
      return m[1]!;
    }
  }
  throw new Error(`Chromium did not print its DevTools URL: ${text.slice(0, 500)}`);
}

async function drive(ws_url: string, url: string, expression: string): Promise<PageResult> {
  const ws = new WebSocket(ws_url);
  await new Promise((res, rej) => {
    ws.onopen = res;
    ws.onerror = () => rej(new Error("WebSocket to Chromium failed"));
  });
  const errors: string[] = [];
  const requests: string[] = [];
  const waiting = new Map<number, (r: Record<string, unknown>) => void>();
  let loaded: () => void = () => {};
  const load = new Promise<void>((res) => (loaded = res));
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data as string);
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
    const p = msg.params ?? {};
    if (msg.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
      errors.push(
        `console.${p.type}: ${JSON.stringify(p.args?.map((a: { value?: unknown }) => a.value))}`,
      );
    }
    if (msg.method === "Runtime.exceptionThrown") {
      errors.push(
        `exception: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`,
      );
    }
    if (msg.method === "Log.entryAdded" && p.entry?.level === "error") {
      errors.push(`log: ${p.entry.text}`);
    }
    if (msg.method === "Network.requestWillBeSent") requests.push(p.request?.url);
    if (msg.method === "Page.loadEventFired") loaded();
  };
  let next = 1;
  const send = (method: string, params: Record<string, unknown> = {}) => {
    const id = next++;
    ws.send(JSON.stringify({ id, method, params }));
    return new Promise<Record<string, unknown>>((res) => waiting.set(id, res));
  };
  for (const m of ["Runtime.enable", "Log.enable", "Page.enable", "Network.enable"]) await send(m);
  await send("Page.navigate", { url });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((_, rej) => {
    timer = setTimeout(() => rej(new Error("page load timeout")), 30_000);
  });
  try {
    await Promise.race([load, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const ev = await send("Runtime.evaluate", { expression, returnByValue: true });
  const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
  ws.close();
  const b64 = (shot.result as { data: string }).data;
  return {
    errors,
    requests: requests.filter((u) => u !== url),
    screenshot: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
    value: ((ev.result as { result?: { value?: unknown } }).result ?? {}).value,
  };
}

/** Write a screenshot next to the report for a human to look at. */
export async function save_png(dir: string, name: string, png: Uint8Array): Promise<string> {
  const p = join(dir, name);
  await Deno.writeFile(p, png);
  return p;
}
