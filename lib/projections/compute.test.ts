import { describe, expect, it } from "vitest";
import { getPricesForMonthOrThrow } from "@/lib/pricing/effective";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { modelMonths, modelMonthView, sumMonth, sumMonthView } from "./compute";

const seed = seedPriceRows();
// $1.50 a month from March 2026: 1M input × $0.30 + 1M output × $1.20.
const plan = {
  plan: { startMonth: "2026-03", period: "month" as const, inputTokens: 1_000_000, outputTokens: 1_000_000 },
  pricesFor: (month: string) => getPricesForMonthOrThrow(seed, { modelId: "gpt-4o-mini-2024-07-18", teamId: null, month }),
};
const line = [
  { month: "2026-03", costUsd: "2" },
  { month: "2026-04", costUsd: "4" },
  { month: "2026-05", costUsd: "6" },
];

describe("modelMonths", () => {
  it("keeps the month end the records show apart from what was expected of the month", () => {
    const [june, july] = modelMonths({ id: "m", actuals: [...line, { month: "2026-06", costUsd: "3", asOfDay: 10 }], plan }, ["2026-06", "2026-07"]);
    // June is in progress: $3 by day 10 paces to $9; it was expected at $8 (the trend).
    expect(june).toMatchObject({ actualUsd: "3", inProgress: true, observedUsd: "9", monthEndUsd: "9" });
    expect(june!.expectation).toMatchObject({ projectedUsd: "9", forecastKind: "pace" });
    expect(june!.baseline).toMatchObject({ projectedUsd: "8", forecastKind: "trend" });
    expect(modelMonthView(june!)).toMatchObject({ actualUsd: "3", projectedUsd: "9", forecastKind: "pace", deviationPct: "12.5" });
    // July has no record: its month end is the expectation, and nothing is observed to compare.
    expect(july).toMatchObject({ actualUsd: null, observedUsd: null, monthEndUsd: "10", inProgress: false });
    expect(modelMonthView(july!).deviationPct).toBeNull();
  });

  it("leaves out a plan month without a price in force instead of failing", () => {
    const unpriced = { ...plan, pricesFor: (month: string) => getPricesForMonthOrThrow([], { modelId: "gpt-4o-mini-2024-07-18", teamId: null, month }) };
    const [march] = modelMonths({ id: "m", actuals: [], plan: unpriced }, ["2026-03"]);
    expect(march!.expectation).toBeNull();
    // The trend does not need prices, so it still applies.
    const [june] = modelMonths({ id: "m", actuals: line, plan: unpriced }, ["2026-06"]);
    expect(june!.expectation?.forecastKind).toBe("trend");
  });
});

describe("modelMonths at a shutdown", () => {
  const months = ["2026-12", "2027-01", "2027-02"];

  it("stops a plan at the shutdown, prorating the shutdown month by the days still served", () => {
    const [dec, jan, feb] = modelMonths({ id: "m", actuals: [], plan, lifecycle: { shutdownOn: "2027-01-14", endMonth: null } }, months);
    expect(dec).toMatchObject({ servingDays: 31, monthDays: 31, monthEndUsd: "1.5" });
    // Shut down on the 14th: it serves 1–13 January, 13 of 31 days: $1.50 × 13 / 31.
    expect(jan!.expectation).toMatchObject({ projectedUsd: "0.6290322580645161290322580645161290322581", forecastKind: "plan" });
    expect(jan).toMatchObject({ servingDays: 13, monthDays: 31, uncut: { projectedUsd: "1.5", forecastKind: "plan" } });
    expect(feb).toMatchObject({ expectation: null, baseline: null, monthEndUsd: null, servingDays: 0, uncut: { projectedUsd: "1.5" } });
  });

  it("a shutdown on the 1st ends the model with the month before; a planned move ends it at the switch month", () => {
    const [, jan] = modelMonths({ id: "m", actuals: [], plan, lifecycle: { shutdownOn: "2027-01-01", endMonth: null } }, months);
    expect(jan!.expectation).toBeNull();
    const [dec, jan2] = modelMonths({ id: "m", actuals: [], plan, lifecycle: { shutdownOn: null, endMonth: "2027-01" } }, months);
    expect(dec!.expectation?.projectedUsd).toBe("1.5");
    expect(jan2!.expectation).toBeNull();
  });

  it("paces a shutdown month to its last serving day, not the month's", () => {
    const history = [
      { month: "2026-10", costUsd: "31" },
      { month: "2026-11", costUsd: "31" },
      { month: "2026-12", costUsd: "31" },
    ];
    // $10 by 10 January: $1 a day for the 13 days it serves, not 31.
    const [jan] = modelMonths({ id: "m", actuals: [...history, { month: "2027-01", costUsd: "10", asOfDay: 10 }], plan: null, lifecycle: { shutdownOn: "2027-01-14", endMonth: null } }, ["2027-01"]);
    expect(jan).toMatchObject({ inProgress: true, observedUsd: "13", monthEndUsd: "13" });
    // The trend expected $31 for a whole January; for 13 days, $13.
    expect(jan!.baseline).toMatchObject({ projectedUsd: "13", forecastKind: "trend" });
    // Figures that run past the last serving day are the month's whole spend.
    const [late] = modelMonths({ id: "m", actuals: [...history, { month: "2027-01", costUsd: "14", asOfDay: 20 }], plan: null, lifecycle: { shutdownOn: "2027-01-14", endMonth: null } }, ["2027-01"]);
    expect(late).toMatchObject({ observedUsd: "14", monthEndUsd: "14" });
  });
});

describe("sumMonth", () => {
  it("sums bounds, names a mix of kinds, and compares only models with both a figure and a baseline", () => {
    const [trend] = modelMonths({ id: "a", actuals: [...line, { month: "2026-06", costUsd: "12" }], plan: null }, ["2026-06"]);
    const [planned] = modelMonths({ id: "b", actuals: [{ month: "2026-06", costUsd: "1.5" }], plan }, ["2026-06"]);
    const [unexpected] = modelMonths({ id: "c", actuals: [{ month: "2026-06", costUsd: "100" }], plan: null }, ["2026-06"]);
    const sum = sumMonth("2026-06", [trend!, planned!, unexpected!], "113.5", "200");
    expect(sumMonthView(sum)).toEqual({
      month: "2026-06",
      actualUsd: "113.5",
      projectedUsd: "9.5",
      lowUsd: "9.5",
      highUsd: "9.5",
      forecastKind: "mixed",
      // (12 + 1.5) against (8 + 1.5): the model without an expectation is in the actual, not in the comparison.
      deviationPct: "42.10526315789473684210526315789473684211",
      budgetUsd: "200",
    });
    expect(sum).toMatchObject({ observedUsd: "13.5", baselineUsd: "9.5", monthEndUsd: "113.5", inProgress: false });
  });

  it("has no expectation or deviation when no model has one", () => {
    const [m] = modelMonths({ id: "a", actuals: [{ month: "2026-06", costUsd: "5" }], plan: null }, ["2026-06"]);
    expect(sumMonthView(sumMonth("2026-06", [m!], "5", null))).toMatchObject({ projectedUsd: null, lowUsd: null, forecastKind: null, deviationPct: null });
    expect(sumMonth("2026-06", [], null, null)).toMatchObject({ monthEndUsd: null, observedUsd: null });
  });
});
