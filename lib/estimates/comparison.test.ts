import { describe, expect, it } from "vitest";
import { computeEstimate, estimateInputSchema } from "@/lib/costs";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { perTokenPricesOrThrow } from "@/lib/pricing/errors";
import { ARTICLE_PRICE_SET, seedPriceRows } from "@/lib/pricing/seed-catalog";
import { compareWithBaseModel, cumulativeCostsUsd, pricesFromStrings } from "./comparison";

const prices = (priceSet: string) =>
  perTokenPricesOrThrow(getPricesInForceOrThrow(seedPriceRows(), { modelId: "gpt-4o-mini-2024-07-18", teamId: null, date: new Date("2026-01-01"), priceSet }));

describe("compareWithBaseModel", () => {
  it("charts the article's Production app as 1M requests of 150 in / 450 out: the fine-tuned line ends at the estimate's total", () => {
    const c = compareWithBaseModel({
      prices: prices(ARTICLE_PRICE_SET),
      training: { tokens: 1_000_000, epochs: 1 },
      request: { basePromptTokens: 600, fineTunedPromptTokens: 150, outputTokens: 450, requestsPerMonth: 1_000_000 },
      months: 12,
    });
    expect(c.series).toHaveLength(13);
    expect(c.series[0]).toEqual({ month: 0, fineTunedUsd: "1", baseUsd: "0", fixedUsd: "0" });
    expect(c.series[12]).toEqual({ month: 12, fineTunedUsd: "3511", baseUsd: "4320", fixedUsd: "0" });
    expect([c.fineTunedRequestUsd, c.baseRequestUsd, c.savingsPerRequestUsd]).toEqual(["0.0002925", "0.00036", "0.0000675"]);
    // ceil(1 / 0.0000675) = 14815 requests; the point sits on the base line, at or just past the lines' crossing.
    expect(c.outcome).toEqual({ kind: "recovers", requestsToRecover: "14815", months: "0.014815", atUsd: "5.3334", afterShutdown: false });
    expect(c.shutdown).toBeNull();
  });

  it("says so when the break-even lands after the base model stops serving", () => {
    const base = {
      prices: prices("openai"),
      training: { tokens: 10_000_000, epochs: 3 },
      // $90 of training (30M tokens × $3); saves $0.000285 − $0.000165 per request: 750,000 requests, 7.5 months.
      request: { basePromptTokens: 1_500, fineTunedPromptTokens: 150, outputTokens: 100, requestsPerMonth: 100_000 },
      months: 12,
    };
    const late = compareWithBaseModel({ ...base, shutdown: { on: "2027-01-14", modelName: "gpt-4o-mini", servingMonths: "1.41935" } });
    expect(late.outcome).toMatchObject({ kind: "recovers", months: "7.5", afterShutdown: true });
    expect(late.shutdown?.warning).toBe("Break-even lands after gpt-4o-mini stops on 14 Jan 2027 (1.4 months in): the training cost is not recovered before the shutdown.");
    const inTime = compareWithBaseModel({ ...base, shutdown: { on: "2028-01-14", modelName: "gpt-4o-mini", servingMonths: "13.4" } });
    expect(inTime.outcome).toMatchObject({ kind: "recovers", afterShutdown: false });
    expect(inTime.shutdown).toEqual({ on: "2028-01-14", servingMonths: "13.4", warning: null });
  });

  it("says never, with the reason, when the fine-tuned request costs more, and the lines never meet", () => {
    const c = compareWithBaseModel({
      prices: prices("openai"),
      training: { tokens: 1_000_000, epochs: 3 },
      request: { basePromptTokens: 200, fineTunedPromptTokens: 150, outputTokens: 450, requestsPerMonth: 1_000 },
      months: 6,
    });
    expect(c.outcome).toMatchObject({ kind: "never", reason: expect.stringMatching(/^The fine-tuned model costs \$0\.000285 more per request/) });
    expect(c.series.every((s) => Number(s.fineTunedUsd) > Number(s.baseUsd))).toBe(true);
  });
});

describe("cumulativeCostsUsd", () => {
  it("adds training and the exact month costs: the Startup MVP reaches $7.12, not the article's $7.18", () => {
    const input = estimateInputSchema.parse({
      training: { tokens: 100_000, epochs: 1 },
      usage: { period: "month", inputTokens: 300_000, outputTokens: 900_000 },
      prices: { trainingPerMTok: "1", inputPerMTok: "0.15", outputPerMTok: "0.6", baseInputPerMTok: "0.15", baseOutputPerMTok: "0.6" },
    });
    const totals = cumulativeCostsUsd(computeEstimate(input, null));
    expect([totals[0], totals[1], totals[11]]).toEqual(["0.685", "1.27", "7.12"]);
  });
});

describe("pricesFromStrings", () => {
  it("rebuilds the exact price card, keeping a missing cached price as null", () => {
    const card = pricesFromStrings("m", { trainingPerMTok: "1", inputPerMTok: "0.15", cachedInputPerMTok: null, outputPerMTok: "0.6", baseInputPerMTok: "0.15", baseCachedInputPerMTok: "0.075", baseOutputPerMTok: "0.6" });
    expect(card.cachedInputPerMTok).toBeNull();
    expect(card.baseCachedInputPerMTok?.toFixed()).toBe("0.075");
  });
});
