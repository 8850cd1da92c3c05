import type { SeedBaseModel, SeedPrice } from "./seed-types";

/*
 * Seed data for fine-tunable base models outside OpenAI, their global list-price rows, and the extra facts the
 * OpenAI rows in seed-catalog.ts lack (batch prices, lifecycle, limits).
 *
 * Research rules (see docs/prices.md for the full tables and the list of gaps):
 * - Every row cites the page its figures belong to and the day the stored copy was read (2026-12-07).
 * - `verified: true` only where the figures were read on the provider's own page (a stored copy of it). Where the
 *   provider's page was not readable (Azure, Google Cloud and AWS render their price tables client-side; Together's and
 *   Mistral's pricing pages were not in the stored copies) the best available figure is kept with `verified: false`
 *   and the note says where it came from.
 * - Money is the exact string as printed, per 1M tokens. Per-1K figures were multiplied by 1,000 by moving the decimal
 *   point (e.g. "0.001" per 1K -> "1.00" per 1M); no floating point was involved.
 * - `effectiveFrom` is "2026-01-01" for every non-OpenAI row: none of the pages states the day a price took effect.
 * - `priceSet` is always "openai", the id of the providers' list-price set in this codebase.
 */

const CHECKED_ON = "2026-12-07";
const NO_EFFECTIVE_DATE = "2026-01-01";

/** The columns most rows leave empty; each row spreads this and overrides what its provider bills. */
const NOTHING_BILLED = {
  priceSet: "openai",
  effectiveFrom: NO_EFFECTIVE_DATE,
  trainingPerMTok: null,
  trainingFullPerMTok: null,
  trainingDpoPerMTok: null,
  trainingDpoFullPerMTok: null,
  trainingPerHourUsd: null,
  validationBilled: false,
  minTrainingChargeUsd: null,
  inputPerMTok: null,
  cachedInputPerMTok: null,
  outputPerMTok: null,
  batchInputPerMTok: null,
  batchOutputPerMTok: null,
  baseInputPerMTok: null,
  baseCachedInputPerMTok: null,
  baseOutputPerMTok: null,
  hostingPerHourUsd: null,
  storagePerMonthUsd: null,
  checkedOn: CHECKED_ON,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Azure OpenAI. Read: Microsoft Learn "Cost management for fine-tuning" (deployment types: Standard and Global
// Standard pay the base model's token rate plus a $1.70/hour hosting fee; Developer tier has no hosting fee; global
// training is 10-30% below regional, developer 50% below global; the page says its numbers are examples) and the
// model-retirements page (fine-tuned models retire in two phases). The Azure pricing page renders prices client-side:
// no per-token training rate could be read, so the training figures are OpenAI's list rates as a stand-in.
// ---------------------------------------------------------------------------------------------------------------
const AZURE_RETIREMENTS = "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements#fine-tuned-models";
const AZURE_COSTS = "https://learn.microsoft.com/azure/foundry/openai/how-to/fine-tuning-cost-management";
const AZURE_DOCS = "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning";

const AZURE_MODELS: SeedBaseModel[] = [
  {
    id: "azure-openai:gpt-4.1-2025-04-14",
    provider: "azure-openai",
    displayName: "GPT-4.1 (2025-04-14) on Azure OpenAI",
    aliases: ["azure/gpt-4.1-2025-04-14"],
    tokenizer: "o200k_base",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: AZURE_DOCS,
    // Training retires at base-model retirement (2026-10-14 in the table); deployments one year later (derived date).
    lifecycle: { announcedOn: null, trainingEndsOn: "2026-10-14", shutdownOn: "2027-10-14", replacement: "gpt-5 (named for the base model)", sourceUrl: AZURE_RETIREMENTS },
  },
  {
    id: "azure-openai:gpt-4.1-mini-2025-04-14",
    provider: "azure-openai",
    displayName: "GPT-4.1 mini (2025-04-14) on Azure OpenAI",
    aliases: ["azure/gpt-4.1-mini-2025-04-14"],
    tokenizer: "o200k_base",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: AZURE_DOCS,
    lifecycle: { announcedOn: null, trainingEndsOn: "2026-10-14", shutdownOn: "2027-10-14", replacement: "gpt-5-mini (named for the base model)", sourceUrl: AZURE_RETIREMENTS },
  },
  {
    id: "azure-openai:gpt-4o-mini-2024-07-18",
    provider: "azure-openai",
    displayName: "GPT-4o mini (2024-07-18) on Azure OpenAI",
    aliases: ["azure/gpt-4o-mini-2024-07-18"],
    tokenizer: "o200k_base",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: AZURE_DOCS,
    // Training retirement is printed as "No earlier than 2026-09-31" (not a real date, existing customers only): left null.
    lifecycle: { announcedOn: null, trainingEndsOn: null, shutdownOn: "2027-03-31", replacement: "gpt-4.1-mini (named for the base model)", sourceUrl: AZURE_RETIREMENTS },
  },
];

const AZURE_NOTE =
  "Hosting $1.70/h (Standard or Global Standard deployment) and 'token rate same as base model' are from Microsoft Learn's cost-management page, which calls its numbers examples; " +
  "Developer tier deployments have no hosting fee (24 h lifetime). Training rate NOT confirmed on Azure's own pages (pricing page renders client-side): OpenAI's list training rate is used as a stand-in. " +
  "Global training is 10-30% below regional and Developer training 50% below global. DPO is billed per token but its rate was not found. Validation billing not stated.";

const AZURE_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "azure-openai:gpt-4.1-2025-04-14",
    trainingPerMTok: "25.00",
    inputPerMTok: "2.00",
    cachedInputPerMTok: "0.50",
    outputPerMTok: "8.00",
    baseInputPerMTok: "2.00",
    baseCachedInputPerMTok: "0.50",
    baseOutputPerMTok: "8.00",
    hostingPerHourUsd: "1.70",
    sourceUrl: AZURE_COSTS,
    verified: false,
    note: AZURE_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "azure-openai:gpt-4.1-mini-2025-04-14",
    trainingPerMTok: "5.00",
    inputPerMTok: "0.40",
    cachedInputPerMTok: "0.10",
    outputPerMTok: "1.60",
    baseInputPerMTok: "0.40",
    baseCachedInputPerMTok: "0.10",
    baseOutputPerMTok: "1.60",
    hostingPerHourUsd: "1.70",
    sourceUrl: AZURE_COSTS,
    verified: false,
    note: AZURE_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "azure-openai:gpt-4o-mini-2024-07-18",
    trainingPerMTok: "3.00",
    inputPerMTok: "0.15",
    cachedInputPerMTok: "0.075",
    outputPerMTok: "0.60",
    baseInputPerMTok: "0.15",
    baseCachedInputPerMTok: "0.075",
    baseOutputPerMTok: "0.60",
    hostingPerHourUsd: "1.70",
    sourceUrl: AZURE_COSTS,
    verified: false,
    note: AZURE_NOTE,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Google Vertex AI (now "Gemini Enterprise Agent Platform"). Read: the supervised-tuning page (131,072 tokens per
// training example for Gemini 2.5; tunable models now include Gemini 3.5 Flash / Flash-Lite) and the model-versions
// page (gemini-2.5-pro / -flash / -flash-lite retire 2026-10-20; a tuned model shares its base model's retirement
// date; new access, including tuning, is blocked one month before). The generative-AI pricing page was not in the
// stored copies: tuning rates below are unconfirmed best figures; no rate was found for Gemini 3.5.
// ---------------------------------------------------------------------------------------------------------------
const VERTEX_VERSIONS = "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/model-versions";
const VERTEX_TUNING_DOCS = "https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-supervised-tuning";
const VERTEX_PRICING = "https://cloud.google.com/vertex-ai/generative-ai/pricing";

const VERTEX_MODELS: SeedBaseModel[] = [
  {
    id: "vertex-ai:gemini-2.5-flash",
    provider: "vertex-ai",
    displayName: "Gemini 2.5 Flash (Vertex AI tuning)",
    aliases: ["gemini-2.5-flash"],
    tokenizer: "gemini",
    tokenizerExact: true,
    trainingContextLimit: 131_072,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: VERTEX_TUNING_DOCS,
    // Google's "retirement date" is the last day the model is available; tuning cannot outlive it.
    lifecycle: { announcedOn: null, trainingEndsOn: "2026-10-20", shutdownOn: "2026-10-20", replacement: "gemini-3.8-flash or gemini-3.5-flash-lite", sourceUrl: VERTEX_VERSIONS },
  },
  {
    id: "vertex-ai:gemini-2.5-flash-lite",
    provider: "vertex-ai",
    displayName: "Gemini 2.5 Flash-Lite (Vertex AI tuning)",
    aliases: ["gemini-2.5-flash-lite"],
    tokenizer: "gemini",
    tokenizerExact: true,
    trainingContextLimit: 131_072,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: VERTEX_TUNING_DOCS,
    lifecycle: { announcedOn: null, trainingEndsOn: "2026-10-20", shutdownOn: "2026-10-20", replacement: "gemini-3.8-flash, gemini-3.5-flash-lite or Gemma 4", sourceUrl: VERTEX_VERSIONS },
  },
  {
    id: "vertex-ai:gemini-2.5-pro",
    provider: "vertex-ai",
    displayName: "Gemini 2.5 Pro (Vertex AI tuning)",
    aliases: ["gemini-2.5-pro"],
    tokenizer: "gemini",
    tokenizerExact: true,
    trainingContextLimit: 131_072,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: VERTEX_TUNING_DOCS,
    lifecycle: { announcedOn: null, trainingEndsOn: "2026-10-20", shutdownOn: "2026-10-20", replacement: "gemini-3.8-flash or gemini-3.5-flash", sourceUrl: VERTEX_VERSIONS },
  },
  {
    // Currently tunable (released 2026-05-19, retirement "May 19, 2027 or later"); no price row: no tuning rate found.
    id: "vertex-ai:gemini-3.5-flash",
    provider: "vertex-ai",
    displayName: "Gemini 3.5 Flash (Vertex AI tuning)",
    aliases: ["gemini-3.5-flash"],
    tokenizer: "gemini",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/tuning/supervised-tuning",
    lifecycle: null,
  },
];

const VERTEX_NOTE =
  "Tuning rate per 1M training tokens (tokens x epochs) NOT confirmed: Google's pricing page was not in the stored copies; figure is the best available from earlier copies of that page. " +
  "Tuned-model inference is assumed billed at the base model's text rates (<=200K-token prompts; base rates also unconfirmed); no hosting fee for tuned models on the shared endpoint. " +
  "Cached and batch rates for tuned models not found. The base model retired 2026-10-20 (model-versions page).";

const VERTEX_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "vertex-ai:gemini-2.5-flash",
    trainingPerMTok: "5.00",
    inputPerMTok: "0.30",
    outputPerMTok: "2.50",
    baseInputPerMTok: "0.30",
    baseOutputPerMTok: "2.50",
    sourceUrl: VERTEX_PRICING,
    verified: false,
    note: VERTEX_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "vertex-ai:gemini-2.5-flash-lite",
    trainingPerMTok: "1.50",
    inputPerMTok: "0.10",
    outputPerMTok: "0.40",
    baseInputPerMTok: "0.10",
    baseOutputPerMTok: "0.40",
    sourceUrl: VERTEX_PRICING,
    verified: false,
    note: VERTEX_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "vertex-ai:gemini-2.5-pro",
    trainingPerMTok: "25.00",
    inputPerMTok: "1.25",
    outputPerMTok: "10.00",
    baseInputPerMTok: "1.25",
    baseOutputPerMTok: "10.00",
    sourceUrl: VERTEX_PRICING,
    verified: false,
    note: VERTEX_NOTE,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// AWS Bedrock. Read: AWS Nova docs (Micro/Lite/Pro fine-tunable; epochs 1-5, default 2; on-demand inference for
// custom Nova models trained after 2025-07-16) and the AWS ML blog "Customize Amazon Nova models with Amazon Bedrock
// fine-tuning" (custom Nova models are invoked on demand "at the standard rate for the model"). The Bedrock pricing
// page renders its numbers client-side: training, storage and base token prices come from third-party copies of
// that page (per 1K, converted to per 1M) and are marked unverified.
// ---------------------------------------------------------------------------------------------------------------
const BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/";
const BEDROCK_NOVA_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html";
// Lifecycle (searched 2026-12-07): Bedrock's "Model lifecycle" page lists Nova Micro, Lite and Pro (v1:0) as Active,
// launched 12/4/2024, with an EOL date of "No sooner than 12/4/2025": a floor, not a shutdown date, so no date is
// seeded. Bedrock gives at least 6 months in Legacy before EOL (and from 2026 a public extended-access part of it).
// Llama 3.1 8B Instruct's own dates were not in the stored copies (the 70B model card says Active, EOL "not sooner
// than 7/23/2025", again a floor): null. The page is kept as the source to check.
const BEDROCK_LIFECYCLE_PAGE = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html";
const BEDROCK_LIFECYCLE = { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: BEDROCK_LIFECYCLE_PAGE };

const BEDROCK_MODELS: SeedBaseModel[] = [
  {
    id: "bedrock:amazon.nova-micro-v1:0:128k",
    provider: "bedrock",
    displayName: "Amazon Nova Micro (Bedrock fine-tuning)",
    aliases: ["amazon.nova-micro-v1:0"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: 5,
    minExamples: null,
    docsUrl: BEDROCK_NOVA_HP,
    lifecycle: BEDROCK_LIFECYCLE,
  },
  {
    id: "bedrock:amazon.nova-lite-v1:0:300k",
    provider: "bedrock",
    displayName: "Amazon Nova Lite (Bedrock fine-tuning)",
    aliases: ["amazon.nova-lite-v1:0"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: 5,
    minExamples: null,
    docsUrl: BEDROCK_NOVA_HP,
    lifecycle: BEDROCK_LIFECYCLE,
  },
  {
    id: "bedrock:amazon.nova-pro-v1:0:300k",
    provider: "bedrock",
    displayName: "Amazon Nova Pro (Bedrock fine-tuning)",
    aliases: ["amazon.nova-pro-v1:0"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: 5,
    minExamples: null,
    docsUrl: BEDROCK_NOVA_HP,
    lifecycle: BEDROCK_LIFECYCLE,
  },
  {
    // Listed as fine-tunable (us-west-2) in the Bedrock user guide; no price row: no rate for it was found anywhere.
    id: "bedrock:meta.llama3-1-8b-instruct-v1:0:128k",
    provider: "bedrock",
    displayName: "Meta Llama 3.1 8B Instruct (Bedrock fine-tuning)",
    aliases: ["meta.llama3-1-8b-instruct-v1:0"],
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-fine-tuning.html",
    lifecycle: BEDROCK_LIFECYCLE,
  },
];

const BEDROCK_NOTE =
  "Converted from per-1K prices. Training (tokens x epochs) and storage ($1.95 per custom model per month) NOT confirmed on AWS's page (rendered client-side; figures from third-party copies of it). " +
  "Fine-tuned inference = base model's on-demand rate: confirmed by the AWS ML blog 'Customize Amazon Nova models with Amazon Bedrock fine-tuning' (on-demand only for models trained after 2025-07-16; otherwise Provisioned Throughput per model unit per hour, rate not found). " +
  "Base rates (incl. cache read) from a 2025-07-20 copy of the pricing page. Batch for custom models not stated.";

const BEDROCK_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "bedrock:amazon.nova-micro-v1:0:128k",
    trainingPerMTok: "1.00", // "0.001" per 1K
    inputPerMTok: "0.035", // "0.000035" per 1K
    outputPerMTok: "0.14", // "0.00014" per 1K
    baseInputPerMTok: "0.035",
    baseCachedInputPerMTok: "0.00875", // "0.00000875" per 1K
    baseOutputPerMTok: "0.14",
    storagePerMonthUsd: "1.95",
    sourceUrl: BEDROCK_PRICING,
    verified: false,
    note: BEDROCK_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "bedrock:amazon.nova-lite-v1:0:300k",
    trainingPerMTok: "2.00", // "0.002" per 1K
    inputPerMTok: "0.06", // "0.00006" per 1K
    outputPerMTok: "0.24", // "0.00024" per 1K
    baseInputPerMTok: "0.06",
    baseCachedInputPerMTok: "0.015", // "0.000015" per 1K
    baseOutputPerMTok: "0.24",
    storagePerMonthUsd: "1.95",
    sourceUrl: BEDROCK_PRICING,
    verified: false,
    note: BEDROCK_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "bedrock:amazon.nova-pro-v1:0:300k",
    trainingPerMTok: "8.00", // "0.008" per 1K
    inputPerMTok: "0.80", // "0.0008" per 1K
    outputPerMTok: "3.20", // "0.0032" per 1K
    baseInputPerMTok: "0.80",
    baseCachedInputPerMTok: "0.20", // "0.0002" per 1K
    baseOutputPerMTok: "3.20",
    storagePerMonthUsd: "1.95",
    sourceUrl: BEDROCK_PRICING,
    verified: false,
    note: BEDROCK_NOTE,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Together AI. Read: docs "Fine-tuning pricing" (billed tokens = epochs x training tokens + evaluations x validation
// tokens; rate by size bracket, SFT/DPO and LoRA/full; no minimum), docs "Dedicated endpoints" (billed per minute
// while running: 1x H100 80GB $3.99/h, 1x H200 $5.49/h, 1x B200 $9.95/h), docs "LoRA fine-tuning" (fine-tunes are
// served on a dedicated endpoint) and "Supported models" (-Reference bases can be fine-tuned but cannot be deployed
// as dedicated endpoints). The rate table on together.ai/pricing was not in the stored copies: per-bracket training
// rates are unconfirmed best figures (consistent with the ranges in a third-party summary of that page).
// ---------------------------------------------------------------------------------------------------------------
const TOGETHER_PRICING = "https://www.together.ai/pricing";
const TOGETHER_MODELS_DOCS = "https://docs.together.ai/docs/fine-tuning-models";
// Lifecycle (searched 2026-12-07): Together's "Deprecations" page states the policy (upgrades redirect after a 3-day
// notice; deprecations are scheduled there) but the stored copy showed no scheduled deprecation for the seeded
// fine-tuning bases: no date is seeded; the page is the source to check.
const TOGETHER_LIFECYCLE = { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: "https://docs.together.ai/docs/deprecations" };

const TOGETHER_MODELS: SeedBaseModel[] = [
  {
    id: "together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
    provider: "together",
    displayName: "Llama 3.1 8B Instruct Reference (Together)",
    aliases: ["meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"],
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: 131_072, // 32K-131K context is LoRA-only (supported-models page)
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: TOGETHER_MODELS_DOCS,
    lifecycle: TOGETHER_LIFECYCLE,
  },
  {
    id: "together:meta-llama/Llama-3.3-70B-Instruct-Reference",
    provider: "together",
    displayName: "Llama 3.3 70B Instruct Reference (Together)",
    aliases: ["meta-llama/Llama-3.3-70B-Instruct-Reference"],
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: TOGETHER_MODELS_DOCS,
    lifecycle: TOGETHER_LIFECYCLE,
  },
  {
    id: "together:Qwen/Qwen3-8B",
    provider: "together",
    displayName: "Qwen3 8B (Together)",
    aliases: ["Qwen/Qwen3-8B"],
    tokenizer: "qwen3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: TOGETHER_MODELS_DOCS,
    lifecycle: TOGETHER_LIFECYCLE,
  },
  {
    id: "together:Qwen/Qwen3-32B",
    provider: "together",
    displayName: "Qwen3 32B (Together)",
    aliases: ["Qwen/Qwen3-32B"],
    tokenizer: "qwen3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: TOGETHER_MODELS_DOCS,
    lifecycle: TOGETHER_LIFECYCLE,
  },
];

const TOGETHER_NOTE =
  "Training rates per 1M billed tokens (LoRA / full, SFT / DPO) NOT confirmed: together.ai/pricing was not in the stored copies. " +
  "Confirmed on docs.together.ai: validation tokens are billed (evaluations x validation tokens), no minimum charge, dedicated endpoints bill per minute while running " +
  "(1x H100 80GB $3.99/h, 1x H200 $5.49/h, 1x B200 $9.95/h). Fine-tuned models are served on a dedicated endpoint, so no per-token inference price applies.";

const TOGETHER_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
    trainingPerMTok: "0.48",
    trainingFullPerMTok: "0.54",
    trainingDpoPerMTok: "1.20",
    trainingDpoFullPerMTok: "1.35",
    validationBilled: true,
    sourceUrl: TOGETHER_PRICING,
    verified: false,
    note:
      TOGETHER_NOTE +
      " Up-to-16B bracket. -Reference bases cannot be deployed as dedicated endpoints (supported-models page); older docs served their LoRA adapters serverless at the base model's price: hosting left empty.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "together:meta-llama/Llama-3.3-70B-Instruct-Reference",
    trainingPerMTok: "2.90",
    trainingFullPerMTok: "3.20",
    trainingDpoPerMTok: "7.25",
    trainingDpoFullPerMTok: "8.00",
    validationBilled: true,
    sourceUrl: TOGETHER_PRICING,
    verified: false,
    note: TOGETHER_NOTE + " 70B-100B bracket. -Reference bases cannot be deployed as dedicated endpoints: hosting left empty.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "together:Qwen/Qwen3-8B",
    trainingPerMTok: "0.48",
    trainingFullPerMTok: "0.54",
    trainingDpoPerMTok: "1.20",
    trainingDpoFullPerMTok: "1.35",
    validationBilled: true,
    hostingPerHourUsd: "3.99",
    sourceUrl: TOGETHER_PRICING,
    verified: false,
    note: TOGETHER_NOTE + " Up-to-16B bracket. Hosting assumes one H100 80GB (confirmed rate); check `tg endpoints hardware --model` for the options.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "together:Qwen/Qwen3-32B",
    trainingPerMTok: "1.50",
    trainingFullPerMTok: "1.65",
    trainingDpoPerMTok: "3.75",
    trainingDpoFullPerMTok: "4.12",
    validationBilled: true,
    sourceUrl: TOGETHER_PRICING,
    verified: false,
    note: TOGETHER_NOTE + " 17B-69B bracket. Hosting left empty: the hardware a 32B fine-tune needs (and so its hourly rate) was not stated.",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Fireworks AI. Read: the stored copy of fireworks.ai/pricing (training per 1M tokens in the dataset x epochs: up to
// 16B $0.50, 16.1B-80B $3.00; serverless per-token rate by size: up to 16B $0.20, 16.1B-80B $0.90; "LoRA models
// deployed to our serverless inference service are charged at the same rate as the underlying base model";
// dedicated A100 80GB $3.89/h). That copy looks dated (it still lists Mixtral/DBRX tiers); newer docs
// (docs.fireworks.ai FAQ "Are there extra fees for serving fine-tuned models?") say LoRA fine-tunes need a dedicated
// deployment billed per GPU-second, and that SFT/DPO are billed per training token for all sizes.
// ---------------------------------------------------------------------------------------------------------------
// Lifecycle (searched 2026-12-07): no Fireworks page with deprecation or shutdown dates for these models was found in
// the stored copies, so `lifecycle` stays null (unknown, not "never").
const FIREWORKS_PRICING = "https://fireworks.ai/pricing";
const FIREWORKS_DOCS = "https://docs.fireworks.ai/fine-tuning/finetuning-intro";

const FIREWORKS_MODELS: SeedBaseModel[] = [
  {
    id: "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct",
    provider: "fireworks",
    displayName: "Llama 3.1 8B Instruct (Fireworks)",
    aliases: ["accounts/fireworks/models/llama-v3p1-8b-instruct"],
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: FIREWORKS_DOCS,
    lifecycle: null,
  },
  {
    id: "fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct",
    provider: "fireworks",
    displayName: "Llama 3.3 70B Instruct (Fireworks)",
    aliases: ["accounts/fireworks/models/llama-v3p3-70b-instruct"],
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: FIREWORKS_DOCS,
    lifecycle: null,
  },
  {
    id: "fireworks:accounts/fireworks/models/qwen3-8b",
    provider: "fireworks",
    displayName: "Qwen3 8B (Fireworks)",
    aliases: ["accounts/fireworks/models/qwen3-8b"],
    tokenizer: "qwen3",
    tokenizerExact: true,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: FIREWORKS_DOCS,
    lifecycle: null,
  },
];

const FIREWORKS_NOTE =
  "From the stored copy of fireworks.ai/pricing (looks dated). Serverless LoRA at the base model's rate, no hosting fee, per that page; " +
  "newer Fireworks docs say LoRA fine-tunes need a dedicated deployment billed per GPU-second (that page: A100 80GB $3.89/h) — enter a team hosting override if you deploy. DPO rate not on that page.";

const FIREWORKS_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct",
    trainingPerMTok: "0.50",
    inputPerMTok: "0.20",
    outputPerMTok: "0.20",
    baseInputPerMTok: "0.20",
    baseOutputPerMTok: "0.20",
    sourceUrl: FIREWORKS_PRICING,
    verified: true,
    note: FIREWORKS_NOTE + " Up-to-16B tier.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "fireworks:accounts/fireworks/models/llama-v3p3-70b-instruct",
    trainingPerMTok: "3.00",
    inputPerMTok: "0.90",
    outputPerMTok: "0.90",
    baseInputPerMTok: "0.90",
    baseOutputPerMTok: "0.90",
    sourceUrl: FIREWORKS_PRICING,
    verified: true,
    note: FIREWORKS_NOTE + " 16.1B-80B tier.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "fireworks:accounts/fireworks/models/qwen3-8b",
    trainingPerMTok: "0.50",
    inputPerMTok: "0.20",
    outputPerMTok: "0.20",
    baseInputPerMTok: "0.20",
    baseOutputPerMTok: "0.20",
    sourceUrl: FIREWORKS_PRICING,
    verified: true,
    note: FIREWORKS_NOTE + " Up-to-16B tier (the page prices by parameter count, not by model).",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Mistral. Read: docs.mistral.ai fine-tuning page ("Every fine-tuning job comes with a minimum fee of $4, and there's
// a monthly storage fee of $2 for each model") and the same page under resources/deprecated ("This feature is
// deprecated and is no longer actively supported"). mistral.ai/pricing was not in the stored copies: per-model
// training and fine-tuned inference rates are unconfirmed best figures (2024-25 fine-tuning table).
// ---------------------------------------------------------------------------------------------------------------
const MISTRAL_PRICING = "https://mistral.ai/pricing";
const MISTRAL_DEPRECATED = "https://docs.mistral.ai/resources/deprecated/finetuning";
// Dates stay null (searched 2026-12-07): the fine-tuning page under resources/deprecated says the feature is deprecated
// but gives no end date for new jobs, and the seeded ids are "-latest" / unversioned aliases that Mistral moves to new
// versions rather than retires (its models overview dates retirements of versioned ids, e.g. codestral-2501).
const MISTRAL_LIFECYCLE = { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: MISTRAL_DEPRECATED };

const MISTRAL_MODELS: SeedBaseModel[] = [
  {
    id: "mistral:open-mistral-nemo",
    provider: "mistral",
    displayName: "Mistral NeMo (Mistral fine-tuning)",
    aliases: ["open-mistral-nemo"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: MISTRAL_DEPRECATED,
    lifecycle: MISTRAL_LIFECYCLE,
  },
  {
    id: "mistral:codestral-latest",
    provider: "mistral",
    displayName: "Codestral (Mistral fine-tuning)",
    aliases: ["codestral-latest"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: MISTRAL_DEPRECATED,
    lifecycle: MISTRAL_LIFECYCLE,
  },
  {
    id: "mistral:mistral-large-latest",
    provider: "mistral",
    displayName: "Mistral Large (Mistral fine-tuning)",
    aliases: ["mistral-large-latest"],
    tokenizer: "o200k_base",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "token",
    maxEpochs: null,
    minExamples: null,
    docsUrl: MISTRAL_DEPRECATED,
    lifecycle: MISTRAL_LIFECYCLE,
  },
];

const MISTRAL_NOTE =
  "Minimum $4 per job and $2 per model per month storage are confirmed on docs.mistral.ai; the per-model training and fine-tuned inference rates are NOT (mistral.ai/pricing not in the stored copies). " +
  "Mistral's fine-tuning API is marked deprecated and no longer actively supported. Validation billing not stated.";

const MISTRAL_PRICES: SeedPrice[] = [
  {
    ...NOTHING_BILLED,
    modelId: "mistral:open-mistral-nemo",
    trainingPerMTok: "1",
    minTrainingChargeUsd: "4",
    inputPerMTok: "0.15",
    outputPerMTok: "0.15",
    baseInputPerMTok: "0.15",
    baseOutputPerMTok: "0.15",
    storagePerMonthUsd: "2",
    sourceUrl: MISTRAL_PRICING,
    verified: false,
    note: MISTRAL_NOTE,
  },
  {
    ...NOTHING_BILLED,
    modelId: "mistral:codestral-latest",
    trainingPerMTok: "3",
    minTrainingChargeUsd: "4",
    inputPerMTok: "0.2",
    outputPerMTok: "0.6",
    storagePerMonthUsd: "2",
    sourceUrl: MISTRAL_PRICING,
    verified: false,
    note: MISTRAL_NOTE + " Base Codestral has since been repriced; its current base rate was not confirmed, so base prices are empty.",
  },
  {
    ...NOTHING_BILLED,
    modelId: "mistral:mistral-large-latest",
    trainingPerMTok: "9",
    minTrainingChargeUsd: "4",
    inputPerMTok: "2",
    outputPerMTok: "6",
    storagePerMonthUsd: "4",
    sourceUrl: MISTRAL_PRICING,
    verified: false,
    note: MISTRAL_NOTE + " Storage for Mistral Large fine-tunes was listed at $4 per month, not $2. Rates are for Mistral Large 24.11; base prices left empty (current Large is priced differently).",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Self-hosted: the team trains on its own GPUs and enters its own GPU-hour rate as a team price. No global row.
// ---------------------------------------------------------------------------------------------------------------
const SELF_HOSTED_MODELS: SeedBaseModel[] = [
  {
    id: "self-hosted:gpu",
    provider: "self-hosted",
    displayName: "Self-hosted GPUs (team-entered hourly rate)",
    aliases: [],
    tokenizer: "llama3",
    tokenizerExact: false,
    trainingContextLimit: null,
    trainingBilling: "training_hour",
    maxEpochs: null,
    minExamples: null,
    docsUrl: null,
    lifecycle: null,
  },
];

/** Every non-OpenAI fine-tunable base model in the seed catalog, self-hosted included. */
export const PROVIDER_MODELS: readonly SeedBaseModel[] = [
  ...AZURE_MODELS,
  ...VERTEX_MODELS,
  ...BEDROCK_MODELS,
  ...TOGETHER_MODELS,
  ...FIREWORKS_MODELS,
  ...MISTRAL_MODELS,
  ...SELF_HOSTED_MODELS,
];

/** Their global list-price rows (priceSet "openai"); self-hosted has none, nor do models whose rate was not found. */
export const PROVIDER_PRICES: readonly SeedPrice[] = [
  ...AZURE_PRICES,
  ...VERTEX_PRICES,
  ...BEDROCK_PRICES,
  ...TOGETHER_PRICES,
  ...FIREWORKS_PRICES,
  ...MISTRAL_PRICES,
];

// ---------------------------------------------------------------------------------------------------------------
// OpenAI extras for the snapshots in seed-catalog.ts. Batch = the fine-tuned model's Batch API rate (half the
// fine-tuned standard rate); PRICING.md records $0.15/$0.60 for gpt-4o-mini. OpenAI's pricing page was not readable
// in the stored copies this session, so batch figures are unverified. Lifecycle from PRICING.md's reading of the
// deprecations page (2026-12-07): wind-down notice 2026-05-07, no new jobs from 2027-01-06 (so the last day a job is
// accepted, `trainingEndsOn`, is 2027-01-05), shutdowns 2026-10-23 and 2027-01-14. For models shut down 2026-10-23
// the last possible training day is the day before (derived). Replacements are left empty (PRICING.md: the named
// replacement cannot be fine-tuned; its name was not confirmed on OpenAI's page).
// n_epochs accepts 1-50 (API reference); at least 10 examples are required (fine-tuning guide).
// ---------------------------------------------------------------------------------------------------------------
const OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing";
const OPENAI_DEPRECATIONS = "https://developers.openai.com/api/docs/deprecations";
const OPENAI_NOTICE = "2026-05-07";
const SHUTDOWN_2026_10_23 = { announcedOn: OPENAI_NOTICE, trainingEndsOn: "2026-10-22", shutdownOn: "2026-10-23", replacement: null, sourceUrl: OPENAI_DEPRECATIONS };
const SHUTDOWN_2027_01_14 = { announcedOn: OPENAI_NOTICE, trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14", replacement: null, sourceUrl: OPENAI_DEPRECATIONS };

export const OPENAI_EXTRAS: Readonly<
  Record<
    string,
    {
      batchInputPerMTok: string | null;
      batchOutputPerMTok: string | null;
      sourceUrl: string;
      checkedOn: string;
      verified: boolean;
      lifecycle: SeedBaseModel["lifecycle"];
      maxEpochs: number | null;
      minExamples: number | null;
    }
  >
> = {
  "gpt-4.1-2025-04-14": { batchInputPerMTok: "1.50", batchOutputPerMTok: "6.00", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2027_01_14, maxEpochs: 50, minExamples: 10 },
  "gpt-4.1-mini-2025-04-14": { batchInputPerMTok: "0.40", batchOutputPerMTok: "1.60", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2027_01_14, maxEpochs: 50, minExamples: 10 },
  "gpt-4.1-nano-2025-04-14": { batchInputPerMTok: "0.10", batchOutputPerMTok: "0.40", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2026_10_23, maxEpochs: 50, minExamples: 10 },
  "gpt-4o-2024-08-06": { batchInputPerMTok: "1.875", batchOutputPerMTok: "7.50", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2027_01_14, maxEpochs: 50, minExamples: 10 },
  "gpt-4o-mini-2024-07-18": { batchInputPerMTok: "0.15", batchOutputPerMTok: "0.60", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2027_01_14, maxEpochs: 50, minExamples: 10 },
  "gpt-3.5-turbo-0125": { batchInputPerMTok: "1.50", batchOutputPerMTok: "3.00", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2026_10_23, maxEpochs: 50, minExamples: 10 },
  // Reinforcement fine-tuning (per training hour); batch is the fine-tuned o4-mini inference rate. Epoch/example limits for RFT not stated.
  "o4-mini-2025-04-16": { batchInputPerMTok: "2.00", batchOutputPerMTok: "8.00", sourceUrl: OPENAI_PRICING, checkedOn: CHECKED_ON, verified: false, lifecycle: SHUTDOWN_2026_10_23, maxEpochs: null, minExamples: null },
  // Not self-serve fine-tunable at list price (only the article set prices it): no batch rate; the snapshot shut down 2026-10-23.
  "gpt-4-turbo-2024-04-09": {
    batchInputPerMTok: null,
    batchOutputPerMTok: null,
    sourceUrl: OPENAI_PRICING,
    checkedOn: CHECKED_ON,
    verified: false,
    lifecycle: { announcedOn: OPENAI_NOTICE, trainingEndsOn: null, shutdownOn: "2026-10-23", replacement: null, sourceUrl: OPENAI_DEPRECATIONS },
    maxEpochs: null,
    minExamples: null,
  },
};
