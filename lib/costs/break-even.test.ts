import { describe, expect, it } from "vitest";
import { toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { NotPricedPerTokenError } from "@/lib/pricing/errors";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { breakEven, type BreakEven, type BreakEvenInput } from "./break-even";

const prices = (modelId: string) => getPricesInForceOrThrow(seedPriceRows(), { modelId, teamId: null, date: new Date("2025-07-01") });

// Real gpt-4o-mini: training 1M tokens × 3 epochs × $3 = $9.
const base: BreakEvenInput = {
  prices: prices("gpt-4o-mini-2024-07-18"),
  training: { tokens: 1_000_000, epochs: 3 },
  fineTunedPromptTokens: 200,
  basePromptTokens: 2_000,
  outputTokens: 300,
  requestsPerMonth: 40_000,
};

function recovers(result: BreakEven) {
  if (result.kind !== "recovers") throw new Error(`expected recovery, got: ${result.reason}`);
  return {
    savings: toDecimalString(result.savingsPerRequestUsd),
    requests: toDecimalString(result.requestsToRecover),
    months: toDecimalString(result.months),
    wholeMonths: toDecimalString(result.wholeMonths),
  };
}

describe("breakEven", () => {
  it("recovers training through shorter prompts", () => {
    const result = breakEven(base);
    // fine-tuned: 200 × $0.30 + 300 × $1.20 = $0.00042; base: 2,000 × $0.15 + 300 × $0.60 = $0.00048
    expect(toDecimalString(result.fineTunedRequestUsd)).toBe("0.00042");
    expect(toDecimalString(result.baseRequestUsd)).toBe("0.00048");
    expect(toDecimalString(result.trainingCostUsd)).toBe("9");
    // $9 / $0.00006 = 150,000 requests = 3.75 months at 40,000/month
    expect(recovers(result)).toEqual({ savings: "0.00006", requests: "150000", months: "3.75", wholeMonths: "4" });
  });

  it("rounds requests up when the savings do not divide the training cost", () => {
    // $3 training; savings 500 × $0.15 − 100 × $0.30 = $0.000045; $3 / $0.000045 = 66,666.67 → 66,667
    const result = breakEven({ ...base, training: { tokens: 1_000_000, epochs: 1 }, fineTunedPromptTokens: 100, basePromptTokens: 500, outputTokens: 0, requestsPerMonth: 10_000 });
    expect(recovers(result)).toEqual({ savings: "0.000045", requests: "66667", months: "6.6667", wholeMonths: "7" });
  });

  it("applies the cached share to both prompts", () => {
    // 20% cached. fine-tuned: 160 × $0.30 + 40 × $0.15 + 300 × $1.20 = $0.000414
    // base: 1,600 × $0.15 + 400 × $0.075 + 300 × $0.60 = $0.00045; $9 / $0.000036 = 250,000
    const result = breakEven({ ...base, cachedSharePct: "20" });
    expect(toDecimalString(result.fineTunedRequestUsd)).toBe("0.000414");
    expect(recovers(result)).toEqual({ savings: "0.000036", requests: "250000", months: "6.25", wholeMonths: "7" });
  });

  it("needs no requests when training is free", () => {
    expect(recovers(breakEven({ ...base, training: { tokens: 0, epochs: 1 } }))).toMatchObject({ requests: "0", wholeMonths: "0" });
  });

  it("says never, with the exact extra cost, when the fine-tuned request costs more", () => {
    // fine-tuned: 500 × $0.30 + 300 × $1.20 = $0.00051; base: 1,000 × $0.15 + 300 × $0.60 = $0.00033
    const result = breakEven({ ...base, fineTunedPromptTokens: 500, basePromptTokens: 1_000 });
    expect(result).toMatchObject({
      kind: "never",
      reason: "The fine-tuned model costs $0.00018 more per request than the base model with the longer prompt",
    });
  });

  it("says never when both cost the same", () => {
    // 50% cached: fine-tuned 100 × $0.30 + 100 × $0.15 + $0.00036 = base 1,000 × $0.15 + 1,000 × $0.075 + $0.00018
    const result = breakEven({ ...base, cachedSharePct: "50" });
    expect(result.kind).toBe("never");
    expect(toDecimalString(result.savingsPerRequestUsd)).toBe("0");
    expect(result.kind === "never" && result.reason).toMatch(/costs the same per request/);
  });

  it("refuses an hour-billed model and bad inputs", () => {
    expect(() => breakEven({ ...base, prices: prices("o4-mini-2025-04-16") })).toThrow(NotPricedPerTokenError);
    expect(() => breakEven({ ...base, cachedSharePct: "101" })).toThrow("cachedSharePct must be between 0 and 100");
    expect(() => breakEven({ ...base, requestsPerMonth: 0 })).toThrow(RangeError);
    expect(() => breakEven({ ...base, basePromptTokens: -5 })).toThrow("basePromptTokens must be a whole number of at least 0, got -5");
  });
});

describe("breakEven with fixed monthly costs", () => {
  it("recovers training only from the savings above the fine-tune's fixed costs", () => {
    // Savings $0.00006 a request × 40,000 = $2.40 a month; $1.40 of hosting leaves $1.00 a month for the $9 training.
    expect(recovers(breakEven({ ...base, fixedMonthlyUsd: "1.40" }))).toEqual({ savings: "0.00006", requests: "360000", months: "9", wholeMonths: "9" });
    // A minimum-charged training job priced by the caller replaces the per-token one: $4 ÷ $1.00.
    expect(recovers(breakEven({ ...base, fixedMonthlyUsd: "1.40", trainingCostUsd: "4" })).months).toBe("4");
  });

  it("never recovers when the fixed costs eat the savings", () => {
    const result = breakEven({ ...base, fixedMonthlyUsd: "2.40" });
    expect(result.kind).toBe("never");
    expect(result.kind === "never" && result.reason).toMatch(/fixed costs \(\$2\.4 a month\)/);
  });
});
