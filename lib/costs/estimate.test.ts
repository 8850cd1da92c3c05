import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toDecimal } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { NotPricedPerTokenError } from "@/lib/pricing/errors";
import { ARTICLE_PRICE_SET, seedPriceRows } from "@/lib/pricing/seed-catalog";
import { computeEstimate } from "./estimate";
import { estimateInputSchema, type EstimateRequest } from "./schemas";

const seed = (modelId: string, priceSet = "openai") =>
  getPricesInForceOrThrow(seedPriceRows(), { modelId, teamId: null, date: new Date("2025-07-01"), priceSet });

function issues(body: unknown): Record<string, string> {
  const result = estimateInputSchema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const startup: EstimateRequest = {
  baseModel: "gpt-4o-mini",
  training: { tokens: 100_000, epochs: 1 },
  usage: { period: "month", inputTokens: 300_000, outputTokens: 900_000 },
};

describe("estimateInputSchema", () => {
  it("applies defaults", () => {
    expect(estimateInputSchema.parse(startup)).toMatchObject({ months: 12, daysPerMonth: 30, monthlyGrowthPct: "0", retryBufferPct: "0" });
  });

  it("gives field messages for bad values", () => {
    expect(
      issues({
        ...startup,
        training: { tokens: -1, epochs: 51 },
        usage: { period: "week", inputTokens: 1.5, outputTokens: "10" },
        months: 0,
        daysPerMonth: 32,
        monthlyGrowthPct: "-100",
        retryBufferPct: "1e2",
        prices: { inputPerMTok: "-0.3" },
      }),
    ).toEqual({
      "training.tokens": "Must be at least 0",
      "training.epochs": "Must be at most 50",
      "usage.period": 'Must be "day" or "month"',
      "usage.inputTokens": "Must be a whole number",
      "usage.outputTokens": "Must be a number",
      months: "Must be at least 1",
      daysPerMonth: "Must be at most 31",
      monthlyGrowthPct: "Must be greater than -100 and at most 1000",
      retryBufferPct: "Must be a plain non-negative decimal such as 0.15 or 12 (no sign, no exponent)",
      "prices.inputPerMTok": "Must be a plain non-negative decimal such as 0.15 or 12 (no sign, no exponent)",
    });
  });

  it("requires fields, rejects unknown keys and cached above input", () => {
    expect(issues({ usage: { period: "day", inputTokens: 10, cachedInputTokens: 11, outputTokens: 0 }, baseModel: "x" })).toEqual({
      training: expect.any(String),
      "usage.cachedInputTokens": "Must not exceed inputTokens (cached tokens are part of the input)",
    });
    expect(issues({ ...startup, trainingTokens: 5 })).toEqual({ "": expect.stringContaining("trainingTokens") });
    expect(issues({ ...startup, training: { epochs: 1 } })).toEqual({ "training.tokens": "Required" });
  });

  it("accepts negative growth and requires a complete price card without a base model", () => {
    expect(issues({ ...startup, monthlyGrowthPct: "-20.5" })).toEqual({});
    const { baseModel: _, ...custom } = startup;
    expect(Object.keys(issues({ ...custom, prices: { trainingPerMTok: "1" } })).sort()).toEqual([
      "prices.baseInputPerMTok",
      "prices.baseOutputPerMTok",
      "prices.inputPerMTok",
      "prices.outputPerMTok",
    ]);
  });

  it("converts to JSON Schema for the OpenAPI document", () => {
    const schema = z.toJSONSchema(estimateInputSchema, { io: "input" });
    expect(schema).toMatchObject({ type: "object", required: ["training", "usage"], additionalProperties: false });
  });
});

describe("computeEstimate", () => {
  it("reproduces the article's Startup MVP as exact strings", () => {
    const estimate = computeEstimate(estimateInputSchema.parse(startup), seed("gpt-4o-mini-2024-07-18", ARTICLE_PRICE_SET));
    expect(estimate).toMatchObject({ trainingCostUsd: "0.1", monthlyCostUsd: "0.585", totalCostUsd: "7.12" });
    expect(estimate.months).toHaveLength(12);
    expect(estimate.months[11]).toEqual({ index: 12, costUsd: "0.585", inferenceUsd: "0.585", fixedUsd: "0" });
  });

  it("adds the fixed costs as their own line in every month, and the provider's training rules", () => {
    // A Together-like card: full DPO at $1.35, validation billed; a deployment at $3.99/h and storage $2 a month.
    const card = {
      ...seed("gpt-4o-mini-2024-07-18"),
      trainingDpoFullPerMTok: toDecimal("1.35"),
      validationBilled: true,
      hostingPerHourUsd: toDecimal("3.99"),
      storagePerMonthUsd: toDecimal("2"),
    };
    const input = estimateInputSchema.parse({
      ...startup,
      training: { tokens: 2_000_000, epochs: 2, method: "dpo", fineTuneType: "full", validationTokens: 100_000, evaluations: 4 },
      hostingHoursPerMonth: "100",
      months: 3,
    });
    const estimate = computeEstimate(input, card);
    // 2M × 2 × 1.35 + 100k × 4 × 1.35 = 5.4 + 0.54
    expect(estimate).toMatchObject({ trainingCostUsd: "5.94", validationCostUsd: "0.54", fixedMonthlyUsd: "401", monthlyCostUsd: "1.17" });
    expect(estimate.months[0]).toEqual({ index: 1, inferenceUsd: "1.17", fixedUsd: "401", costUsd: "402.17" });
    // 5.94 + 3 × 402.17
    expect(estimate.totalCostUsd).toBe("1212.45");
    expect(estimate.prices).toMatchObject({ hostingPerHourUsd: "3.99", storagePerMonthUsd: "2" });
  });

  it("tops a small training job up to the provider's minimum charge", () => {
    const card = { ...seed("gpt-4o-mini-2024-07-18"), minTrainingChargeUsd: toDecimal("4") };
    const estimate = computeEstimate(estimateInputSchema.parse(startup), card);
    // 100,000 × 1 epoch × $3 = $0.30, below $4
    expect(estimate).toMatchObject({ trainingCostUsd: "4", trainingMinimumTopUpUsd: "3.7" });
  });

  it("reproduces Production app and Enterprise", () => {
    const production = estimateInputSchema.parse({
      ...startup,
      training: { tokens: 1_000_000, epochs: 1 },
      usage: { period: "month", inputTokens: 150_000_000, outputTokens: 450_000_000 },
    });
    expect(computeEstimate(production, seed("gpt-4o-mini-2024-07-18", ARTICLE_PRICE_SET))).toMatchObject({
      trainingCostUsd: "1",
      monthlyCostUsd: "292.5",
      totalCostUsd: "3511",
    });
    const enterprise = estimateInputSchema.parse({
      baseModel: "gpt-4o",
      training: { tokens: 5_000_000, epochs: 1 },
      usage: { period: "day", inputTokens: 50_000_000, outputTokens: 150_000_000 },
    });
    expect(computeEstimate(enterprise, seed("gpt-4o-2024-08-06", ARTICLE_PRICE_SET))).toMatchObject({
      trainingCostUsd: "15",
      monthlyCostUsd: "48750",
      totalCostUsd: "585015",
    });
  });

  it("applies price overrides on top of the catalog and reports the prices used", () => {
    // Real gpt-4o-mini with the article's training price: 100,000 × $1 = $0.10; month 0.3 × $0.30 + 0.9 × $1.20 = $1.17
    const input = estimateInputSchema.parse({ ...startup, prices: { trainingPerMTok: "1.00" } });
    const estimate = computeEstimate(input, seed("gpt-4o-mini-2024-07-18"));
    expect(estimate).toMatchObject({ trainingCostUsd: "0.1", monthlyCostUsd: "1.17", totalCostUsd: "14.14" });
    expect(estimate.prices).toEqual({
      trainingPerMTok: "1",
      inputPerMTok: "0.3",
      cachedInputPerMTok: "0.15",
      outputPerMTok: "1.2",
      baseInputPerMTok: "0.15",
      baseCachedInputPerMTok: "0.075",
      baseOutputPerMTok: "0.6",
      hostingPerHourUsd: null,
      storagePerMonthUsd: null,
    });
  });

  it("prices a complete custom card without a catalog model", () => {
    const input = estimateInputSchema.parse({
      training: { tokens: 1_000_000, epochs: 2 },
      usage: { period: "month", inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 },
      months: 2,
      prices: { trainingPerMTok: "2", inputPerMTok: "1", outputPerMTok: "4", baseInputPerMTok: "0.5", baseOutputPerMTok: "2" },
    });
    // training $4; cached input billed at the full $1 without a cached price: $1 per month
    const estimate = computeEstimate(input, null);
    expect(estimate).toMatchObject({ trainingCostUsd: "4", monthlyCostUsd: "1", totalCostUsd: "6" });
    expect(estimate.prices.cachedInputPerMTok).toBeNull();
  });

  it("refuses an hour-billed catalog model even with token overrides", () => {
    const input = estimateInputSchema.parse({ ...startup, baseModel: "o4-mini", prices: { trainingPerMTok: "1" } });
    expect(() => computeEstimate(input, seed("o4-mini-2025-04-16"))).toThrow(NotPricedPerTokenError);
  });
});
