import { budgetCrossings, deviates, outsideInterval, parseMonth } from "@/lib/forecast";
import { Decimal, formatUsd, toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { ModelMonth, SumMonth } from "@/lib/projections/compute";
import type { AlertKind, AlertStatus } from "./schemas";

// Pure: which alerts a month calls for, and what an evaluation does to a stored alert. No database.

/** The scale of the alert's figure columns (Decimal(24,10)): figures are rounded to it once, before storing and comparing. */
const FIGURE_PLACES = 10;

/** The figures an alert shows; all exact decimal strings at FIGURE_PLACES at most. */
export interface AlertFigures {
  actualUsd: string | null;
  projectedUsd: string | null;
  lowUsd: string | null;
  highUsd: string | null;
  budgetUsd: string | null;
  deviationPct: string | null;
  forecastKind: string | null;
  message: string;
}

/** One alert a month could have, and whether its condition holds now. */
export interface AlertCondition {
  subjectKey: string;
  projectId: string;
  modelId: string | null;
  month: string;
  kind: AlertKind;
  threshold: string;
  active: boolean;
  figures: AlertFigures;
}

/** The project a month's conditions are about, with its rules resolved. */
export interface ProjectRules {
  id: string;
  name: string;
  budgetUsd: string | null;
  deviationThresholdPct: string;
  budgetThresholds: readonly number[];
  anomalies: boolean;
}

/** The subject key of a project-level alert (deviation, budgets). */
export const projectSubject = (projectId: string) => `project:${projectId}`;
/** The subject key of a model-level alert (anomaly). */
export const modelSubject = (modelId: string) => `model:${modelId}`;

/** The identity of an alert within a team: the unique index's columns. */
export function alertKey(a: { subjectKey: string; month: string; kind: string; threshold: string }): string {
  return `${a.subjectKey}|${a.month}|${a.kind}|${toDecimalString(a.threshold)}`;
}

function figure(v: string | null): string | null {
  return v === null ? null : toDecimalString(toDecimal(v).toDecimalPlaces(FIGURE_PLACES, Decimal.ROUND_HALF_UP));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "March 2026". */
export function monthLabel(month: string): string {
  const { year, month: m } = parseMonth(month);
  return `${MONTHS[m - 1]} ${year}`;
}

/** A percentage for a sentence: one decimal, no sign ("25.0%"). */
function pct(d: Decimal): string {
  return `${d.abs().toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`;
}

/**
 * Every alert condition of one project's month: DEVIATION (observed against the baseline of the same models, beyond
 * the project's threshold either way), BUDGET_FORECAST per budget threshold (the month-end figure), BUDGET_ACTUAL (the
 * recorded cost passed the budget) and, per model when anomalies are on, ANOMALY (observed outside the trend's 80%
 * interval). A candidate that cannot apply (no budget, no baseline, no trend) is left out, which resolves a stored one.
 */
export function monthConditions(project: ProjectRules, sum: SumMonth, models: readonly { id: string; name: string; month: ModelMonth }[]): AlertCondition[] {
  const out: AlertCondition[] = [];
  const subject = projectSubject(project.id);
  const when = monthLabel(sum.month);
  const base = { subjectKey: subject, projectId: project.id, modelId: null, month: sum.month };

  if (sum.observedUsd !== null && sum.baselineUsd !== null && !toDecimal(sum.baselineUsd).isZero()) {
    const observed = toDecimal(sum.observedUsd);
    const diff = observed.minus(sum.baselineUsd).div(sum.baselineUsd).times(100);
    out.push({
      ...base,
      kind: "DEVIATION",
      threshold: project.deviationThresholdPct,
      active: deviates(sum.observedUsd, sum.baselineUsd, project.deviationThresholdPct),
      figures: {
        actualUsd: figure(sum.observedUsd),
        projectedUsd: figure(sum.baselineUsd),
        lowUsd: null,
        highUsd: null,
        budgetUsd: sum.budgetUsd,
        deviationPct: figure(sum.deviationPct),
        forecastKind: sum.forecastKind,
        message:
          `${project.name}: ${when} ${sum.inProgress ? "is on pace for" : "cost"} ${formatUsd(observed)}, ${pct(diff)} ${diff.isNegative() ? "below" : "above"} ` +
          `the expected ${formatUsd(sum.baselineUsd)} (threshold ${project.deviationThresholdPct}%).`,
      },
    });
  }

  if (sum.budgetUsd !== null && sum.monthEndUsd !== null) {
    const crossed = new Set(budgetCrossings(sum.monthEndUsd, sum.budgetUsd, project.budgetThresholds));
    for (const t of project.budgetThresholds) {
      out.push({
        ...base,
        kind: "BUDGET_FORECAST",
        threshold: String(t),
        active: crossed.has(t),
        figures: {
          actualUsd: figure(sum.actualUsd),
          projectedUsd: figure(sum.monthEndUsd),
          lowUsd: null,
          highUsd: null,
          budgetUsd: sum.budgetUsd,
          deviationPct: null,
          forecastKind: sum.forecastKind,
          message: `${project.name}: ${when} is projected to end at ${formatUsd(sum.monthEndUsd)}, past ${t}% of its ${formatUsd(sum.budgetUsd)} budget.`,
        },
      });
    }
  }

  if (sum.budgetUsd !== null && sum.actualUsd !== null) {
    out.push({
      ...base,
      kind: "BUDGET_ACTUAL",
      threshold: "100",
      active: budgetCrossings(sum.actualUsd, sum.budgetUsd, [100]).length > 0,
      figures: {
        actualUsd: figure(sum.actualUsd),
        projectedUsd: figure(sum.monthEndUsd),
        lowUsd: null,
        highUsd: null,
        budgetUsd: sum.budgetUsd,
        deviationPct: null,
        forecastKind: sum.forecastKind,
        message: `${project.name}: ${when} has cost ${formatUsd(sum.actualUsd)}, past its ${formatUsd(sum.budgetUsd)} budget.`,
      },
    });
  }

  if (project.anomalies) {
    for (const { id, name, month: m } of models) {
      // Plan and pace have no band (low = high), so only a trend can call a month anomalous.
      if (m.observedUsd === null || m.baseline?.forecastKind !== "trend") continue;
      const { projectedUsd, lowUsd, highUsd } = m.baseline;
      out.push({
        subjectKey: modelSubject(id),
        projectId: project.id,
        modelId: id,
        month: m.month,
        kind: "ANOMALY",
        threshold: "0",
        active: outsideInterval(m.observedUsd, lowUsd, highUsd),
        figures: {
          actualUsd: figure(m.observedUsd),
          projectedUsd: figure(projectedUsd),
          lowUsd: figure(lowUsd),
          highUsd: figure(highUsd),
          budgetUsd: null,
          deviationPct: toDecimal(projectedUsd).isZero() ? null : figure(toDecimalString(toDecimal(m.observedUsd).minus(projectedUsd).div(projectedUsd).times(100))),
          forecastKind: m.inProgress ? "pace" : "trend",
          message:
            `${name} (${project.name}): ${when} ${m.inProgress ? "is on pace for" : "cost"} ${formatUsd(m.observedUsd)}, outside the trend's 80% interval ` +
            `${formatUsd(lowUsd)}–${formatUsd(highUsd)}.`,
        },
      });
    }
  }
  return out;
}

/** A stored alert as reconciliation sees it. */
export interface StoredAlertState {
  status: AlertStatus;
  figures: AlertFigures;
}

export type Reconciliation = "open" | "reopen" | "update" | "resolve" | "none";

/**
 * What an evaluation does to an alert: open a new one, reopen a resolved one whose condition returned, refresh the
 * figures of a live one, resolve a live one whose condition is gone (or no longer applies), or nothing. Only open,
 * reopen and resolve are transitions that notify.
 */
export function reconcile(stored: StoredAlertState | undefined, condition: AlertCondition | undefined): Reconciliation {
  const active = condition?.active ?? false;
  if (!stored) return active ? "open" : "none";
  if (stored.status === "RESOLVED") return active ? "reopen" : "none";
  if (!active) return "resolve";
  return sameFigures(stored.figures, condition!.figures) ? "none" : "update";
}

/** Whether two sets of figures are the same numbers (decimal strings compared by value). */
export function sameFigures(a: AlertFigures, b: AlertFigures): boolean {
  const num = (x: string | null, y: string | null) => (x === null || y === null ? x === y : toDecimal(x).eq(toDecimal(y)));
  return (
    num(a.actualUsd, b.actualUsd) &&
    num(a.projectedUsd, b.projectedUsd) &&
    num(a.lowUsd, b.lowUsd) &&
    num(a.highUsd, b.highUsd) &&
    num(a.budgetUsd, b.budgetUsd) &&
    num(a.deviationPct, b.deviationPct) &&
    a.forecastKind === b.forecastKind &&
    a.message === b.message
  );
}

/** The end of a snooze: the first instant after the later of the alert's month and the current one (UTC). */
export function snoozeEnd(alertMonth: string, now: Date): Date {
  const { year, month } = parseMonth(alertMonth);
  const alertEnd = Date.UTC(year, month, 1);
  const currentEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return new Date(Math.max(alertEnd, currentEnd));
}
