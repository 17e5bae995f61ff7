import { assert, assertEquals } from "../../lib/deps/assert.ts";
import { join } from "../../lib/deps/path.ts";
import { Credentials } from "../../lib/exchange/bybit/credentials.ts";
import { run_smoke, type SmokeOptions } from "../../lib/live/smoke_run.ts";
import { FakeBybit, type FakeBybitOptions } from "./_fake_bybit.ts";

const KEY = "fakeKey123";
const SECRET = "S3CRET-canary-7f3a9e";

type Section = Record<string, unknown>;
/** What a check sees: the run's status and report sections, the fake, the logs and the report text. */
interface Run {
  status: string;
  rep: Record<string, Section>;
  fake: FakeBybit;
  logs: string[];
  text: string;
}

/** Start a fake, run a signed testnet smoke against it, check, clean up. */
async function smoke_against_fake(
  fake_options: Omit<FakeBybitOptions, "api_key" | "secret">,
  extra: Partial<SmokeOptions>,
  check: (r: Run) => Promise<void> | void,
): Promise<void> {
  const fake = new FakeBybit({ api_key: KEY, secret: SECRET, ...fake_options });
  const dir = await Deno.makeTempDir();
  const logs: string[] = [];
  try {
    const out = join(dir, "r.json");
    const r = await run_smoke({
      exchange: "bybit",
      testnet: true,
      shadow: false,
      symbols: ["BTCUSDT", "ETHUSDT"],
      iterations: 25,
      max_inventory_usd_per_symbol: 10000,
      max_total_notional_usd: 50000,
      edge_freeze_threshold_bps: -0.5,
      edge_source: "measured",
      order_usd: 500,
      post_only_offset_bps: 0.5,
      min_qty_pad: 1.1,
      requote_bps: 0.5,
      recon_interval_s: 1,
      interval_ms: 20,
      out,
      seed: 42,
      obs: false,
      obs_port: 0,
      base_url: fake.url,
      timeout_ms: 400,
      rate_limit_per_s: 1000,
      fees: { maker_fee_bps: 1, maker_rebate_bps: 2 },
      credentials: new Credentials(KEY, SECRET),
      ...extra,
    }, (e, f) => logs.push(JSON.stringify({ e, ...f })));
    const rep = r.report as Record<string, Section>;
    await check({ status: r.status, rep, fake, logs, text: await Deno.readTextFile(out) });
  } finally {
    await fake.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("signed smoke run against the fake Bybit: pass, nothing open, recon clean", async () => {
  await smoke_against_fake({ seed: 3 }, {}, async ({ status, rep, fake, logs, text }) => {
    assertEquals(status, "pass");
    assertEquals(fake.stats.bad_signatures, 0);
    assert(fake.stats.signed_ok! > 50);
    assertEquals(await fake.open_order_count(), 0);
    assertEquals(rep.recon!.divergence_count, 0);
    assert((rep.orders!.fills as number) > 0);
    assert(!fake.wire.some((w) => w.includes(SECRET)));
    assert(!logs.some((l) => l.includes(SECRET)));
    assert(!text.includes(SECRET));
  });
});

Deno.test("10% injected faults: run finishes, breaker trips and recovers, nothing left open", async () => {
  const fake_options = { seed: 26, fault_rate: 0.1, hang_ms: 1000 };
  await smoke_against_fake(fake_options, { iterations: 40 }, async ({ rep, fake }) => {
    for (const kind of ["rate_limit", "http_403", "http_5xx", "timeout", "ws_drop", "reorder"]) {
      assert(fake.stats[kind]! >= 1, `fault ${kind} was injected`);
    }
    const res = rep.resilience!;
    assert((res.resyncs as number) >= 1, "resynced after a dropped private stream");
    assert((res.breaker_trips as number) >= 1, "breaker tripped");
    assert((res.breaker_recoveries as number) >= 1, "breaker recovered");
    assertEquals(await fake.open_order_count(), 0);
    assertEquals(rep.orders!.open_at_end, 0);
    assertEquals(rep.recon!.divergence_count, 0);
  });
});

for (const bulk_fails of [false, true]) {
  const method = bulk_fails ? "per_order_fallback" : "bulk";
  Deno.test(`freeze on edge triggers cancel-all through the ${method} path`, async () => {
    // The edge ramp 10 → 2 bps crosses 8 bps at 25% of the run: freeze with orders working.
    const extra = {
      iterations: 12,
      edge_source: "ramp" as const,
      edge_freeze_threshold_bps: 8,
      requote_bps: 50,
    };
    await smoke_against_fake({ seed: 9, bulk_cancel_fails: bulk_fails }, extra, async (r) => {
      const fc = r.rep.risk!.cancel_all_on_freeze as Section;
      assertEquals(r.rep.risk!.frozen, true);
      assertEquals(r.rep.summary!.warnings, 1);
      assertEquals(fc.method, method);
      assert((fc.canceled_count as number) >= 1, "orders were working at the freeze");
      assertEquals(fc.failed, []);
      assertEquals(fc.remaining_open, 0);
      assertEquals(await r.fake.open_order_count(), 0);
      assertEquals(r.rep.recon!.divergence_count, 0);
    });
  });
}

Deno.test("timeouts after the order took effect: retries never place an order twice", async () => {
  const fake_options = {
    seed: 4,
    fault_rate: 0.2,
    faults: ["timeout" as const],
    hang_ms: 400,
  };
  const extra = { iterations: 6, requote_bps: 0, timeout_ms: 200 };
  await smoke_against_fake(fake_options, extra, async ({ rep, fake }) => {
    const o = rep.orders as Record<string, number>;
    assert(fake.stats.timeout! >= 3);
    assert(fake.stats.duplicates_refused! >= 1, "a retry met its own first attempt");
    assertEquals(fake.stats.orders_created, o.placed! + o.rejected!);
    assertEquals(rep.state!.duplicate_operations, fake.stats.duplicates_refused);
    assertEquals(await fake.open_order_count(), 0);
    assertEquals(rep.recon!.divergence_count, 0);
  });
});

Deno.test("out-of-order and lost executions: positions still reconcile exactly", async () => {
  const fake_options = {
    seed: 6,
    fault_rate: 0.3,
    faults: ["reorder" as const, "ws_drop" as const],
  };
  await smoke_against_fake(fake_options, { iterations: 30 }, async ({ rep, fake }) => {
    assert(fake.stats.reorder! >= 2 && fake.stats.ws_drop! >= 2);
    assert((rep.orders!.fills as number) > 0);
    assertEquals(rep.recon!.divergence_count, 0);
    const local = rep.positions!.by_symbol as Record<string, number>;
    for (const p of await fake.sim.positions()) {
      assert(Math.abs(p.qty - (local[p.symbol] ?? 0)) < 1e-9);
    }
  });
});

Deno.test("shadow mode needs no keys and places nothing", async () => {
  const extra = { shadow: true, credentials: undefined, iterations: 5 };
  await smoke_against_fake({ seed: 8 }, extra, ({ status, rep, fake }) => {
    assertEquals(status, "pass");
    assertEquals(fake.stats.orders_created, 0);
    assertEquals(fake.stats.signed_ok, 0);
    assert((rep.latency!.samples as number) >= 1);
  });
});
