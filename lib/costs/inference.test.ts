import { describe, expect, it } from "vitest";
import { Decimal, toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { NotPricedPerTokenError } from "@/lib/pricing/errors";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { inferenceCost, type InferenceCost } from "./inference";

const prices = (modelId: string) => getPricesInForceOrThrow(seedPriceRows(), { modelId, teamId: null, date: new Date("2025-07-01") });
const strings = (c: InferenceCost) => ({
  uncachedInputUsd: toDecimalString(c.uncachedInputUsd),
  cachedInputUsd: toDecimalString(c.cachedInputUsd),
  outputUsd: toDecimalString(c.outputUsd),
  totalUsd: toDecimalString(c.totalUsd),
});

describe("inferenceCost", () => {
  const volumes = { inputTokens: 1_234_567, cachedInputTokens: 234_567, outputTokens: 89_012 };

  it("prices real fine-tuned gpt-4o-mini usage with cached input", () => {
    // 1,000,000 × $0.30 + 234,567 × $0.15 + 89,012 × $1.20, per 1M
    expect(strings(inferenceCost(volumes, prices("gpt-4o-mini-2024-07-18"), { fineTuned: true }))).toEqual({
      uncachedInputUsd: "0.3",
      cachedInputUsd: "0.03518505",
      outputUsd: "0.1068144",
      totalUsd: "0.44199945",
    });
  });

  it("uses the base model's prices when not fine-tuned", () => {
    // 1,000,000 × $0.15 + 234,567 × $0.075 + 89,012 × $0.60, per 1M
    expect(strings(inferenceCost(volumes, prices("gpt-4o-mini-2024-07-18"), { fineTuned: false }))).toEqual({
      uncachedInputUsd: "0.15",
      cachedInputUsd: "0.017592525",
      outputUsd: "0.0534072",
      totalUsd: "0.220999725",
    });
  });

  it("bills cached tokens at the full input price when the model lists no cached price", () => {
    // gpt-3.5-turbo: 600 × $3 + 400 × $3 (no cached price) + 500 × $6, per 1M
    const cost = inferenceCost({ inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 500 }, prices("gpt-3.5-turbo-0125"), { fineTuned: true });
    expect(toDecimalString(cost.cachedInputUsd)).toBe("0.0012");
    expect(toDecimalString(cost.totalUsd)).toBe("0.006");
  });

  it("treats omitted cached tokens as zero and accepts fractional projected volumes", () => {
    const cost = inferenceCost({ inputTokens: new Decimal("0.5"), outputTokens: 0n }, prices("gpt-4o-mini-2024-07-18"), { fineTuned: true });
    expect(toDecimalString(cost.totalUsd)).toBe("0.00000015");
  });

  it("rejects cached tokens above input tokens and negative volumes", () => {
    const p = prices("gpt-4o-mini-2024-07-18");
    expect(() => inferenceCost({ inputTokens: 10, cachedInputTokens: 11, outputTokens: 0 }, p, { fineTuned: true })).toThrow(
      "cachedInputTokens (11) cannot exceed inputTokens (10)",
    );
    expect(() => inferenceCost({ inputTokens: -1, outputTokens: 0 }, p, { fineTuned: true })).toThrow(RangeError);
    expect(() => inferenceCost({ inputTokens: new Decimal("-0.1"), outputTokens: 0 }, p, { fineTuned: true })).toThrow(
      "inputTokens must not be negative, got -0.1",
    );
    expect(() => inferenceCost({ inputTokens: 1, outputTokens: 0.5 }, p, { fineTuned: true })).toThrow(RangeError);
  });

  it("refuses an hour-billed model", () => {
    expect(() => inferenceCost({ inputTokens: 1, outputTokens: 1 }, prices("o4-mini-2025-04-16"), { fineTuned: true })).toThrow(
      NotPricedPerTokenError,
    );
  });
});
