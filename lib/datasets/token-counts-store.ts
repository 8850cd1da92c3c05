import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { isTokenizerId, TOKENIZER_LABELS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import { datasetTokenCounts, type SaveTokenCountsInput, type TokenFigures, WRONG_FILE_MESSAGE } from "./token-counts";

const DATASET_FOR_COUNTING = {
  id: true,
  fileSha256: true,
  fileBytes: true,
  format: true,
  encoding: true,
  contextLimit: true,
  validExamples: true,
  totalTokens: true,
  billedTokensPerEpoch: true,
  assistantTokens: true,
  tokenCounts: true,
} as const;

/** A dataset of the caller's team with what counting its file again needs; another team's id is not found. */
export async function getDatasetForCountingOrThrow(ctx: TeamContext, id: string) {
  const dataset = await db.dataset.findFirst({ where: { id, ...teamScope(ctx) }, select: DATASET_FOR_COUNTING });
  if (!dataset) throw notFound("Dataset");
  return dataset;
}

/** A dataset's counts by tokenizer, own encoding included, as plain JSON-able data. */
export type TokenCountsRecord = Partial<Record<TokenizerId, TokenFigures>>;

/** The result of storing counts: whether the row changed, and every count the dataset now has. */
export interface StoredTokenCounts {
  datasetId: string;
  encoding: string;
  changed: boolean;
  tokenCounts: TokenCountsRecord;
}

/**
 * Merges counts made with other tokenizers into `Dataset.tokenCounts`, figures only. Checks first that they are of the
 * dataset's file (SHA-256) and of the same valid examples, and are not the dataset's own encoding (its columns).
 *
 * One UPDATE merges at the top level (`||`), so two requests storing different tokenizers at once both keep theirs,
 * and it matches nothing when the stored value already contains the figures (`@>`): the same figures again are a
 * no-op, `changed: false`. A tokenizer counted again with different figures (a newer analyzer) is replaced.
 */
export async function storeTokenCounts(ctx: TeamContext, input: SaveTokenCountsInput): Promise<StoredTokenCounts> {
  const dataset = await getDatasetForCountingOrThrow(ctx, input.datasetId);
  if (input.fileSha256 !== dataset.fileSha256) {
    throw new AppError("validation_failed", WRONG_FILE_MESSAGE, { fileSha256: [WRONG_FILE_MESSAGE] });
  }
  if (input.validExamples !== dataset.validExamples) {
    throw new AppError(
      "conflict",
      `The counts cover ${input.validExamples} valid examples but the dataset has ${dataset.validExamples}: the file no longer validates as when it was saved. Analyse and save it again.`,
    );
  }
  const fields: Record<string, string[]> = {};
  for (const [id, figures] of Object.entries(input.counts) as [TokenizerId, TokenFigures][]) {
    if (id === dataset.encoding) fields[`counts.${id}`] = [`${TOKENIZER_LABELS[id]} is the dataset's own encoding: its counts are in the dataset already.`];
    // Each billed example is cut at the dataset's context limit.
    else if (figures.billedPerEpoch > dataset.validExamples * dataset.contextLimit) fields[`counts.${id}.billedPerEpoch`] = ["More than every example at the context limit"];
  }
  if (Object.keys(fields).length > 0) throw new AppError("validation_failed", "Check the counts.", fields);

  const patch = JSON.stringify(input.counts);
  const { teamId } = teamScope(ctx);
  const changed = await db.$executeRaw`
    UPDATE "Dataset" SET "tokenCounts" = COALESCE("tokenCounts", '{}'::jsonb) || ${patch}::jsonb
    WHERE "id" = ${dataset.id}::uuid AND "teamId" = ${teamId}::uuid
      AND ("tokenCounts" IS NULL OR NOT ("tokenCounts" @> ${patch}::jsonb))`;
  const after = await getDatasetForCountingOrThrow(ctx, dataset.id);
  return { datasetId: dataset.id, encoding: dataset.encoding, changed: changed > 0, tokenCounts: toRecord(after) };
}

/** Every count of a dataset row (own encoding first) as a plain record. */
export function toRecord(dataset: Parameters<typeof datasetTokenCounts>[0]): TokenCountsRecord {
  const record: TokenCountsRecord = {};
  for (const [id, figures] of datasetTokenCounts(dataset)) if (isTokenizerId(id)) record[id] = figures;
  return record;
}
