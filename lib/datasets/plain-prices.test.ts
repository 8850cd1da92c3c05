import { describe, expect, it } from "vitest";
import { analyzeText } from "@/lib/tokens";
import { seedPriceRows, SEED_MODELS } from "@/lib/pricing/seed-catalog";
import { compareTrainingCosts, type PricedModel } from "./cost-report";
import { fromPlainPricedModel, toPlainPricedModel } from "./plain-prices";

const rows = seedPriceRows().filter((r) => r.priceSet === "openai");
const priced: PricedModel[] = SEED_MODELS.map((model) => ({ model, prices: rows.find((r) => r.modelId === model.id) ?? null }));

describe("plain priced models", () => {
  it("carry only strings and the card's own fields, so a client component can take them", () => {
    const plain = priced.map(toPlainPricedModel);
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
    const mini = plain.find((m) => m.model.id === "gpt-4o-mini-2024-07-18")?.prices;
    expect(mini).toMatchObject({ billingUnit: "token", trainingPerMTok: "3", baseCachedInputPerMTok: "0.075" });
    expect(mini).not.toHaveProperty("teamId");
    expect(mini).not.toHaveProperty("effectiveFrom");
    expect(plain.find((m) => m.model.id === "o4-mini-2025-04-16")?.prices).toMatchObject({ billingUnit: "training_hour", trainingPerHourUsd: "100" });
  });

  it("give the same cost comparison after a round trip as the Decimal prices", async () => {
    const report = await analyzeText('{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello there"}]}\n', {
      encoding: "o200k_base",
      contextLimit: 65_536,
    });
    const tokens = Uint32Array.of(report.tokens.total);
    const roundTrip = priced.map((m) => fromPlainPricedModel(toPlainPricedModel(m)));
    expect(compareTrainingCosts(report, tokens, roundTrip)).toEqual(compareTrainingCosts(report, tokens, priced));
  });
});
