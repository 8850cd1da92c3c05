import { type Decimal, toDecimal } from "@/lib/money/decimal";

/** An exact count (tokens, epochs, requests): a bigint or a safe-integer number. */
export type TokenCount = number | bigint;

/** A token volume: an exact count, or a Decimal for projected volumes, which growth makes fractional. */
export type TokenVolume = TokenCount | Decimal;

/** Throws a RangeError naming `field` unless `value` is a whole number of at least `min` (safe, if a number). */
export function assertCount(value: TokenCount, field: string, min = 0): void {
  const ok = typeof value === "bigint" ? value >= BigInt(min) : Number.isSafeInteger(value) && value >= min;
  if (!ok) throw new RangeError(`${field} must be a whole number of at least ${min}, got ${String(value)}`);
}

/** Converts a count to Decimal after `assertCount`. */
export function countToDecimal(value: TokenCount, field: string, min = 0): Decimal {
  assertCount(value, field, min);
  return toDecimal(value);
}

/** Converts a volume to Decimal: counts as in `countToDecimal`, Decimals must be finite and non-negative. */
export function volumeToDecimal(value: TokenVolume, field: string): Decimal {
  if (typeof value === "number" || typeof value === "bigint") return countToDecimal(value, field);
  const d = toDecimal(value);
  if (d.lt(0)) throw new RangeError(`${field} must not be negative, got ${d.toFixed()}`);
  return d;
}
