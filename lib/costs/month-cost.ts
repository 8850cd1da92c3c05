import { Decimal, toDecimal } from "@/lib/money/decimal";
import { monthStart } from "@/lib/pricing/effective";
import type { ModelPrices } from "@/lib/pricing/types";
import { inferenceCost } from "./inference";
import { volumeToDecimal, type TokenVolume } from "./token-count";

const MILLION = 1_000_000;
/**
 * The documented rounding step of fixed costs: prorating a monthly fee by days (2 of 31) has no finite decimal, so
 * it is rounded half-up to 10 places, the scale of UsageRecord.costUsd, once, before it is added to the token cost.
 */
export const FIXED_COST_SCALE = 10;
const DAY_MS = 86_400_000;

/** How the hosting hours of a month are found when the usage record gives none. */
export type HostingSchedule = "none" | "always_on" | "business_hours";
/** Hours a business-hours deployment runs on a weekday (UTC), Monday to Friday. */
export const BUSINESS_HOURS_PER_WEEKDAY = 8;

/** One model's usage in one month, as recorded. Batch tokens are counted apart from (not inside) input and output. */
export interface MonthUsage {
  inputTokens: TokenVolume;
  cachedInputTokens?: TokenVolume;
  outputTokens: TokenVolume;
  batchInputTokens?: TokenVolume;
  batchOutputTokens?: TokenVolume;
  /** Hours a deployment ran, as entered; null or absent: follow the model's schedule. */
  hostingHours?: Decimal | string | null;
}

/** When the model existed within the month, and how its deployment runs. */
export interface MonthSpan {
  /** "YYYY-MM" */
  month: string;
  /** "YYYY-MM-DD": a month in progress runs to this day; null for a complete month. */
  asOf?: string | null;
  /** The day the model was trained: a model does not exist (nor cost storage or hosting) before it. */
  trainedAt?: Date | null;
  hostingSchedule?: HostingSchedule;
}

/** The exact parts of one model's month; totalUsd = tokens + batch + hosting + storage. */
export interface MonthCost {
  uncachedInputUsd: Decimal;
  cachedInputUsd: Decimal;
  outputUsd: Decimal;
  batchUsd: Decimal;
  /** Hosting hours billed, and their cost. */
  hostingHours: Decimal;
  hostingUsd: Decimal;
  /** Days of the month the model existed (storage is prorated by them). */
  daysExisted: number;
  storageUsd: Decimal;
  /** hostingUsd + storageUsd, rounded at FIXED_COST_SCALE. */
  fixedUsd: Decimal;
  /** Token usage priced (normal and batch). */
  usageUsd: Decimal;
  totalUsd: Decimal;
}

/**
 * A month of a fine-tuned model: its token usage priced at the fine-tuned prices (batch tokens at the batch price,
 * or at the normal price when the provider lists none), plus its fixed costs for the days it existed that month:
 * hosting hours × the hourly rate and the monthly storage fee × days existed ÷ days in the month.
 * A card with no per-token prices (hour-billed: self-hosted GPUs, RFT) prices tokens at nothing only when it has a
 * fixed cost that stands for them (hosting or storage); otherwise it throws, as before, so nothing pretends to be $0.
 */
export function monthCost(usage: MonthUsage, prices: ModelPrices, span: MonthSpan): MonthCost {
  const zero = toDecimal(0);
  const { first, last, daysInMonth } = monthDays(span);
  const daysExisted = last >= first ? Math.round((last - first) / DAY_MS) + 1 : 0;
  const batchIn = volumeToDecimal(usage.batchInputTokens ?? 0, "batchInputTokens");
  const batchOut = volumeToDecimal(usage.batchOutputTokens ?? 0, "batchOutputTokens");

  const hostingRate = prices.hostingPerHourUsd ?? null;
  const storageRate = prices.storagePerMonthUsd ?? null;
  let tokens = { uncachedInputUsd: zero, cachedInputUsd: zero, outputUsd: zero };
  let batchUsd = zero;
  if (prices.billingUnit === "token") {
    tokens = inferenceCost(usage, prices, { fineTuned: true });
    const batchInPrice = prices.batchInputPerMTok ?? prices.inputPerMTok;
    const batchOutPrice = prices.batchOutputPerMTok ?? prices.outputPerMTok;
    batchUsd = batchIn.times(batchInPrice).plus(batchOut.times(batchOutPrice)).div(MILLION);
  } else if (hostingRate === null && storageRate === null) {
    throw new RangeError(`${prices.modelId} has no per-token prices and no hosting or storage rate: its month needs the invoiced cost`);
  } else {
    // Validate the counts even though they are not priced: a bad figure is still refused.
    inferenceCost(usage, { ...ZERO_CARD, modelId: prices.modelId }, { fineTuned: true });
  }

  const hostingHours =
    usage.hostingHours !== undefined && usage.hostingHours !== null
      ? nonNegative(toDecimal(usage.hostingHours), "hostingHours")
      : scheduledHours(span.hostingSchedule ?? "none", first, last);
  const hostingUsd = hostingRate === null ? zero : hostingHours.times(hostingRate);
  const storageUsd = storageRate === null ? zero : storageRate.times(daysExisted).div(daysInMonth);
  const fixedUsd = hostingUsd.plus(storageUsd).toDecimalPlaces(FIXED_COST_SCALE, Decimal.ROUND_HALF_UP);
  const usageUsd = tokens.uncachedInputUsd.plus(tokens.cachedInputUsd).plus(tokens.outputUsd).plus(batchUsd);
  return {
    ...tokens,
    batchUsd,
    hostingHours,
    hostingUsd,
    daysExisted,
    storageUsd,
    fixedUsd,
    usageUsd,
    totalUsd: usageUsd.plus(fixedUsd),
  };
}

const ZERO_CARD = {
  billingUnit: "token",
  trainingPerHourUsd: null,
  trainingPerMTok: toDecimal(0),
  inputPerMTok: toDecimal(0),
  cachedInputPerMTok: toDecimal(0),
  outputPerMTok: toDecimal(0),
  baseInputPerMTok: toDecimal(0),
  baseCachedInputPerMTok: toDecimal(0),
  baseOutputPerMTok: toDecimal(0),
} as const;

/** The first and last UTC day (ms) the model existed in the month, and the month's length in days. */
function monthDays(span: MonthSpan): { first: number; last: number; daysInMonth: number } {
  const monthBegins = monthStart(span.month); // throws a RangeError naming a malformed month
  const start = monthBegins.getTime();
  const daysInMonth = new Date(Date.UTC(monthBegins.getUTCFullYear(), monthBegins.getUTCMonth() + 1, 0)).getUTCDate();
  let last = start + (daysInMonth - 1) * DAY_MS;
  if (span.asOf) {
    const asOf = Date.parse(`${span.asOf}T00:00:00Z`);
    if (!Number.isFinite(asOf) || asOf < start || asOf > last) throw new RangeError(`asOf ${span.asOf} is not a day of ${span.month}`);
    last = asOf;
  }
  let first = start;
  if (span.trainedAt) {
    const trained = Date.UTC(span.trainedAt.getUTCFullYear(), span.trainedAt.getUTCMonth(), span.trainedAt.getUTCDate());
    if (trained > first) first = trained;
  }
  return { first, last, daysInMonth };
}

/** Hours a schedule runs between two UTC days inclusive: always on 24 a day; business hours 8 a weekday. */
function scheduledHours(schedule: HostingSchedule, first: number, last: number): Decimal {
  if (schedule === "none" || last < first) return toDecimal(0);
  let hours = 0;
  for (let t = first; t <= last; t += DAY_MS) {
    if (schedule === "always_on") hours += 24;
    else {
      const weekday = new Date(t).getUTCDay();
      if (weekday !== 0 && weekday !== 6) hours += BUSINESS_HOURS_PER_WEEKDAY;
    }
  }
  return toDecimal(hours);
}

function nonNegative(d: Decimal, field: string): Decimal {
  if (d.lt(0)) throw new RangeError(`${field} must not be negative, got ${d.toFixed()}`);
  return d;
}
