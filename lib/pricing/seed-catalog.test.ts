import { describe, expect, it } from "vitest";
import { toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "./effective";
import { SEED_MODELS, SEED_PRICES, seedPriceRows } from "./seed-catalog";

describe("seed catalog", () => {
  it("gives every priced model a catalog entry with the same billing unit", () => {
    for (const price of SEED_PRICES) {
      const model = SEED_MODELS.find((m) => m.id === price.modelId);
      expect(model?.billingUnit, price.modelId).toBe(price.billingUnit);
    }
  });

  it("has no alias shared by two models", () => {
    const names = SEED_MODELS.flatMap((m) => [m.id, ...m.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });

  it("converts the printed strings to exact Decimals", () => {
    const nano = getPricesInForceOrThrow(seedPriceRows(), { modelId: "gpt-4.1-nano-2025-04-14", teamId: null, date: new Date("2025-07-01") });
    expect(nano.billingUnit).toBe("token");
    expect(toDecimalString(nano.baseCachedInputPerMTok ?? "0")).toBe("0.025");
    const gpt35 = getPricesInForceOrThrow(seedPriceRows(), { modelId: "gpt-3.5-turbo-0125", teamId: null, date: new Date("2025-07-01") });
    expect(gpt35.cachedInputPerMTok).toBeNull();
  });

  it("prices o4-mini RFT per training hour with no token prices", () => {
    const o4 = getPricesInForceOrThrow(seedPriceRows(), { modelId: "o4-mini-2025-04-16", teamId: null, date: new Date("2025-07-01") });
    expect(o4.billingUnit).toBe("training_hour");
    expect(o4.trainingPerHourUsd?.toFixed()).toBe("100");
    expect(o4.trainingPerMTok).toBeNull();
    expect(o4.inputPerMTok).toBeNull();
  });

  it("keeps the article set separate from OpenAI's list prices", () => {
    const query = { modelId: "gpt-4o-mini-2024-07-18", teamId: null, date: new Date("2025-07-01") };
    expect(getPricesInForceOrThrow(seedPriceRows(), query).trainingPerMTok?.toFixed()).toBe("3");
    expect(getPricesInForceOrThrow(seedPriceRows(), { ...query, priceSet: "article-2026" }).trainingPerMTok?.toFixed()).toBe("1");
  });
});
