import { daysInMonth } from "@/lib/forecast";
import { parseDay, shortDay } from "@/lib/lifecycle/dates";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import type { ModelMonth } from "@/lib/projections/compute";

// Pure: what the lifecycle of a dashboard's models changes in its aggregate trend, and the shutdowns its chart marks.

/** A model of a dashboard's scope whose months a lifecycle changes: it shuts down, moves, or takes over from another. */
export interface LifecycleModel {
  modelId: string;
  /** The day it stops serving (its own, else its base model's); null without one. */
  shutdownOn: string | null;
  baseModel: string;
  /** It is a planned move's new model. */
  replacement: boolean;
  /** It has usage recorded (so the aggregate trend already sees some of it). */
  hasUsage: boolean;
}

/** What lifecycles change in one month of an aggregate trend. */
export interface LifecycleDelta {
  /** Added to the trend's projection and to each bound of its band (negative: spend that stops). */
  projectedUsd: string;
  lowUsd: string;
  highUsd: string;
  /** Every model of the scope has stopped by this month: nothing is left to expect. */
  ended: boolean;
}

/**
 * Per month, the change to the aggregate's trend: Σ over models cut by a shutdown or a move of (cut − uncut
 * expectation), bound by bound, plus each planned replacement's own expectation while it has no usage the trend could
 * have seen. For a single model whose own trend is the aggregate's, trend + delta is exactly its cut expectation.
 * `scopeModels` is how many models the aggregate covers. Months where nothing changes are left out.
 */
export function lifecycleDelta(
  models: readonly { id: string; months: readonly ModelMonth[] }[],
  months: readonly string[],
  lifecycle: readonly LifecycleModel[],
  scopeModels: number,
): Map<string, LifecycleDelta> {
  const info = new Map(lifecycle.map((l) => [l.modelId, l]));
  const out = new Map<string, LifecycleDelta>();
  months.forEach((month, i) => {
    const delta = { projected: toDecimal(0), low: toDecimal(0), high: toDecimal(0) };
    let changed = false;
    let stopped = 0;
    for (const m of models) {
      const mm = m.months[i];
      const l = info.get(m.id);
      if (!mm || !l) continue;
      const exp = mm.expectation;
      if (l.replacement && !l.hasUsage) {
        if (exp) {
          delta.projected = delta.projected.plus(exp.projectedUsd);
          delta.low = delta.low.plus(exp.lowUsd);
          delta.high = delta.high.plus(exp.highUsd);
          changed = true;
        }
        continue;
      }
      if (mm.servingDays === 0) stopped++;
      if (mm.servingDays === mm.monthDays || mm.uncut === null) continue;
      delta.projected = delta.projected.plus(toDecimal(exp?.projectedUsd ?? 0).minus(mm.uncut.projectedUsd));
      delta.low = delta.low.plus(toDecimal(exp?.lowUsd ?? 0).minus(mm.uncut.lowUsd));
      delta.high = delta.high.plus(toDecimal(exp?.highUsd ?? 0).minus(mm.uncut.highUsd));
      changed = true;
    }
    if (changed) {
      out.set(month, {
        projectedUsd: toDecimalString(delta.projected),
        lowUsd: toDecimalString(delta.low),
        highUsd: toDecimalString(delta.high),
        ended: scopeModels > 0 && stopped === scopeModels,
      });
    }
  });
  return out;
}

/** A shutdown a chart marks: its day, its month, and what stops. */
export interface ShutdownMark {
  month: string;
  /** Where in the month: day − 1 of the month's days. */
  day: number;
  daysInMonth: number;
  label: string;
}

/** The shutdown days of the scope's models within `from`–`to`, one mark per day (with each base model named). */
export function shutdownMarks(lifecycle: readonly LifecycleModel[], from: string, to: string): ShutdownMark[] {
  const byDay = new Map<string, Map<string, number>>();
  for (const l of lifecycle) {
    if (!l.shutdownOn || l.replacement) continue;
    const month = l.shutdownOn.slice(0, 7);
    if (month < from || month > to) continue;
    const bases = byDay.get(l.shutdownOn) ?? new Map<string, number>();
    bases.set(l.baseModel, (bases.get(l.baseModel) ?? 0) + 1);
    byDay.set(l.shutdownOn, bases);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, bases]) => {
      const count = [...bases.values()].reduce((a, b) => a + b, 0);
      const names = [...bases.keys()].sort().join(", ");
      return {
        month: day.slice(0, 7),
        day: parseDay(day).day,
        daysInMonth: daysInMonth(day.slice(0, 7)),
        label: `${shortDay(day)}: ${names} shut${count === 1 ? "s" : ""} down (${count} model${count === 1 ? "" : "s"})`,
      };
    });
}
