import { addMonths, daysInMonth, monthsBetween } from "@/lib/forecast/month";
import { isShutDownOn, isTrainableOn, parseDay, servingDays, shortDay, type CatalogLifecycle } from "@/lib/lifecycle/dates";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";

// Pure: what a base model's lifecycle means for an estimate. The estimate trains on `trainingOn` (a UTC day) and
// prices months 1..n from `firstMonth` on. The rules, which docs (README "Estimate") repeat:
// - Training is refused when the provider no longer accepts jobs that day (after `trainingEndsOn`, or on/after
//   `shutdownOn`): nothing is priced.
// - Months are never dropped from the figures "as entered" (months, totalCostUsd keep their meaning for API clients);
//   beside them the estimate carries the same months "until shutdown": a month before the shutdown month whole, the
//   shutdown month for the days before the shutdown day (a 14 January shutdown serves 13 of 31 days), none after.
//   A warning names the months that cannot happen, so no total silently includes them.
// - Month 1 is a whole month of the entered volumes even when training happens mid-month: the plan says so, not us.

/** One month of the estimate on the calendar, with the days the model still serves in it. */
export interface EstimateMonthOnCalendar {
  index: number;
  /** "YYYY-MM". */
  month: string;
  servingDays: number;
  daysInMonth: number;
}

/** Months 1..n from `firstMonth`, each with its serving days under `shutdownOn` (all days when null). */
export function estimateCalendar(firstMonth: string, months: number, shutdownOn: string | null): EstimateMonthOnCalendar[] {
  return Array.from({ length: months }, (_, i) => {
    const month = addMonths(firstMonth, i);
    const { days, of } = servingDays(month, shutdownOn);
    return { index: i + 1, month, servingDays: days, daysInMonth: of };
  });
}

/** How the calendar splits: whole months, the one partial month (if any) and the first month that cannot happen. */
export interface CalendarCut {
  /** The partial month (the shutdown falls inside it), or null. */
  partial: EstimateMonthOnCalendar | null;
  /** Index of the first month with no serving day, or null when every month has some. */
  firstImpossible: number | null;
  /** The last month's index. */
  last: number;
}

/** Where a shutdown cuts the calendar; null when every month is served in full. */
export function calendarCut(calendar: readonly EstimateMonthOnCalendar[]): CalendarCut | null {
  const partial = calendar.find((m) => m.servingDays > 0 && m.servingDays < m.daysInMonth) ?? null;
  const firstImpossible = calendar.find((m) => m.servingDays === 0)?.index ?? null;
  if (partial === null && firstImpossible === null) return null;
  return { partial, firstImpossible, last: calendar.at(-1)?.index ?? 0 };
}

/** "month 12" or "months 3–12". */
function monthSpan(from: number, to: number): string {
  return from === to ? `month ${from}` : `months ${from}–${to}`;
}

/**
 * The results' warning when a shutdown falls inside the estimate, e.g.
 * "gpt-4o-mini stops on 14 Jan 2027: month 2 is partial (13 of 31 days); months 3–12 cannot happen."
 * Null when the model serves every month.
 */
export function shutdownWarning(modelName: string, shutdownOn: string | null, calendar: readonly EstimateMonthOnCalendar[]): string | null {
  const cut = shutdownOn === null ? null : calendarCut(calendar);
  if (cut === null || shutdownOn === null) return null;
  const parts: string[] = [];
  if (cut.partial) parts.push(`month ${cut.partial.index} is partial (${cut.partial.servingDays} of ${cut.partial.daysInMonth} days)`);
  if (cut.firstImpossible !== null) parts.push(`${monthSpan(cut.firstImpossible, cut.last)} cannot happen`);
  return `${modelName} stops on ${shortDay(shutdownOn)}: ${parts.join("; ")}.`;
}

/**
 * Why a training job on `trainingOn` is refused, or null when the provider still accepts it. Shown on the base-model
 * field: "gpt-4o-mini-2024-07-18 accepts no new fine-tuning jobs after 5 Jan 2027 (source: …). Pick another base model."
 */
export function trainingRefusal(modelId: string, lifecycle: CatalogLifecycle | null, trainingOn: string): string | null {
  if (lifecycle === null || isTrainableOn(lifecycle, trainingOn)) return null;
  const source = lifecycle.sourceUrl ? ` (source: ${lifecycle.sourceUrl})` : "";
  const replacement = lifecycle.replacement ? ` The provider names ${lifecycle.replacement} as its replacement.` : "";
  const why = isShutDownOn(lifecycle.shutdownOn, trainingOn)
    ? `shut down on ${shortDay(lifecycle.shutdownOn as string)}, so it can no longer be fine-tuned on ${shortDay(trainingOn)}`
    : `accepts no new fine-tuning jobs after ${shortDay(lifecycle.trainingEndsOn as string)}`;
  return `${modelId} ${why}${source}.${replacement} Pick another base model.`;
}

/**
 * Months of serving from the start of `firstMonth` to the shutdown, as an exact decimal string (13 days of a 31-day
 * January count 13/31 of a month), or null without a shutdown. Break-even months count from the same start.
 */
export function servingMonthsFrom(firstMonth: string, shutdownOn: string | null): string | null {
  if (shutdownOn === null) return null;
  const shutdownMonth = shutdownOn.slice(0, 7);
  const whole = monthsBetween(firstMonth, shutdownMonth);
  if (whole < 0) return "0";
  const { day } = parseDay(shutdownOn);
  return toDecimalString(toDecimal(whole).plus(toDecimal(day - 1).div(daysInMonth(shutdownMonth))));
}

/** How the page and the warnings name a base model: OpenAI's alias ("gpt-4o-mini"), else its display name. */
export function modelName(model: { id: string; provider: string; aliases: readonly string[]; displayName?: string }): string {
  return model.provider === "openai" ? (model.aliases[0] ?? model.id) : (model.displayName ?? model.id);
}
