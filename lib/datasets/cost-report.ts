import { billedTokensPerEpoch, trainingJobCost } from "@/lib/costs";
import { toDecimalString } from "@/lib/money/decimal";
import type { CatalogModel, ModelPrices } from "@/lib/pricing/types";
import type { AnalyzerOptions, PartialResult } from "@/lib/tokens";
// By path, not the index: this module is also in the browser bundle, which needs nothing else of lib/tokens from here.
import { type AnalysisReport, buildReport } from "@/lib/tokens/report";

/** A base model with the prices in force for the caller (null: no price in the price set). */
export interface PricedModel {
  model: CatalogModel;
  prices: ModelPrices | null;
}

/** What training on one base model would cost for an analysed file. */
export interface TrainingCostRow {
  modelId: string;
  contextLimit: number | null;
  billedPerEpoch: number;
  epochs: number;
  trainedTokens: number;
  /** Exact decimal string; null when the model is not priced per token or has no price in the set. */
  trainingCostUsd: string | null;
  /** Why there is no cost, in words. */
  note: string | null;
}

/**
 * Training cost of the analysed file on each base model that counts with the same encoding (a different
 * encoding would need a recount). Each model truncates examples at its own context limit, so billed tokens
 * are recomputed per model from the per-example counts. Epochs: the given ones, else the report's default.
 */
export function compareTrainingCosts(report: AnalysisReport, exampleTokens: Uint32Array, models: readonly PricedModel[]): TrainingCostRow[] {
  return models
    .filter((m) => m.model.encoding === report.encoding)
    .map(({ model, prices }): TrainingCostRow => {
      const limit = model.trainingContextLimit ?? report.tokens.limit;
      const billed = Number(billedTokensPerEpoch(exampleTokens, limit));
      const trainedTokens = billed * report.epochs;
      const base = { modelId: model.id, contextLimit: model.trainingContextLimit, billedPerEpoch: billed, epochs: report.epochs, trainedTokens };
      if (model.billingUnit === "training_hour" || report.format === "reinforcement") {
        return { ...base, trainingCostUsd: null, note: "Billed per training hour, not per token" };
      }
      if (!prices || prices.billingUnit !== "token") return { ...base, trainingCostUsd: null, note: "No price in this price set" };
      // A preference file trains with DPO, at the provider's DPO rate where it has one; a minimum per job applies.
      const job = trainingJobCost({ tokens: billed, epochs: report.epochs, method: report.format === "preference" ? "dpo" : "sft" }, prices);
      const note = job.minimumTopUpUsd.isZero() ? null : `Includes the provider's minimum charge per job`;
      return { ...base, trainingCostUsd: toDecimalString(job.totalUsd), note };
    });
}

/**
 * The report shape of the CLI's --json and the API (issue #4), with the training cost on the chosen base model.
 * `tokens.limit` is the model's catalog limit: null when unknown (then nothing was truncated).
 */
export function toPublicReport(report: AnalysisReport, model: CatalogModel, trainingCostUsd: string | null, comparison: TrainingCostRow[]) {
  return {
    format: report.format,
    examples: report.examples,
    validExamples: report.validExamples,
    errorCount: report.errorCount,
    errors: report.errors,
    warningCount: report.warningCount,
    warnings: report.warnings,
    baseModel: model.id,
    encoding: report.encoding,
    tokenizer: report.tokenizer,
    tokenizerLabel: report.tokenizerLabel,
    countsEstimated: report.countsEstimated,
    notes: report.notes,
    fileWarnings: report.fileWarnings,
    tokens: { ...report.tokens, limit: model.trainingContextLimit },
    epochs: report.epochs,
    epochsSource: report.epochsSource,
    trainedTokens: report.trainedTokens,
    trainingCostUsd,
    comparison,
    histogram: report.histogram,
  };
}

export type PublicReport = ReturnType<typeof toPublicReport>;

// A model whose training context limit the catalog does not state is analysed without truncation (billed on every
// token, the upper bound) and reported with `tokens.limit: null`.
const NO_KNOWN_LIMIT = Number.MAX_SAFE_INTEGER;

/** Analyzer options for a base model: its encoding and training context limit from the catalog, and the epochs given. */
export function analyzerOptionsFor(model: CatalogModel, epochs?: number): AnalyzerOptions {
  return {
    encoding: model.encoding,
    contextLimit: model.trainingContextLimit ?? NO_KNOWN_LIMIT,
    ...(epochs === undefined ? {} : { epochs }),
    ...(model.tokenizerExact === false ? { tokenizerExact: false } : {}),
    ...(model.minExamples ? { minExamples: model.minExamples } : {}),
    ...(model.maxEpochs ? { maxEpochs: model.maxEpochs } : {}),
  };
}

/** The public report (CLI --json and API) of an analysed file, priced on `model` and compared across `models`. */
export function buildPublicReport(partial: PartialResult, model: CatalogModel, options: AnalyzerOptions, models: readonly PricedModel[]): PublicReport {
  const report = buildReport(partial, options);
  const comparison = compareTrainingCosts(report, partial.exampleTokens, models);
  const own = comparison.find((row) => row.modelId === model.id);
  return toPublicReport(report, model, own?.trainingCostUsd ?? null, comparison);
}
