import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { PerTokenModelPrices } from "@/lib/pricing/types";
import { breakEven } from "./break-even";
import { inferenceCost } from "./inference";
import { totalCostOfOwnership } from "./tco";
import { trainingCost } from "./training";

// Prices up to $100 per 1M tokens with 3 decimals; cached prices sometimes absent.
const price = fc.integer({ min: 0, max: 100_000 }).map((n) => toDecimal(n).div(1000));
const prices: fc.Arbitrary<PerTokenModelPrices> = fc.record({
  modelId: fc.constant("model"),
  billingUnit: fc.constant("token" as const),
  trainingPerHourUsd: fc.constant(null),
  trainingPerMTok: price,
  inputPerMTok: price,
  cachedInputPerMTok: fc.option(price, { nil: null }),
  outputPerMTok: price,
  baseInputPerMTok: price,
  baseCachedInputPerMTok: fc.option(price, { nil: null }),
  baseOutputPerMTok: price,
});
const tokens = fc.integer({ min: 0, max: 10_000_000_000 });
const extra = fc.integer({ min: 1, max: 1_000_000_000 });
const inputAndCached = fc.tuple(tokens, tokens).map(([a, b]) => ({ inputTokens: Math.max(a, b), cachedInputTokens: Math.min(a, b) }));
const fineTuned = fc.boolean();

describe("cost properties", () => {
  it("inference costs are never negative and their parts add up to the total", () => {
    fc.assert(
      fc.property(inputAndCached, tokens, prices, fineTuned, (input, outputTokens, p, ft) => {
        const cost = inferenceCost({ ...input, outputTokens }, p, { fineTuned: ft });
        for (const part of [cost.uncachedInputUsd, cost.cachedInputUsd, cost.outputUsd]) expect(part.gte(0)).toBe(true);
        expect(cost.uncachedInputUsd.plus(cost.cachedInputUsd).plus(cost.outputUsd).eq(cost.totalUsd)).toBe(true);
      }),
    );
  });

  it("inference cost never falls when input, output, or input together with cached tokens grow", () => {
    fc.assert(
      fc.property(inputAndCached, tokens, extra, prices, fineTuned, (input, outputTokens, d, p, ft) => {
        const cost = (v: { inputTokens: number; cachedInputTokens: number; outputTokens: number }) =>
          inferenceCost(v, p, { fineTuned: ft }).totalUsd;
        const before = cost({ ...input, outputTokens });
        expect(cost({ ...input, inputTokens: input.inputTokens + d, outputTokens }).gte(before)).toBe(true);
        expect(cost({ ...input, outputTokens: outputTokens + d }).gte(before)).toBe(true);
        // Cached tokens alone are a discount on input, so they only grow together with input.
        expect(cost({ inputTokens: input.inputTokens + d, cachedInputTokens: input.cachedInputTokens + d, outputTokens }).gte(before)).toBe(true);
      }),
    );
  });

  it("training cost is never negative and never falls when tokens or epochs grow", () => {
    fc.assert(
      fc.property(tokens, fc.integer({ min: 1, max: 50 }), extra, prices, (t, epochs, d, p) => {
        const before = trainingCost({ tokens: t, epochs, prices: p });
        expect(before.gte(0)).toBe(true);
        expect(trainingCost({ tokens: t + d, epochs, prices: p }).gte(before)).toBe(true);
        expect(trainingCost({ tokens: t, epochs: epochs + 1, prices: p }).gte(before)).toBe(true);
      }),
    );
  });

  // An independent computation at 200 digits, to compare the library's 40-digit arithmetic against.
  const Exact = Decimal.clone({ precision: 200 });
  const planArb = (growthPct: fc.Arbitrary<number>) =>
    fc.record({
      period: fc.constantFrom("day" as const, "month" as const),
      usage: inputAndCached.map((v) => ({ inputTokens: Math.floor(v.inputTokens / 1000), cachedInputTokens: Math.floor(v.cachedInputTokens / 1000) })),
      outputTokens: fc.integer({ min: 0, max: 10_000_000 }),
      daysPerMonth: fc.integer({ min: 1, max: 31 }),
      monthlyGrowthPct: growthPct,
      retryBufferPct: fc.integer({ min: 0, max: 20 }),
      months: fc.integer({ min: 1, max: 12 }),
    });
  type Plan = ReturnType<typeof planArb> extends fc.Arbitrary<infer P> ? P : never;

  function check(trainingTokens: number, epochs: number, pl: Plan, p: PerTokenModelPrices, compare: (expected: Decimal, actual: Decimal) => void) {
    const tco = totalCostOfOwnership({
      training: { tokens: trainingTokens, epochs },
      plan: { ...pl, ...pl.usage, monthlyGrowthPct: String(pl.monthlyGrowthPct), retryBufferPct: String(pl.retryBufferPct) },
      prices: p,
    });
    const monthOne = pl.period === "day" ? pl.daysPerMonth : 1;
    let expected = new Exact(trainingTokens).times(epochs).times(p.trainingPerMTok).div(1e6);
    tco.months.forEach((m, i) => {
      const factor = new Exact(100 + pl.monthlyGrowthPct).div(100).pow(i).times(new Exact(100 + pl.retryBufferPct).div(100)).times(monthOne);
      const cached = factor.times(pl.usage.cachedInputTokens);
      const month = factor
        .times(pl.usage.inputTokens)
        .minus(cached)
        .times(p.inputPerMTok)
        .plus(cached.times(p.cachedInputPerMTok ?? p.inputPerMTok))
        .plus(factor.times(pl.outputTokens).times(p.outputPerMTok))
        .div(1e6);
      compare(month, m.costUsd);
      expected = expected.plus(month);
    });
    const sumOfMonths = tco.months.reduce((sum, m) => sum.plus(m.costUsd), toDecimal(0));
    expect(tco.months).toHaveLength(pl.months);
    expect(toDecimalString(tco.inferenceTotalUsd)).toBe(toDecimalString(sumOfMonths));
    expect(toDecimalString(tco.totalCostUsd)).toBe(toDecimalString(tco.trainingCostUsd.plus(sumOfMonths)));
    compare(expected, tco.totalCostUsd);
  }

  it("TCO is training plus the sum of months, digit for digit with exact arithmetic when usage is flat", () => {
    const same = (expected: Decimal, actual: Decimal) => expect(toDecimalString(actual)).toBe(expected.toFixed());
    fc.assert(
      fc.property(tokens, fc.integer({ min: 1, max: 50 }), planArb(fc.constant(0)), prices, (t, epochs, pl, p) => check(t, epochs, pl, p, same)),
    );
  });

  it("TCO with compounding growth stays within 40 significant digits of exact arithmetic", () => {
    const close = (expected: Decimal, actual: Decimal) => expect(expected.minus(actual).abs().lte(expected.times("1e-35"))).toBe(true);
    fc.assert(
      fc.property(tokens, fc.integer({ min: 1, max: 50 }), planArb(fc.integer({ min: -50, max: 50 })), prices, (t, epochs, pl, p) =>
        check(t, epochs, pl, p, close),
      ),
    );
  });

  it("break-even requests are the smallest count whose savings cover training", () => {
    const promptTokens = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(prices, promptTokens, promptTokens, promptTokens, tokens, (p, ftPrompt, basePrompt, output, t) => {
        const result = breakEven({ prices: p, training: { tokens: t, epochs: 3 }, fineTunedPromptTokens: ftPrompt, basePromptTokens: basePrompt, outputTokens: output, requestsPerMonth: 1_000 });
        if (result.kind === "never") {
          expect(result.savingsPerRequestUsd.lte(0)).toBe(true);
          return;
        }
        const { requestsToRecover: n, savingsPerRequestUsd: s, trainingCostUsd: cost } = result;
        expect(n.isInteger()).toBe(true);
        expect(n.times(s).gte(cost)).toBe(true);
        if (n.gt(0)) expect(n.minus(1).times(s).lt(cost)).toBe(true);
      }),
    );
  });
});
