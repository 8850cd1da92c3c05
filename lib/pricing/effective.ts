import { NoPriceError } from "./errors";
import type { ModelPrices } from "./types";

/** The price set used when none is named. */
export const DEFAULT_PRICE_SET = "openai";

/** One effective-dated price row: global when `teamId` is null, else that team's override. */
export type PriceRow = ModelPrices & {
  teamId: string | null;
  /** Omitted means DEFAULT_PRICE_SET. */
  priceSet?: string;
  /** A UTC calendar date; the row applies from this day on. */
  effectiveFrom: Date;
};

/** What to price: a model snapshot id, for a team (or null for global prices only), on a day, in a price set. */
export interface PriceQuery {
  modelId: string;
  teamId: string | null;
  date: Date;
  priceSet?: string;
}

/**
 * The row in force for (team, model, day) in one price set.
 * Rule: if the team has an override with effectiveFrom <= day, the latest such override wins, even over a newer
 * global row (a negotiated price stays until the team replaces it); otherwise the latest global row with
 * effectiveFrom <= day. Price sets are self-contained: rows of other sets, overrides included, are ignored.
 * Throws NoPriceError when nothing is in force.
 */
export function getPricesInForceOrThrow(rows: readonly PriceRow[], query: PriceQuery): PriceRow {
  const priceSet = query.priceSet ?? DEFAULT_PRICE_SET;
  const day = utcDay(query.date);
  const candidates = rows.filter(
    (r) => r.modelId === query.modelId && (r.priceSet ?? DEFAULT_PRICE_SET) === priceSet && utcDay(r.effectiveFrom) <= day,
  );
  const latest = (teamId: string | null) => latestRow(candidates.filter((r) => r.teamId === teamId));
  const row = (query.teamId === null ? undefined : latest(query.teamId)) ?? latest(null);
  if (!row) throw new NoPriceError(query.modelId, new Date(day).toISOString().slice(0, 10), priceSet);
  return row;
}

/** The first day (UTC) of a "YYYY-MM" month. */
export function monthStart(yyyyMm: string): Date {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(yyyyMm);
  if (!match) throw new RangeError(`Expected a month as YYYY-MM, got "${yyyyMm}"`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/**
 * The row pricing a whole month of usage: the one in force on the month's first day.
 * Usage is stored per month, so a mid-month price change takes effect from the following month.
 */
export function getPricesForMonthOrThrow(
  rows: readonly PriceRow[],
  query: Omit<PriceQuery, "date"> & { month: string },
): PriceRow {
  return getPricesInForceOrThrow(rows, { ...query, date: monthStart(query.month) });
}

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function latestRow(rows: readonly PriceRow[]): PriceRow | undefined {
  const sorted = [...rows].sort((a, b) => utcDay(b.effectiveFrom) - utcDay(a.effectiveFrom));
  const [first, second] = sorted;
  // Picking one of two rows for the same day would be an arbitrary price; the DB's unique key should prevent it.
  if (first && second && utcDay(first.effectiveFrom) === utcDay(second.effectiveFrom)) {
    throw new Error(`Two price rows for ${first.modelId} start on the same day; (model, team, set, day) must be unique`);
  }
  return first;
}
