import { describe, expect, it } from "vitest";
import { getPricesForMonthOrThrow } from "@/lib/pricing/effective";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { baselineExpectation, expectation, type ExpectationInput } from "./expectation";
import { trendForecast } from "./trend";

const seed = seedPriceRows();
const plan: NonNullable<ExpectationInput["plan"]> = {
  // $1.50 a month: 1M input × $0.30 + 1M output × $1.20, from March 2026 on.
  plan: { startMonth: "2026-03", period: "month", inputTokens: 1_000_000, outputTokens: 1_000_000 },
  pricesFor: (month) => getPricesForMonthOrThrow(seed, { modelId: "gpt-4o-mini-2024-07-18", teamId: null, month }),
};
const complete = (month: string, costUsd: string) => ({ month, costUsd });

describe("expectation precedence", () => {
  it("has none without a plan or enough actuals", () => {
    expect(expectation({ month: "2026-05", actuals: [] })).toBeNull();
    expect(expectation({ month: "2026-05", actuals: [complete("2026-03", "1"), complete("2026-04", "2")] })).toBeNull();
  });

  it("uses the plan from its start month on, with no band", () => {
    expect(expectation({ month: "2026-03", actuals: [], plan })).toEqual({ projectedUsd: "1.5", lowUsd: "1.5", highUsd: "1.5", forecastKind: "plan" });
    expect(expectation({ month: "2026-02", actuals: [], plan })).toBeNull();
  });

  it("prefers the trend over the plan once 3 complete months precede the month", () => {
    const actuals = [complete("2026-03", "2"), complete("2026-04", "4"), complete("2026-05", "6")];
    expect(expectation({ month: "2026-06", actuals: actuals.slice(0, 2), plan })?.forecastKind).toBe("plan");
    const result = expectation({ month: "2026-06", actuals, plan })!;
    expect(result).toEqual({ projectedUsd: "8", lowUsd: "8", highUsd: "8", forecastKind: "trend" });
  });

  it("forecasts a past month from the months before it only, never from itself or later ones", () => {
    const actuals = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"].map((m, i) => complete(m, String([10, 20, 30, 400, 50][i])));
    const april = expectation({ month: "2026-04", actuals })!;
    expect(april.projectedUsd).toBe("40");
    // An out-of-sample interval is what makes "actual outside the interval" an anomaly check.
    expect(april.forecastKind).toBe("trend");
  });

  it("paces a month in progress, whatever else is available", () => {
    const actuals = [complete("2026-03", "2"), complete("2026-04", "4"), complete("2026-05", "6"), { month: "2026-06", costUsd: "3", asOfDay: 10 }];
    expect(expectation({ month: "2026-06", actuals, plan })).toEqual({ projectedUsd: "9", lowUsd: "9", highUsd: "9", forecastKind: "pace" });
  });

  it("treats an as-of on the month's last day as a complete month", () => {
    const actuals = [{ month: "2026-04", costUsd: "3", asOfDay: 30 }];
    expect(expectation({ month: "2026-04", actuals, plan })?.forecastKind).toBe("plan");
    expect(() => expectation({ month: "2026-04", actuals: [{ month: "2026-04", costUsd: "3", asOfDay: 31 }], plan })).toThrow(RangeError);
  });

  it("keeps partial earlier months out of the trend", () => {
    const actuals = [complete("2026-03", "2"), complete("2026-04", "4"), { month: "2026-05", costUsd: "0.5", asOfDay: 3 }];
    expect(expectation({ month: "2026-06", actuals, plan })?.forecastKind).toBe("plan");
  });

  it("passes trend options through", () => {
    const actuals = [complete("2026-03", "2"), complete("2026-04", "4"), complete("2026-05", "6")];
    const holt = trendForecast(actuals, "2026-07", { method: "holt" })!;
    expect(expectation({ month: "2026-07", actuals, trend: { method: "holt" } })?.highUsd).toBe(holt.highUsd);
  });
});

describe("baselineExpectation", () => {
  it("ignores pace, so a month in progress can be compared with what was expected of it", () => {
    const actuals = [{ month: "2026-03", costUsd: "1", asOfDay: 10 }];
    expect(expectation({ month: "2026-03", actuals, plan })?.forecastKind).toBe("pace");
    expect(baselineExpectation({ month: "2026-03", actuals, plan })).toMatchObject({ projectedUsd: "1.5", forecastKind: "plan" });
  });
});
