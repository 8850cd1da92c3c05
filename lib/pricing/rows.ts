import { toDecimal, type Decimal } from "@/lib/money/decimal";
import type { PriceRow } from "./effective";
import { isTokenizerId } from "@/lib/tokens/tokenizer-ids";
import { isProviderId } from "./providers";
import { type CatalogModel, type Encoding, NO_TOKEN_PRICES } from "./types";

/** A PriceEntry as read from the database (Prisma Decimals or null). */
export interface PriceEntryRecord {
  modelId: string;
  teamId: string | null;
  priceSet: string;
  effectiveFrom: Date;
  trainingPerMTokUsd: { toString(): string } | null;
  inputPerMTokUsd: { toString(): string } | null;
  cachedInputPerMTokUsd: { toString(): string } | null;
  outputPerMTokUsd: { toString(): string } | null;
  baseInputPerMTokUsd: { toString(): string } | null;
  baseCachedInputPerMTokUsd: { toString(): string } | null;
  baseOutputPerMTokUsd: { toString(): string } | null;
  trainingPerHourUsd: { toString(): string } | null;
  trainingFullPerMTokUsd: { toString(): string } | null;
  trainingDpoPerMTokUsd: { toString(): string } | null;
  trainingDpoFullPerMTokUsd: { toString(): string } | null;
  validationBilled: boolean;
  minTrainingChargeUsd: { toString(): string } | null;
  batchInputPerMTokUsd: { toString(): string } | null;
  batchOutputPerMTokUsd: { toString(): string } | null;
  hostingPerHourUsd: { toString(): string } | null;
  storagePerMonthUsd: { toString(): string } | null;
}

/** The columns a PriceEntryRecord needs: a select that omits one would price without it. */
export const PRICE_ROW_SELECT = {
  modelId: true,
  teamId: true,
  priceSet: true,
  effectiveFrom: true,
  trainingPerMTokUsd: true,
  inputPerMTokUsd: true,
  cachedInputPerMTokUsd: true,
  outputPerMTokUsd: true,
  baseInputPerMTokUsd: true,
  baseCachedInputPerMTokUsd: true,
  baseOutputPerMTokUsd: true,
  trainingPerHourUsd: true,
  trainingFullPerMTokUsd: true,
  trainingDpoPerMTokUsd: true,
  trainingDpoFullPerMTokUsd: true,
  validationBilled: true,
  minTrainingChargeUsd: true,
  batchInputPerMTokUsd: true,
  batchOutputPerMTokUsd: true,
  hostingPerHourUsd: true,
  storagePerMonthUsd: true,
} as const;

/** The extra components of a row (fixed costs, batch, DPO/full, minimum), as Decimals. */
function extras(row: PriceEntryRecord) {
  return {
    trainingFullPerMTok: dec(row.trainingFullPerMTokUsd),
    trainingDpoPerMTok: dec(row.trainingDpoPerMTokUsd),
    trainingDpoFullPerMTok: dec(row.trainingDpoFullPerMTokUsd),
    validationBilled: row.validationBilled,
    minTrainingChargeUsd: dec(row.minTrainingChargeUsd),
    batchInputPerMTok: dec(row.batchInputPerMTokUsd),
    batchOutputPerMTok: dec(row.batchOutputPerMTokUsd),
    hostingPerHourUsd: dec(row.hostingPerHourUsd),
    storagePerMonthUsd: dec(row.storagePerMonthUsd),
  };
}

const dec = (v: { toString(): string } | null): Decimal | null => (v === null ? null : toDecimal(v.toString()));

function required(v: { toString(): string } | null, field: string, row: PriceEntryRecord): Decimal {
  if (v === null) throw new Error(`Price row for ${row.modelId} from ${row.effectiveFrom.toISOString().slice(0, 10)} lacks ${field}`);
  return toDecimal(v.toString());
}

/** Maps a database row to the pure library's PriceRow (our Decimal, billing unit from the catalog model). */
export function toPriceRow(row: PriceEntryRecord, billingUnit: CatalogModel["billingUnit"]): PriceRow {
  const base = { modelId: row.modelId, teamId: row.teamId, priceSet: row.priceSet, effectiveFrom: row.effectiveFrom, ...extras(row) };
  if (billingUnit === "training_hour") {
    return {
      ...base,
      billingUnit,
      trainingPerHourUsd: required(row.trainingPerHourUsd, "trainingPerHourUsd", row),
      ...NO_TOKEN_PRICES,
    };
  }
  return {
    ...base,
    billingUnit,
    trainingPerHourUsd: null,
    trainingPerMTok: required(row.trainingPerMTokUsd, "trainingPerMTokUsd", row),
    inputPerMTok: required(row.inputPerMTokUsd, "inputPerMTokUsd", row),
    cachedInputPerMTok: dec(row.cachedInputPerMTokUsd),
    outputPerMTok: required(row.outputPerMTokUsd, "outputPerMTokUsd", row),
    baseInputPerMTok: required(row.baseInputPerMTokUsd, "baseInputPerMTokUsd", row),
    baseCachedInputPerMTok: dec(row.baseCachedInputPerMTokUsd),
    baseOutputPerMTok: required(row.baseOutputPerMTokUsd, "baseOutputPerMTokUsd", row),
  };
}

/** A CatalogModel as read from the database. */
export interface CatalogModelRecord {
  id: string;
  provider: string;
  displayName: string | null;
  aliases: string[];
  encoding: string;
  tokenizerExact: boolean;
  trainingContextLimit: number | null;
  billingUnit: "TOKEN" | "TRAINING_HOUR";
  maxEpochs: number | null;
  minExamples: number | null;
  teamId: string | null;
  announcedOn: Date | null;
  trainingEndsOn: Date | null;
  shutdownOn: Date | null;
  replacement: string | null;
  lifecycleSourceUrl: string | null;
}

/** The columns toCatalogModel reads. */
export const CATALOG_MODEL_SELECT = {
  id: true,
  provider: true,
  displayName: true,
  aliases: true,
  encoding: true,
  tokenizerExact: true,
  trainingContextLimit: true,
  billingUnit: true,
  maxEpochs: true,
  minExamples: true,
  teamId: true,
  announcedOn: true,
  trainingEndsOn: true,
  shutdownOn: true,
  replacement: true,
  lifecycleSourceUrl: true,
} as const;

const isoDay = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));

/** Maps a database catalog model to the pure library's type. */
export function toCatalogModel(m: CatalogModelRecord): CatalogModel {
  const lifecycle =
    m.announcedOn || m.trainingEndsOn || m.shutdownOn || m.replacement
      ? { announcedOn: isoDay(m.announcedOn), trainingEndsOn: isoDay(m.trainingEndsOn), shutdownOn: isoDay(m.shutdownOn), replacement: m.replacement, sourceUrl: m.lifecycleSourceUrl }
      : null;
  return {
    provider: isProviderId(m.provider) ? m.provider : "self-hosted",
    id: m.id,
    displayName: m.displayName ?? m.id,
    aliases: m.aliases,
    encoding: (isTokenizerId(m.encoding) ? m.encoding : "o200k_base") as Encoding,
    tokenizerExact: isTokenizerId(m.encoding) ? m.tokenizerExact : false,
    trainingContextLimit: m.trainingContextLimit,
    billingUnit: m.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token",
    maxEpochs: m.maxEpochs,
    minExamples: m.minExamples,
    teamId: m.teamId,
    lifecycle,
  };
}
