import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monthlyPlan } from "@/lib/costs/plan";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { PerTokenModelPrices } from "@/lib/pricing/types";
import { budgetCrossings, deviates, deviationPct } from "./deviation";
import { addMonths, daysInMonth, monthRange, monthsBetween } from "./month";
import { paceProjection } from "./pace";
import { planProjection } from "./plan";
import { type MonthlyCost, trendForecast, type TrendMethod } from "./trend";

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => toDecimal(n).div(100).toFixed());
const month = fc.record({ year: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) }).map(
  ({ year, m }) => `${year}-${String(m).padStart(2, "0")}`,
);
// Up to 18 months from a start month, some missing, costs up to $100,000.00.
const costSeries: fc.Arbitrary<MonthlyCost[]> = fc
  .tuple(month, fc.array(fc.option(cents(10_000_000), { freq: 5 }), { minLength: 3, maxLength: 18 }))
  .map(([start, costs]) => costs.flatMap((costUsd, i) => (costUsd === null ? [] : [{ month: addMonths(start, i), costUsd }])));
const method = fc.constantFrom<TrendMethod>("ols", "holt");
const num = (s: string) => Number(s);

describe("forecast properties", () => {
  it("trend intervals hold the point forecast, stay at or above 0, and widen with the horizon", () => {
    fc.assert(
      fc.property(costSeries, method, (series, m) => {
        const last = series.at(-1);
        fc.pre(last !== undefined && trendForecast(series, addMonths(last.month, 1), { method: m }) !== null);
        let previousHalfWidth = 0;
        for (let h = 1; h <= 24; h++) {
          const forecast = trendForecast(series, addMonths(last!.month, h), { method: m })!;
          const low = toDecimal(forecast.lowUsd);
          const projected = toDecimal(forecast.projectedUsd);
          const high = toDecimal(forecast.highUsd);
          expect(low.gte(0)).toBe(true);
          expect(low.lte(projected) && projected.lte(high)).toBe(true);
          // A relative tolerance: the width is a float, and a flat series has width 0 up to rounding noise.
          const halfWidth = num(forecast.halfWidthUsd);
          expect(halfWidth).toBeGreaterThanOrEqual(previousHalfWidth * (1 - 1e-12) - 1e-9);
          previousHalfWidth = halfWidth;
        }
      }),
    );
  });

  it("pace is never below the cost so far and equals it on the last day", () => {
    fc.assert(
      fc.property(cents(1_000_000_000), month, fc.integer({ min: 1, max: 31 }), (cost, m, day) => {
        const asOf = Math.min(day, daysInMonth(m));
        expect(paceProjection(cost, m, asOf).gte(toDecimal(cost))).toBe(true);
        expect(paceProjection(cost, m, daysInMonth(m)).eq(toDecimal(cost))).toBe(true);
      }),
    );
  });

  it("the plan's month i is lib/costs monthlyPlan's month i", () => {
    const price = fc.integer({ min: 0, max: 100_000 }).map((n) => toDecimal(n).div(1000));
    const prices = fc.record({
      modelId: fc.constant("m"),
      billingUnit: fc.constant("token" as const),
      trainingPerHourUsd: fc.constant(null),
      trainingPerMTok: price,
      inputPerMTok: price,
      cachedInputPerMTok: fc.option(price, { nil: null }),
      outputPerMTok: price,
      baseInputPerMTok: price,
      baseCachedInputPerMTok: fc.option(price, { nil: null }),
      baseOutputPerMTok: price,
    }) satisfies fc.Arbitrary<PerTokenModelPrices>;
    const tokens = fc.integer({ min: 0, max: 1_000_000_000 });
    const plan = fc.record({
      startMonth: month,
      period: fc.constantFrom("day" as const, "month" as const),
      inputTokens: tokens,
      outputTokens: tokens,
      cachedShare: fc.integer({ min: 0, max: 100 }),
      daysPerMonth: fc.integer({ min: 1, max: 31 }),
      monthlyGrowthPct: fc.integer({ min: -9999, max: 50_000 }).map((n) => toDecimal(n).div(100).toFixed()),
      retryBufferPct: cents(5000),
    });
    fc.assert(
      fc.property(plan, prices, fc.integer({ min: 1, max: 36 }), ({ cachedShare, ...p }, card, index) => {
        const usage = { ...p, cachedInputTokens: Math.floor((p.inputTokens * cachedShare) / 100) };
        const expected = monthlyPlan({ ...usage, months: index }, card).at(-1)!;
        const actual = planProjection(usage, addMonths(usage.startMonth, index - 1), () => card)!;
        expect(toDecimalString(actual)).toBe(toDecimalString(expected.costUsd));
      }),
      { numRuns: 200 },
    );
  });

  it("deviates agrees with deviationPct: strictly more than the threshold, either way", () => {
    fc.assert(
      fc.property(cents(1_000_000), cents(1_000_000), fc.integer({ min: 0, max: 200 }), (actual, projected, threshold) => {
        const pct = deviationPct(actual, projected);
        expect(deviates(actual, projected, threshold)).toBe(pct !== null && toDecimal(pct).abs().gt(threshold));
      }),
    );
  });

  it("spending more never crosses fewer budget thresholds", () => {
    fc.assert(
      fc.property(cents(1_000_000), cents(1_000_000), cents(1_000_000), (a, extra, budget) => {
        const more = toDecimal(a).plus(toDecimal(extra)).toFixed();
        expect(budgetCrossings(more, budget).length).toBeGreaterThanOrEqual(budgetCrossings(a, budget).length);
      }),
    );
  });

  it("month arithmetic round-trips", () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -600, max: 600 }), (m, n) => {
        const later = addMonths(m, n);
        expect(monthsBetween(m, later)).toBe(n);
        expect(addMonths(later, -n)).toBe(m);
        if (n >= 0) expect(monthRange(m, later)).toHaveLength(n + 1);
      }),
    );
  });
});
