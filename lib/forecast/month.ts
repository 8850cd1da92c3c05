/**
 * Calendar months as "YYYY-MM" strings, in UTC.
 * Usage, plans and prices are all stored per calendar month, so the forecast works on month strings rather than Dates:
 * a string cannot carry a time zone or a day that shifts it into the neighbouring month.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Splits a "YYYY-MM" month into its year and 1-based month number; throws a RangeError on anything else. */
export function parseMonth(month: string): { year: number; month: number } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Expected a month as YYYY-MM, got "${month}"`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** A month as a whole number that grows by 1 a month (year × 12 + month − 1): parse once, compare many times. */
export function monthOrdinal(month: string): number {
  // Every other helper is plain integer arithmetic on this count.
  const { year, month: m } = parseMonth(month);
  return year * 12 + (m - 1);
}

function fromOrdinal(n: number): string {
  const year = Math.floor(n / 12);
  if (year < 0 || year > 9999) throw new RangeError(`Month out of range (year ${year})`);
  return `${String(year).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** The month `n` months after `month` (negative `n` goes back): addMonths("2026-11", 3) → "2027-02". */
export function addMonths(month: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Expected a whole number of months, got ${n}`);
  return fromOrdinal(monthOrdinal(month) + n);
}

/** Whole months from `from` to `to`, negative when `to` is earlier: monthsBetween("2026-11", "2027-02") → 3. */
export function monthsBetween(from: string, to: string): number {
  return monthOrdinal(to) - monthOrdinal(from);
}

/** Compares two months for sorting: negative when `a` is earlier, 0 when equal. */
export function compareMonths(a: string, b: string): number {
  return monthOrdinal(a) - monthOrdinal(b);
}

/** Days in a calendar month (Gregorian, so February has 29 in leap years): daysInMonth("2028-02") → 29. */
export function daysInMonth(month: string): number {
  const { year, month: m } = parseMonth(month);
  // Day 0 of the next month is the last day of this one; Date.UTC keeps the local time zone out of it.
  // setUTCFullYear, not Date.UTC(year, …), because Date.UTC maps years 0–99 to 1900–1999.
  const lastDay = new Date(Date.UTC(2000, 0, 1));
  lastDay.setUTCFullYear(year, m, 0);
  return lastDay.getUTCDate();
}

/** Every month from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const start = monthOrdinal(from);
  const count = monthOrdinal(to) - start + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => fromOrdinal(start + i));
}

/** The month a UTC date falls in: monthOf(new Date("2026-03-31T23:00:00Z")) → "2026-03". */
export function monthOf(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  return fromOrdinal(date.getUTCFullYear() * 12 + date.getUTCMonth());
}
