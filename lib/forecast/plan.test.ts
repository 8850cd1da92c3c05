import { describe, expect, it } from "vitest";
import { monthlyPlan } from "@/lib/costs/plan";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { NoPriceError, NotPricedPerTokenError } from "@/lib/pricing/errors";
import { getPricesForMonthOrThrow, type PriceRow } from "@/lib/pricing/effective";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { addMonths } from "./month";
import { planProjection, type UsagePlanInput } from "./plan";

const MINI = "gpt-4o-mini-2024-07-18";
const seed = seedPriceRows();
const pricesFor = (rows: readonly PriceRow[], modelId = MINI) => (month: string) => getPricesForMonthOrThrow(rows, { modelId, teamId: null, month });

const plan: UsagePlanInput = {
  startMonth: "2026-11",
  period: "day",
  inputTokens: 120_000,
  cachedInputTokens: 30_000,
  outputTokens: 20_000,
  daysPerMonth: 30,
  monthlyGrowthPct: "7",
};

describe("planProjection", () => {
  it("equals lib/costs monthlyPlan's month i, for every month of two years with compounding growth", () => {
    const expected = monthlyPlan({ ...plan, months: 24 }, pricesFor(seed)("2026-11"));
    for (const planned of expected) {
      const month = addMonths(plan.startMonth, planned.index - 1);
      expect(toDecimalString(planProjection(plan, month, pricesFor(seed))!)).toBe(toDecimalString(planned.costUsd));
    }
  });

  it("prices month 1 by hand: daily volumes × 30 at fine-tuned prices", () => {
    // (3.6M − 0.9M) × $0.30 + 0.9M × $0.15 + 0.6M × $1.20, per 1M = 0.81 + 0.135 + 0.72
    expect(toDecimalString(planProjection(plan, "2026-11", pricesFor(seed))!)).toBe("1.665");
    // Month 3: × 1.07² = 1.1449
    expect(toDecimalString(planProjection(plan, "2027-01", pricesFor(seed))!)).toBe("1.9062585");
  });

  it("is null before the start month", () => {
    expect(planProjection(plan, "2026-10", pricesFor(seed))).toBeNull();
    expect(planProjection(plan, "2020-01", pricesFor(seed))).toBeNull();
  });

  it("prices each month with the prices in force on its first day", () => {
    const base = getPricesForMonthOrThrow(seed, { modelId: MINI, teamId: null, month: "2026-01" }) as PriceRow;
    const cheaper = { ...base, effectiveFrom: new Date("2026-12-15T00:00:00Z"), inputPerMTok: toDecimal("0.15") } as PriceRow;
    const rows = [...seed, cheaper];
    const flat = { ...plan, monthlyGrowthPct: "0" };
    // December keeps the old price (the change lands mid-month); January has the new one: 2.7M × $0.15 less.
    expect(toDecimalString(planProjection(flat, "2026-12", pricesFor(rows))!)).toBe("1.665");
    expect(toDecimalString(planProjection(flat, "2027-01", pricesFor(rows))!)).toBe("1.26");
  });

  it("passes on pricing errors instead of guessing $0", () => {
    expect(() => planProjection(plan, "2026-11", pricesFor([]))).toThrow(NoPriceError);
    expect(() => planProjection(plan, "2026-11", pricesFor(seed, "o4-mini-2025-04-16"))).toThrow(NotPricedPerTokenError);
  });

  it("rejects the parameters monthlyPlan rejects", () => {
    expect(() => planProjection({ ...plan, monthlyGrowthPct: "-100" }, "2026-12", pricesFor(seed))).toThrow(RangeError);
    expect(() => planProjection({ ...plan, daysPerMonth: 0 }, "2026-12", pricesFor(seed))).toThrow(RangeError);
    expect(() => planProjection({ ...plan, outputTokens: -1 }, "2026-12", pricesFor(seed))).toThrow(RangeError);
    expect(() => planProjection({ ...plan, startMonth: "2026-13" }, "2026-12", pricesFor(seed))).toThrow(RangeError);
  });
});
