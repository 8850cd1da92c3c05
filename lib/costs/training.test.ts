import { describe, expect, it } from "vitest";
import { toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { NotPricedPerTokenError } from "@/lib/pricing/errors";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { billedTokensPerEpoch, defaultEpochs, trainingCost } from "./training";

const prices = (modelId: string, priceSet = "openai") =>
  getPricesInForceOrThrow(seedPriceRows(), { modelId, teamId: null, date: new Date("2025-07-01"), priceSet });

describe("trainingCost", () => {
  it("is tokens × epochs × training price / 1M", () => {
    // 1,234,567 × 3 × $3.00 / 1M = $11.111103
    expect(toDecimalString(trainingCost({ tokens: 1_234_567, epochs: 3, prices: prices("gpt-4o-mini-2024-07-18") }))).toBe("11.111103");
    // 2,000,000 × 2 × $1.50 / 1M = $6
    expect(toDecimalString(trainingCost({ tokens: 2_000_000n, epochs: 2n, prices: prices("gpt-4.1-nano-2025-04-14") }))).toBe("6");
    expect(toDecimalString(trainingCost({ tokens: 0, epochs: 1, prices: prices("gpt-4o-2024-08-06") }))).toBe("0");
  });

  it("stays exact beyond the safe-integer range", () => {
    // (10^16 + 1) tokens × 1 epoch × $25 / 1M = $250,000,000,000.000025
    const tokens = 10n ** 16n + 1n;
    expect(toDecimalString(trainingCost({ tokens, epochs: 1, prices: prices("gpt-4.1-2025-04-14") }))).toBe("250000000000.000025");
  });

  it("refuses to price an hour-billed model per token instead of answering zero", () => {
    const rft = () => trainingCost({ tokens: 1_000, epochs: 1, prices: prices("o4-mini-2025-04-16") });
    expect(rft).toThrow(NotPricedPerTokenError);
    expect(rft).toThrow("o4-mini-2025-04-16 is billed per training hour, not per token");
  });

  it("rejects negative, fractional and unsafe counts with a message naming the field", () => {
    const p = prices("gpt-4o-mini-2024-07-18");
    expect(() => trainingCost({ tokens: -1, epochs: 1, prices: p })).toThrow("tokens must be a whole number of at least 0, got -1");
    expect(() => trainingCost({ tokens: 1.5, epochs: 1, prices: p })).toThrow(RangeError);
    expect(() => trainingCost({ tokens: 2 ** 53, epochs: 1, prices: p })).toThrow(RangeError);
    expect(() => trainingCost({ tokens: 10, epochs: 0, prices: p })).toThrow("epochs must be a whole number of at least 1, got 0");
  });
});

describe("defaultEpochs", () => {
  it.each([
    [1, 25], // 3 < 100 → min(25, floor(100 / 1)) = 25
    [10, 10], // 30 < 100 → min(25, floor(10)) = 10
    [20, 5], // 60 < 100 → floor(5) = 5
    [33, 3], // 99 < 100 → floor(3.03) = 3
    [34, 3], // 102: within bounds → 3
    [100, 3],
    [8_333, 3], // 24,999 ≤ 25,000 → 3
    [8_334, 2], // 25,002 > 25,000 → max(1, floor(2.9997)) = 2
    [10_000, 2], // 30,000 > 25,000 → max(1, floor(2.5)) = 2
    [25_001, 1], // max(1, floor(0.99996)) = 1
  ])("%i examples → %i epochs", (examples, epochs) => {
    expect(defaultEpochs(examples)).toBe(epochs);
  });

  it("rejects an empty or fractional example count", () => {
    expect(() => defaultEpochs(0)).toThrow(RangeError);
    expect(() => defaultEpochs(2.5)).toThrow(RangeError);
  });
});

describe("billedTokensPerEpoch", () => {
  it("sums examples truncated at the context limit", () => {
    expect(billedTokensPerEpoch([100, 16_385, 20_000, 0], 16_385)).toBe(100n + 16_385n + 16_385n);
    expect(billedTokensPerEpoch([], 65_536)).toBe(0n);
    expect(billedTokensPerEpoch([70_000n, 1n], 65_536)).toBe(65_537n);
  });

  it("rejects bad counts and limits", () => {
    expect(() => billedTokensPerEpoch([10, -1], 100)).toThrow("example token count must be a whole number of at least 0, got -1");
    expect(() => billedTokensPerEpoch([10], 0)).toThrow(RangeError);
  });
});
