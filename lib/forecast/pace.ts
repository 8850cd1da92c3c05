import { type Decimal, type DecimalInput, toDecimal } from "@/lib/money/decimal";
import { daysInMonth, monthOf } from "./month";

/**
 * A month in progress projected to its end at the daily rate so far: cost × daysInMonth / asOfDay.
 * Calendar days in UTC, so February has 28 or 29. Multiplying before dividing rounds once; the result is exact
 * unless the division does not terminate (÷ 3, ÷ 7 …), where it carries the Decimal's 40 significant digits.
 * Never below the cost so far, and equal to it on the month's last day.
 */
export function paceProjection(costSoFarUsd: DecimalInput, month: string, asOfDay: number): Decimal {
  const days = daysInMonth(month);
  if (!Number.isSafeInteger(asOfDay) || asOfDay < 1 || asOfDay > days) {
    throw new RangeError(`asOfDay must be a day of ${month} (1–${days}), got ${asOfDay}`);
  }
  const cost = toDecimal(costSoFarUsd);
  if (cost.lt(0)) throw new RangeError(`Costs cannot be negative, got ${cost.toFixed()}`);
  return cost.times(days).div(asOfDay);
}

/** The day of `month` an as-of date (a Date, or "YYYY-MM-DD") falls on; throws a RangeError when it is in another month. */
export function asOfDayInMonth(month: string, asOf: Date | string): number {
  const date = typeof asOf === "string" ? new Date(`${asOf}T00:00:00Z`) : asOf;
  if (Number.isNaN(date.getTime()) || monthOf(date) !== month) {
    throw new RangeError(`The as-of date ${String(asOf)} is not in ${month}`);
  }
  return date.getUTCDate();
}
