import fc from "fast-check";
import { assertAlmostEquals, assertEquals } from "../lib/deps/assert.ts";
import { check_identity, identity_residual, impute_gross } from "../lib/pnl.ts";

Deno.test("pnl: the original's full-field example holds (net 5.5 = 10 − 2 − 1.5 − 1)", () => {
  const row = { net_bps: 5.5, gross_bps: 10, adverse_bps: 2, slippage_bps: 1.5, fees_bps: 1 };
  assertEquals(identity_residual(row), 0);
  assertEquals(check_identity([row]), []);
});

Deno.test("pnl: violations beyond 0.05 bps are reported with iteration and size", () => {
  const rows = [
    { iteration: 1, net_bps: 5.5, gross_bps: 10, adverse_bps: 2, slippage_bps: 1.5, fees_bps: 1 },
    { iteration: 2, net_bps: 5.46, gross_bps: 10, adverse_bps: 2, slippage_bps: 1.5, fees_bps: 1 },
    { iteration: 3, net_bps: 5.3, gross_bps: 10, adverse_bps: 2, slippage_bps: 1.5, fees_bps: 1 },
  ];
  const v = check_identity(rows);
  assertEquals(v.map((x) => x.iteration), [3]);
  assertAlmostEquals(v[0]!.residual_bps, 0.2, 1e-9);
  assertEquals(check_identity(rows, 0.01).map((x) => x.iteration), [2, 3]);
});

Deno.test("pnl: zero is a value, not missing (SPEC §10 item 33)", () => {
  assertEquals(impute_gross({ gross_bps: 0, net_bps: 1, adverse_bps: 1 }), {
    gross_bps: 0,
    gross_imputed: false,
  });
  // gross 0 with zero costs and net 0: identity holds
  assertEquals(identity_residual({ gross_bps: 0, net_bps: 0, adverse_bps: 0, fees_bps: 0 }), 0);
  // a zero cost is present: imputation may proceed from it
  assertEquals(impute_gross({ net_bps: 2, adverse_bps: 0 }), { gross_bps: 2, gross_imputed: true });
});

Deno.test("pnl: imputation from net and costs, NaN and null count as missing", () => {
  assertEquals(impute_gross({ net_bps: 3, adverse_bps: 2, slippage_bps: 1.5, fees_bps: 0.75 }), {
    gross_bps: 7.25,
    gross_imputed: true,
  });
  assertEquals(impute_gross({ gross_bps: NaN, net_bps: 3, adverse_bps: 1 }).gross_imputed, true);
  assertEquals(impute_gross({ gross_bps: null, net_bps: NaN, adverse_bps: 1 }), {
    gross_bps: null,
    gross_imputed: false,
  });
  assertEquals(impute_gross({ net_bps: 3 }), { gross_bps: null, gross_imputed: false });
  assertEquals(identity_residual({ net_bps: NaN, gross_bps: 1 }), null);
});

Deno.test("pnl: an imputed gross always satisfies the identity (property)", () => {
  const v = fc.option(fc.double({ min: -50, max: 50, noNaN: true }), { nil: null });
  fc.assert(
    fc.property(fc.double({ min: -50, max: 50, noNaN: true }), v, v, v, (net, a, s, f) => {
      const row = { net_bps: net, adverse_bps: a, slippage_bps: s, fees_bps: f };
      const { gross_bps, gross_imputed } = impute_gross(row);
      if (!gross_imputed) return a === null && s === null && f === null;
      return check_identity([{ ...row, gross_bps }], 1e-9).length === 0;
    }),
  );
});
