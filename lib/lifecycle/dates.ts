import { daysInMonth, monthOf, monthOrdinal } from "@/lib/forecast/month";

// Pure: what a model's lifecycle dates mean for a day or a month. Days are "YYYY-MM-DD" strings in UTC, like months
// are "YYYY-MM" strings (lib/forecast/month.ts): a string cannot carry a time zone that shifts it into the next day.
// See docs/decisions/018-lifecycles-and-moves.md.

const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A base model's lifecycle, from the catalog (CatalogModel). */
export interface CatalogLifecycle {
  announcedOn: string | null;
  /** Last day new fine-tuning jobs are accepted. */
  trainingEndsOn: string | null;
  /** The first day the model no longer serves (OpenAI's "shutdown date"). */
  shutdownOn: string | null;
  replacement: string | null;
  sourceUrl: string | null;
}

/** A fine-tune's lifecycle: its own shutdown date when the team recorded one, else its base model's. */
export interface ModelLifecycle extends CatalogLifecycle {
  /** Where `shutdownOn` comes from. */
  shutdownSource: "model" | "catalog" | null;
}

/** Checks a "YYYY-MM-DD" day (a real calendar day); throws a RangeError on anything else. */
export function parseDay(day: string): { year: number; month: number; day: number } {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Expected a day as YYYY-MM-DD, got "${day}"`);
  const parsed = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (parsed.day > daysInMonth(day.slice(0, 7))) throw new RangeError(`${day} is not a day of ${day.slice(0, 7)}`);
  return parsed;
}

/** The UTC day of a Date: dayOf(new Date("2026-12-07T23:59:00Z")) → "2026-12-07". */
export function dayOf(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  return date.toISOString().slice(0, 10);
}

/** A DATE column (midnight UTC) as a day, or null. */
export function dayOrNull(date: Date | null | undefined): string | null {
  return date ? dayOf(date) : null;
}

function dayNumber(day: string): number {
  const { year, month, day: d } = parseDay(day);
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(year, month - 1, d);
  return Math.round(t.getTime() / 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier): daysBetween("2026-12-07", "2027-01-14") → 38. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The model's dates: the team's own shutdown date wins over the catalog's. */
export function modelLifecycle(catalog: CatalogLifecycle, ownShutdownOn: string | null): ModelLifecycle {
  if (ownShutdownOn) return { ...catalog, shutdownOn: ownShutdownOn, shutdownSource: "model" };
  return { ...catalog, shutdownSource: catalog.shutdownOn ? "catalog" : null };
}

/** True while the provider still accepts new fine-tuning jobs on `day` (no training end and no shutdown yet). */
export function isTrainableOn(lifecycle: Pick<CatalogLifecycle, "trainingEndsOn" | "shutdownOn">, day: string): boolean {
  if (lifecycle.trainingEndsOn && daysBetween(lifecycle.trainingEndsOn, day) > 0) return false;
  if (lifecycle.shutdownOn && daysBetween(lifecycle.shutdownOn, day) >= 0) return false;
  return true;
}

/** True from the shutdown day on. */
export function isShutDownOn(shutdownOn: string | null, day: string): boolean {
  return shutdownOn !== null && daysBetween(shutdownOn, day) >= 0;
}

/**
 * The share of `month` a model still serves, as a fraction { days, of }: the whole month before its shutdown month,
 * the days before the shutdown day in that month (a 14 January shutdown serves 13 of January's 31 days), none after.
 * `endMonth` (a planned move's switch month) ends it at the start of that month, whichever comes first.
 */
export function servingDays(month: string, shutdownOn: string | null, endMonth: string | null = null): { days: number; of: number } {
  const of = daysInMonth(month);
  const m = monthOrdinal(month);
  if (endMonth !== null && m >= monthOrdinal(endMonth)) return { days: 0, of };
  if (shutdownOn === null) return { days: of, of };
  const s = monthOrdinal(shutdownOn.slice(0, 7));
  if (m < s) return { days: of, of };
  if (m > s) return { days: 0, of };
  return { days: parseDay(shutdownOn).day - 1, of };
}

/** The last month a model serves any day of (the month before a shutdown on the 1st), or null without an end. */
export function lastServingMonth(shutdownOn: string | null, endMonth: string | null = null): string | null {
  const candidates: number[] = [];
  if (shutdownOn) {
    const s = monthOrdinal(shutdownOn.slice(0, 7));
    candidates.push(parseDay(shutdownOn).day === 1 ? s - 1 : s);
  }
  if (endMonth) candidates.push(monthOrdinal(endMonth) - 1);
  if (candidates.length === 0) return null;
  const n = Math.min(...candidates);
  return monthOf(new Date(Date.UTC(Math.floor(n / 12), n % 12, 1)));
}

/** The days before the retirement alert thresholds: an alert opens at each, once (lib/alerts/retirement.ts). */
export const RETIREMENT_THRESHOLDS = [60, 30, 14, 7] as const;

/** "14 Jan 2027". */
export function shortDay(day: string): string {
  const { year, month, day: d } = parseDay(day);
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]} ${year}`;
}
