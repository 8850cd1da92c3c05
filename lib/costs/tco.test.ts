import { describe, expect, it } from "vitest";
import { formatUsd, toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { ARTICLE_PRICE_SET, seedPriceRows } from "@/lib/pricing/seed-catalog";
import { costUntilShutdown, totalCostOfOwnership } from "./tco";

const article = (modelId: string) =>
  getPricesInForceOrThrow(seedPriceRows(), { modelId, teamId: null, date: new Date("2025-07-01"), priceSet: ARTICLE_PRICE_SET });

function firstYear(modelId: string, trainingTokens: number, inputTokens: number, outputTokens: number) {
  const tco = totalCostOfOwnership({
    training: { tokens: trainingTokens, epochs: 1 },
    plan: { period: "month", inputTokens, outputTokens },
    prices: article(modelId),
  });
  return {
    training: toDecimalString(tco.trainingCostUsd),
    month: toDecimalString(tco.months[0]?.costUsd ?? "-1"),
    firstYear: toDecimalString(tco.totalCostUsd),
    display: [formatUsd(tco.trainingCostUsd), formatUsd(tco.months[0]?.costUsd ?? "-1"), formatUsd(tco.totalCostUsd)],
  };
}

describe("totalCostOfOwnership: the source article's scenarios at its prices", () => {
  it("Startup MVP: $7.12, not the article's $7.18 from a pre-rounded month", () => {
    expect(firstYear("gpt-4o-mini-2024-07-18", 100_000, 300_000, 900_000)).toEqual({
      training: "0.1",
      month: "0.585",
      firstYear: "7.12",
      display: ["$0.10", "$0.59", "$7.12"],
    });
  });

  it("Production app: $3,511.00 including the training the article drops", () => {
    expect(firstYear("gpt-4o-mini-2024-07-18", 1_000_000, 150_000_000, 450_000_000)).toEqual({
      training: "1",
      month: "292.5",
      firstYear: "3511",
      display: ["$1.00", "$292.50", "$3,511.00"],
    });
  });

  it("Enterprise on gpt-4o: $585,015.00", () => {
    expect(firstYear("gpt-4o-2024-08-06", 5_000_000, 1_500_000_000, 4_500_000_000)).toEqual({
      training: "15",
      month: "48750",
      firstYear: "585015",
      display: ["$15.00", "$48,750.00", "$585,015.00"],
    });
  });
});

describe("totalCostOfOwnership", () => {
  const mini = getPricesInForceOrThrow(seedPriceRows(), { modelId: "gpt-4o-mini-2024-07-18", teamId: null, date: new Date("2025-07-01") });

  it("reports validation tokens on their own line at no cost, and never buffers training", () => {
    const tco = totalCostOfOwnership({
      training: { tokens: 500_000, epochs: 4, validationTokens: 50_000 },
      plan: { period: "month", inputTokens: 0, outputTokens: 1_000_000, retryBufferPct: "10", months: 2 },
      prices: mini,
    });
    expect(toDecimalString(tco.validation.tokens)).toBe("50000");
    expect(toDecimalString(tco.validation.costUsd)).toBe("0");
    // 500,000 × 4 × $3 / 1M, unaffected by the 10% retry buffer
    expect(toDecimalString(tco.trainingCostUsd)).toBe("6");
    // 1,100,000 × $1.20 / 1M per month
    expect(tco.months.map((m) => toDecimalString(m.costUsd))).toEqual(["1.32", "1.32"]);
    expect(toDecimalString(tco.inferenceTotalUsd)).toBe("2.64");
    expect(toDecimalString(tco.totalCostUsd)).toBe("8.64");
  });

  it("sums exact month costs, not rounded ones", () => {
    // 12 × (1,000 × $0.30 + 1,000 × $1.20) / 1M = 12 × $0.0015: every month rounds to $0.00, the year is $0.018
    const tco = totalCostOfOwnership({
      training: { tokens: 0, epochs: 1 },
      plan: { period: "month", inputTokens: 1_000, outputTokens: 1_000 },
      prices: mini,
    });
    expect(toDecimalString(tco.totalCostUsd)).toBe("0.018");
    expect(formatUsd(tco.totalCostUsd)).toBe("$0.02");
  });
});

describe("costUntilShutdown", () => {
  const tco = {
    trainingCostUsd: "1",
    months: [
      { index: 1, inferenceUsd: "31", fixedUsd: "62" },
      { index: 2, inferenceUsd: "31", fixedUsd: "62" },
      { index: 3, inferenceUsd: "31", fixedUsd: "62" },
    ],
  };

  it("keeps whole months, cuts the shutdown month to its served days and drops the months after", () => {
    const cut = costUntilShutdown(tco, [{ days: 31, of: 31 }, { days: 13, of: 31 }, { days: 0, of: 28 }]);
    expect(cut.months.map((m) => [m.inferenceUsd.toFixed(), m.fixedUsd.toFixed(), m.costUsd.toFixed()])).toEqual([
      ["31", "62", "93"],
      ["13", "26", "39"],
      ["0", "0", "0"],
    ]);
    expect([cut.inferenceTotalUsd.toFixed(), cut.fixedTotalUsd.toFixed(), cut.totalCostUsd.toFixed()]).toEqual(["44", "88", "133"]);
  });

  it("changes nothing when every month is served, and refuses impossible shares", () => {
    expect(costUntilShutdown(tco, []).totalCostUsd.toFixed()).toBe("280");
    expect(() => costUntilShutdown(tco, [{ days: 32, of: 31 }])).toThrow(RangeError);
  });
});
