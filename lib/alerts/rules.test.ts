import { describe, expect, it } from "vitest";
import { getPricesForMonthOrThrow } from "@/lib/pricing/effective";
import { seedPriceRows } from "@/lib/pricing/seed-catalog";
import { modelMonths, sumMonth } from "@/lib/projections/compute";
import { type AlertCondition, type AlertFigures, monthConditions, type ProjectRules, reconcile, snoozeEnd } from "./rules";

const project: ProjectRules = { id: "p1", name: "Support", budgetUsd: "10", deviationThresholdPct: "20", budgetThresholds: [80, 100], anomalies: true };
const history = [
  { month: "2026-03", costUsd: "2" },
  { month: "2026-04", costUsd: "2.2" },
  { month: "2026-05", costUsd: "1.9" },
];

/** The conditions of June 2026 for one model with these June figures. */
function june(record: { costUsd: string; asOfDay?: number } | null, rules = project) {
  const actuals = record ? [...history, { month: "2026-06", ...record }] : history;
  const [m] = modelMonths({ id: "m1", actuals, plan: null }, ["2026-06"]);
  const sum = sumMonth("2026-06", [m!], record?.costUsd ?? null, rules.budgetUsd);
  return monthConditions(rules, sum, [{ id: "m1", name: "Support v1", month: m! }]);
}
const summary = (cs: AlertCondition[]) => cs.map((c) => `${c.kind} ${c.threshold} ${c.active ? "on" : "off"}`);

describe("monthConditions", () => {
  it("checks every kind of a month within bounds, none active", () => {
    expect(summary(june({ costUsd: "2" }))).toEqual(["DEVIATION 20 off", "BUDGET_FORECAST 80 off", "BUDGET_FORECAST 100 off", "BUDGET_ACTUAL 100 off", "ANOMALY 0 off"]);
  });

  it("raises deviation and anomaly on a spike, and budget alerts past the thresholds", () => {
    const cs = june({ costUsd: "9" });
    expect(summary(cs)).toEqual(["DEVIATION 20 on", "BUDGET_FORECAST 80 on", "BUDGET_FORECAST 100 off", "BUDGET_ACTUAL 100 off", "ANOMALY 0 on"]);
    const anomaly = cs.find((c) => c.kind === "ANOMALY")!;
    expect(anomaly).toMatchObject({ subjectKey: "model:m1", modelId: "m1", projectId: "p1" });
    expect(anomaly.figures.message).toMatch(/^Support v1 \(Support\): June 2026 cost \$9\.00, outside the trend's 80% interval \$\d+\.\d\d–\$\d+\.\d\d\.$/);
    expect(cs[0]!.figures.message).toMatch(/^Support: June 2026 cost \$9\.00, \d+\.\d% above the expected \$\d\.\d\d \(threshold 20%\)\.$/);
  });

  it("judges a month in progress by its pace, and the budget actually spent by the recorded cost", () => {
    // $4 by day 10 paces to $12: past the whole budget, though $4 is not.
    const cs = june({ costUsd: "4", asOfDay: 10 });
    expect(summary(cs)).toEqual(["DEVIATION 20 on", "BUDGET_FORECAST 80 on", "BUDGET_FORECAST 100 on", "BUDGET_ACTUAL 100 off", "ANOMALY 0 on"]);
    expect(cs.find((c) => c.kind === "BUDGET_FORECAST")!.figures).toMatchObject({ actualUsd: "4", projectedUsd: "12", forecastKind: "pace" });
    expect(cs[0]!.figures.message).toMatch(/is on pace for \$12\.00/);
  });

  it("leaves out what cannot apply: no budget, no baseline, anomalies off", () => {
    expect(summary(june({ costUsd: "9" }, { ...project, budgetUsd: null, anomalies: false }))).toEqual(["DEVIATION 20 on"]);
    expect(summary(june(null, { ...project, budgetThresholds: [] }))).toEqual([]);
  });

  it("rounds stored figures to the column's 10 places, once", () => {
    // A $1.50 plan (1M input × $0.30 + 1M output × $1.20) and $1 spent.
    const pricesFor = (month: string) => getPricesForMonthOrThrow(seedPriceRows(), { modelId: "gpt-4o-mini-2024-07-18", teamId: null, month });
    const plan = { plan: { startMonth: "2026-06", period: "month" as const, inputTokens: 1_000_000, outputTokens: 1_000_000 }, pricesFor };
    const [m] = modelMonths({ id: "m1", actuals: [{ month: "2026-06", costUsd: "1" }], plan }, ["2026-06"]);
    const [deviation] = monthConditions(project, sumMonth("2026-06", [m!], "1", null), []);
    // (1 − 1.5) / 1.5 = −33.333…%
    expect(deviation!.figures.deviationPct).toBe("-33.3333333333");
  });
});

const figures: AlertFigures = { actualUsd: "9", projectedUsd: "2", lowUsd: null, highUsd: null, budgetUsd: null, deviationPct: "350", forecastKind: "trend", message: "m" };
const condition = (active: boolean, f: Partial<AlertFigures> = {}): AlertCondition => ({
  subjectKey: "project:p1", projectId: "p1", modelId: null, month: "2026-06", kind: "DEVIATION", threshold: "20", active, figures: { ...figures, ...f },
});

describe("reconcile", () => {
  it("opens, refreshes, resolves and reopens, and otherwise does nothing", () => {
    expect(reconcile(undefined, condition(true))).toBe("open");
    expect(reconcile(undefined, condition(false))).toBe("none");
    expect(reconcile(undefined, undefined)).toBe("none");
    expect(reconcile({ status: "OPEN", figures }, condition(true))).toBe("none");
    expect(reconcile({ status: "OPEN", figures }, condition(true, { actualUsd: "9.0000" }))).toBe("none");
    expect(reconcile({ status: "ACKNOWLEDGED", figures }, condition(true, { actualUsd: "10" }))).toBe("update");
    expect(reconcile({ status: "ACKNOWLEDGED", figures }, condition(false))).toBe("resolve");
    expect(reconcile({ status: "OPEN", figures }, undefined)).toBe("resolve");
    expect(reconcile({ status: "RESOLVED", figures }, condition(true))).toBe("reopen");
    expect(reconcile({ status: "RESOLVED", figures }, condition(false))).toBe("none");
  });
});

describe("snoozeEnd", () => {
  it("is the end of the alert's month, or of the current month for an earlier one", () => {
    expect(snoozeEnd("2026-11", new Date("2026-11-22T10:00:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(snoozeEnd("2026-12", new Date("2026-12-31T23:59:59Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(snoozeEnd("2026-08", new Date("2026-11-22T10:00:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});
