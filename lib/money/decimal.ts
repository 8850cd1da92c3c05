import DecimalJs from "decimal.js";
import { z } from "zod";

/**
 * The app's Decimal: 40 significant digits, ROUND_HALF_UP.
 * 40 digits keep every cost exact for realistic volumes (tokens × epochs × a price with a few decimals needs ~25);
 * only compounding growth can produce longer expansions, which are then carried to 40 digits, far below a token.
 * HALF_UP is the rounding people expect on a bill ($0.585 → $0.59) and is used for the one display step too.
 * The exponent bounds make toString/JSON plain ("0.00000015", never "1.5e-7"), like toDecimalString.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
/** An instance of any decimal.js constructor (ours, or e.g. Prisma's); re-home it with `toDecimal` before arithmetic. */
export type Decimal = DecimalJs;

/** Anything `toDecimal` accepts. */
export type DecimalInput = string | number | bigint | Decimal;

// Plain notation only: decimal.js would also take "1e3", "0x10", "NaN" and "Infinity", none of which is a price.
const SIGNED_PLAIN = /^-?\d+(\.\d+)?$/;
const UNSIGNED_PLAIN = /^\d+(\.\d+)?$/;

/** Converts to our Decimal; numbers must be safe integers so binary floats never become money. */
export function toDecimal(x: DecimalInput): Decimal {
  if (typeof x === "number") {
    if (!Number.isSafeInteger(x)) throw new TypeError(`Expected a safe integer or a decimal string, got the number ${x}`);
    return new Decimal(x);
  }
  if (typeof x === "bigint") return new Decimal(x.toString());
  if (typeof x === "string") {
    if (!SIGNED_PLAIN.test(x)) throw new TypeError(`Expected a plain decimal string such as "0.15", got "${x}"`);
    return new Decimal(x);
  }
  // Another decimal.js constructor would do arithmetic at its own precision, so copy the digits into ours.
  if (!Decimal.isDecimal(x) || !x.isFinite()) throw new TypeError(`Expected a finite Decimal, got ${String(x)}`);
  return new Decimal(x);
}

/** The one display rounding step: USD to 2 decimals, half-up, as a string ("0.585" → "0.59"). */
export function roundUsd(d: DecimalInput): string {
  // Rounding first keeps "-0.001" from printing as "-0.00".
  return toDecimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Formats USD for display after `roundUsd`: "$3,511.00", "-$3.50". */
export function formatUsd(d: DecimalInput): string {
  const rounded = roundUsd(d);
  const negative = rounded.startsWith("-");
  const [whole = "", cents = ""] = (negative ? rounded.slice(1) : rounded).split(".");
  return `${negative ? "-" : ""}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

/** The exact canonical plain string: no exponent, no superfluous zeros ("0.585", "48750", "7.12"). */
export function toDecimalString(d: DecimalInput): string {
  return toDecimal(d).toFixed();
}

// `abort` stops later refinements (which call toDecimal) from running on a string that failed the format check.
/** Zod schema for a plain non-negative decimal string such as "0.15" or "12". */
export const decimalString = z.string().regex(UNSIGNED_PLAIN, {
  error: "Must be a plain non-negative decimal such as 0.15 or 12 (no sign, no exponent)",
  abort: true,
});

/** Zod schema for a plain decimal string that may be negative, such as "-5" or "2.5". */
export const signedDecimalString = z.string().regex(SIGNED_PLAIN, {
  error: "Must be a plain decimal such as -5 or 2.5 (no exponent)",
  abort: true,
});

/** A unit price for display, never rounded: at least 2 decimals, more when the price has them ("$0.30", "$0.075", "$1.875"). */
export function formatPriceUsd(d: DecimalInput): string {
  const value = toDecimal(d);
  return `$${value.toFixed(Math.max(2, value.decimalPlaces()))}`;
}
