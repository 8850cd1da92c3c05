import { describe, expect, it } from "vitest";
import { toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { savingsAgainstBase } from "./savings";

// gpt-4o-mini (PRICING.md): fine-tuned $0.30 / $0.15 cached / $1.20 output; base $0.15 / $0.075 / $0.60.
const MINI: ModelPrices = {
  modelId: "gpt-4o-mini-2024-07-18",
  billingUnit: "token",
  trainingPerHourUsd: null,
  trainingPerMTok: toDecimal("3"),
  inputPerMTok: toDecimal("0.3"),
  cachedInputPerMTok: toDecimal("0.15"),
  outputPerMTok: toDecimal("1.2"),
  baseInputPerMTok: toDecimal("0.15"),
  baseCachedInputPerMTok: toDecimal("0.075"),
  baseOutputPerMTok: toDecimal("0.6"),
};

describe("savingsAgainstBase", () => {
  it("prices the same requests on the base model with the longer prompt, month by month, exactly", () => {
    // 10,000 requests × 200 prompt tokens = 2M input, 1M output: fine-tuned 2 × 0.30 + 1 × 1.20 = $1.80.
    // Base: prompts of 1,200 tokens → 12M input × 0.15 + 1M × 0.60 = $2.40: $0.60 saved.
    const result = savingsAgainstBase({
      months: [{ month: "2026-01", inputTokens: 2_000_000n, cachedInputTokens: 0n, outputTokens: 1_000_000n, requests: 10_000n, costUsd: "1.8" }],
      promptTokensFineTuned: 200,
      promptTokensBase: 1200,
      trainingCostUsd: "0.5",
      pricesFor: () => MINI,
    });
    expect(result.months).toEqual([{ month: "2026-01", fineTunedUsd: "1.8", baseUsd: "2.4", savedUsd: "0.6", requests: "10000", requestsEstimated: false }]);
    expect(result).toMatchObject({ savedUsd: "0.6", trainingCostUsd: "0.5", netUsd: "0.1", unpricedMonths: [] });
  });

  it("estimates requests from the prompt length when none were recorded, and a costlier base shows as a loss", () => {
    // 2M input ÷ 2,000 = 1,000 requests; the base prompt is 1,000 tokens *shorter*: 1M input × 0.15 + 1M × 0.60 = $0.75.
    const result = savingsAgainstBase({
      months: [
        { month: "2026-01", inputTokens: 2_000_000n, cachedInputTokens: 0n, outputTokens: 1_000_000n, requests: null, costUsd: "1.8" },
        { month: "2026-02", inputTokens: 1n, cachedInputTokens: 0n, outputTokens: 1n, requests: null, costUsd: "0.0000015" },
      ],
      promptTokensFineTuned: 2000,
      promptTokensBase: 1000,
      trainingCostUsd: null,
      pricesFor: (month) => (month === "2026-01" ? MINI : null),
    });
    expect(result.months[0]).toMatchObject({ requests: "1000", requestsEstimated: true, baseUsd: "0.75", savedUsd: "-1.05" });
    expect(result.months[1]).toMatchObject({ baseUsd: null, savedUsd: null });
    expect(result).toMatchObject({ savedUsd: "-1.05", netUsd: "-1.05", unpricedMonths: ["2026-02"] });
  });
});
