import { describe, expect, it } from "vitest";
import { expectation } from "@/lib/forecast";
import { type AggregateMonth, aggregateSeries, budgetBurn, monthsWithoutTrend, stackProjects } from "./series";

const row = (month: string, usd: string, extra: Partial<AggregateMonth> = {}): AggregateMonth => ({
  month,
  actualUsd: usd,
  monthEndUsd: usd,
  inProgress: false,
  asOfDay: null,
  ...extra,
});

describe("aggregateSeries", () => {
  const history = [row("2026-01", "100"), row("2026-02", "110"), row("2026-03", "125"), row("2026-04", "130")];

  it("forecasts a one-model series exactly as lib/forecast forecasts that model", () => {
    const [apr, may] = aggregateSeries({ months: ["2026-04", "2026-05"], rows: history });
    const actuals = history.map((r) => ({ month: r.month, costUsd: r.actualUsd }));
    expect(apr).toMatchObject({ actualUsd: "130", forecastKind: "trend", projectedUsd: expectation({ month: "2026-04", actuals })!.projectedUsd });
    expect(may).toMatchObject({ actualUsd: null, forecastKind: "trend", ...expectation({ month: "2026-05", actuals }) });
    expect(Number(may!.lowUsd)).toBeLessThan(Number(may!.projectedUsd));
    expect(may!.monthEndUsd).toBe(may!.projectedUsd);
  });

  it("paces a month in progress and compares the pace with the trend baseline", () => {
    const rows = [...history, row("2026-05", "70", { monthEndUsd: "155", inProgress: true, asOfDay: 14 })];
    const may = aggregateSeries({ months: ["2026-05"], rows })[0]!;
    expect(may).toMatchObject({ forecastKind: "pace", projectedUsd: "155", lowUsd: "155", monthEndUsd: "155", actualUsd: "70", inProgress: true, asOfDay: 14 });
    const trend = expectation({ month: "2026-05", actuals: history.map((r) => ({ month: r.month, costUsd: r.actualUsd })) })!;
    expect(Number(may.deviationPct)).toBeCloseTo(((155 - Number(trend.projectedUsd)) / Number(trend.projectedUsd)) * 100, 6);
    // The partial month is not fitted: June's trend is the same as if May were missing.
    const june = aggregateSeries({ months: ["2026-06"], rows })[0]!;
    expect(june.projectedUsd).toBe(aggregateSeries({ months: ["2026-06"], rows: history })[0]!.projectedUsd);
  });

  it("uses the fallback only where the aggregate has no trend, and says which months those are", () => {
    const rows = history.slice(0, 2);
    expect(monthsWithoutTrend(rows, ["2026-03", "2026-04"])).toEqual(["2026-03", "2026-04"]);
    expect(monthsWithoutTrend(history, ["2026-04", "2026-05"])).toEqual([]);
    const fallback = new Map([["2026-03", { projectedUsd: "90", lowUsd: "90", highUsd: "90", forecastKind: "plan" as const }]]);
    const [mar, apr] = aggregateSeries({ months: ["2026-03", "2026-04"], rows, fallback, budgetUsd: "200" });
    expect(mar).toMatchObject({ forecastKind: "plan", projectedUsd: "90", monthEndUsd: "90", budgetUsd: "200", deviationPct: null });
    expect(apr).toMatchObject({ forecastKind: null, projectedUsd: null, monthEndUsd: null });
  });
});

describe("stackProjects", () => {
  const projects = ["A", "B", "C", "D"].map((name) => ({ id: name.toLowerCase(), name }));
  const rows = [
    { projectId: "a", month: "2026-01", actualUsd: "5" },
    { projectId: "b", month: "2026-01", actualUsd: "10" },
    { projectId: "c", month: "2026-02", actualUsd: "1.25" },
    { projectId: "d", month: "2026-02", actualUsd: "0.75" },
    { projectId: "a", month: "2025-12", actualUsd: "999" }, // outside the months: ignored
  ];
  it("keeps the biggest projects by name and sums the rest exactly", () => {
    expect(stackProjects(rows, projects, ["2026-01", "2026-02"], 2)).toEqual([
      { id: "b", label: "B", values: ["10", null] },
      { id: "a", label: "A", values: ["5", null] },
      { id: "other", label: "Other projects (2)", values: [null, "2"] },
    ]);
  });
  it("shows a single leftover project by name instead of an Other of one", () => {
    expect(stackProjects(rows, projects, ["2026-01", "2026-02"], 3).map((s) => s.label)).toEqual(["B", "A", "C", "D"]);
  });
});

describe("budgetBurn", () => {
  it("states spend and month end against the budget, and the headroom left", () => {
    const [may] = aggregateSeries({ months: ["2026-05"], rows: [row("2026-05", "60", { monthEndUsd: "124", inProgress: true, asOfDay: 15 })] });
    expect(budgetBurn(may!, "100", 31)).toEqual({
      budgetUsd: "100", spentUsd: "60", monthEndUsd: "124", spentPct: "60", monthEndPct: "124", headroomUsd: "-24", days: 31, asOfDay: 15,
    });
  });
  it("treats a complete month as run to its end, and a zero budget as no percentage", () => {
    const [may] = aggregateSeries({ months: ["2026-05"], rows: [row("2026-05", "60")] });
    expect(budgetBurn(may!, "0", 31)).toMatchObject({ spentPct: null, asOfDay: 31, headroomUsd: "-60" });
  });
});
