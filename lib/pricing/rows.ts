import { toDecimal, type Decimal } from "@/lib/money/decimal";
import type { PriceRow } from "./effective";
import type { CatalogModel, Encoding } from "./types";

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
}

const dec = (v: { toString(): string } | null): Decimal | null => (v === null ? null : toDecimal(v.toString()));

function required(v: { toString(): string } | null, field: string, row: PriceEntryRecord): Decimal {
  if (v === null) throw new Error(`Price row for ${row.modelId} from ${row.effectiveFrom.toISOString().slice(0, 10)} lacks ${field}`);
  return toDecimal(v.toString());
}

/** Maps a database row to the pure library's PriceRow (our Decimal, billing unit from the catalog model). */
export function toPriceRow(row: PriceEntryRecord, billingUnit: CatalogModel["billingUnit"]): PriceRow {
  const base = { modelId: row.modelId, teamId: row.teamId, priceSet: row.priceSet, effectiveFrom: row.effectiveFrom };
  if (billingUnit === "training_hour") {
    return {
      ...base,
      billingUnit,
      trainingPerHourUsd: required(row.trainingPerHourUsd, "trainingPerHourUsd", row),
      trainingPerMTok: null,
      inputPerMTok: null,
      cachedInputPerMTok: null,
      outputPerMTok: null,
      baseInputPerMTok: null,
      baseCachedInputPerMTok: null,
      baseOutputPerMTok: null,
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
  aliases: string[];
  encoding: string;
  trainingContextLimit: number | null;
  billingUnit: "TOKEN" | "TRAINING_HOUR";
}

/** Maps a database catalog model to the pure library's type. */
export function toCatalogModel(m: CatalogModelRecord): CatalogModel {
  return {
    provider: "openai",
    id: m.id,
    aliases: m.aliases,
    encoding: m.encoding as Encoding,
    trainingContextLimit: m.trainingContextLimit,
    billingUnit: m.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token",
  };
}
