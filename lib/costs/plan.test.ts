import { describe, expect, it } from "vitest";
import { toDecimalString } from "@/lib/money/decimal";
import { getPricesInForceOrThrow } from "@/lib/pricing/effective";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { monthlyPlan, type PlannedMonth } from "./plan";

const mini = getPricesInForceOrThrow(seedPriceRows(), { modelId: "gpt-4o-mini-2024-07-18", teamId: null, date: new Date("2025-07-01") });
const column = (months: PlannedMonth[], key: keyof Omit<PlannedMonth, "index">) => months.map((m) => toDecimalString(m[key]));

describe("monthlyPlan", () => {
  it("defaults to 12 flat months of monthly volumes", () => {
    const months = monthlyPlan({ period: "month", inputTokens: 1_000_000, outputTokens: 1_000_000 }, mini);
    expect(months.map((m) => m.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // 1M × $0.30 + 1M × $1.20
    expect(new Set(column(months, "costUsd"))).toEqual(new Set(["1.5"]));
  });

  it("turns daily volumes into month 1 with daysPerMonth", () => {
    const [first] = monthlyPlan({ period: "day", inputTokens: 10_000, cachedInputTokens: 2_000, outputTokens: 1_000, daysPerMonth: 31, months: 1 }, mini);
    expect(first && column([first], "inputTokens")).toEqual(["310000"]);
    // 248,000 × $0.30 + 62,000 × $0.15 + 31,000 × $1.20, per 1M = 0.0744 + 0.0093 + 0.0372
    expect(first && toDecimalString(first.costUsd)).toBe("0.1209");
  });

  it("compounds growth monthly and adds the retry buffer on top, keeping fractional tokens", () => {
    const months = monthlyPlan(
      { period: "month", inputTokens: 1_000_000, cachedInputTokens: 333, outputTokens: 0, monthlyGrowthPct: "10", retryBufferPct: "5", months: 3 },
      mini,
    );
    // 1M × 1.05, × 1.1 × 1.05, × 1.21 × 1.05
    expect(column(months, "inputTokens")).toEqual(["1050000", "1155000", "1270500"]);
    // 333 × 1.05 = 349.65, × 1.1 = 384.615, × 1.21 = 423.0765
    expect(column(months, "cachedInputTokens")).toEqual(["349.65", "384.615", "423.0765"]);
    // (1,270,500 − 423.0765) × $0.30 + 423.0765 × $0.15, per 1M
    expect(months[2] && toDecimalString(months[2].costUsd)).toBe("0.381086538525");
  });

  it("allows shrinking usage", () => {
    const months = monthlyPlan({ period: "month", inputTokens: 1_000, outputTokens: 1_000, monthlyGrowthPct: "-50", months: 3 }, mini);
    expect(column(months, "outputTokens")).toEqual(["1000", "500", "250"]);
  });

  it("rejects impossible parameters", () => {
    const base = { period: "month", inputTokens: 1, outputTokens: 1 } as const;
    expect(() => monthlyPlan({ ...base, monthlyGrowthPct: "-100" }, mini)).toThrow("monthlyGrowthPct must be greater than -100");
    expect(() => monthlyPlan({ ...base, retryBufferPct: "-1" }, mini)).toThrow("retryBufferPct must not be negative");
    expect(() => monthlyPlan({ ...base, months: 0 }, mini)).toThrow(RangeError);
    expect(() => monthlyPlan({ ...base, daysPerMonth: 0 }, mini)).toThrow(RangeError);
    expect(() => monthlyPlan({ ...base, monthlyGrowthPct: "1e2" }, mini)).toThrow(TypeError);
  });
});
