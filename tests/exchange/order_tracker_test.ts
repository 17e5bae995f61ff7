import { assertEquals } from "../../lib/deps/assert.ts";
import { OrderTracker } from "../../lib/exchange/bybit/order_tracker.ts";

const REQ = { symbol: "BTCUSDT", side: "Buy" as const, qty: 0.003, price: 50000 };

function exec(id: string, cid: string, qty: string, leaves: string) {
  return {
    execId: id,
    orderId: "o",
    orderLinkId: cid,
    symbol: "BTCUSDT",
    side: "Buy",
    execQty: qty,
    execPrice: "50000",
    execTime: "1",
    execType: "Trade",
    leavesQty: leaves,
  };
}

Deno.test("executions out of order and repeated count once; the last one fills the order", () => {
  const t = new OrderTracker();
  t.accepted({ ...REQ, client_order_id: "A" }, "o");
  t.on_private({ topic: "execution", data: [exec("x2", "A", "0.002", "0")] });
  t.on_private({ topic: "execution", data: [exec("x1", "A", "0.001", "0.002")] });
  t.on_execution(exec("x2", "A", "0.002", "0")); // again, from a REST resync
  t.on_private({
    topic: "execution",
    data: [{ ...exec("f", "A", "1", "0"), execType: "Funding" }],
  });
  assertEquals(t.drain_fills().map((f) => [f.exec_id, f.qty]), [["x2", 0.002], ["x1", 0.001]]);
  assertEquals(t.drain_fills(), []);
  assertEquals(t.get("A")!.status, "Filled");
});

Deno.test("our cancels are not exchange closures; a post-only cancel is, once", () => {
  const t = new OrderTracker();
  t.accepted({ ...REQ, client_order_id: "A" }, "oa");
  t.accepted({ ...REQ, client_order_id: "B" }, "ob");
  t.canceling(["A"]);
  const cancelled = (cid: string, reason: string) => ({
    topic: "order",
    data: [{
      orderLinkId: cid,
      orderId: "x",
      symbol: "BTCUSDT",
      orderStatus: "Cancelled",
      rejectReason: reason,
    }],
  });
  t.on_private(cancelled("A", "EC_NoError"));
  t.on_private(cancelled("B", "EC_PostOnlyWillTakeLiquidity"));
  t.on_private(cancelled("B", "EC_PostOnlyWillTakeLiquidity"));
  assertEquals(t.drain_closed(), [{
    client_order_id: "B",
    symbol: "BTCUSDT",
    status: "Canceled",
    reason: "EC_PostOnlyWillTakeLiquidity",
  }]);
  assertEquals(t.get("A")!.status, "Canceled");
});

Deno.test("a stream update that beats the create answer is kept; gaps close what is gone", () => {
  const t = new OrderTracker();
  t.on_private({
    topic: "order",
    data: [{ orderLinkId: "A", orderId: "oa", symbol: "BTCUSDT", orderStatus: "Cancelled" }],
  });
  assertEquals(t.accepted({ ...REQ, client_order_id: "A" }, "oa").status, "Canceled");
  t.accepted({ ...REQ, client_order_id: "B" }, "ob");
  t.accepted({ ...REQ, client_order_id: "C" }, "oc");
  t.reconcile_open(new Set(["C"]));
  assertEquals(t.drain_closed().map((c) => [c.client_order_id, c.reason]), [
    ["B", "closed while the stream was down"],
  ]);
});
