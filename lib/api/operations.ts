import { z } from "zod";
import { analyzeQuerySchema } from "@/lib/datasets/schemas";
import { tokenCountsQuerySchema, tokenCountsResultSchema } from "@/lib/datasets/token-counts";
import { estimateLifecycleSchema, estimateRequestSchema } from "@/lib/estimates/schemas";
import { exportQuerySchema } from "@/lib/imports/schemas";
import { migrationOptionsSchema, migrationQuerySchema } from "@/lib/migration/schemas";
import { modelInputSchema } from "@/lib/models/schemas";
import { projectInputSchema } from "@/lib/projects/schemas";
import { batchSchema, monthSchema, usageFiguresSchema } from "@/lib/usage/schemas";
import { acknowledgeBodySchema, alertDetailSchema, alertListSchema, listAlertsQuerySchema } from "@/lib/alerts/schemas";
import { costsQuerySchema, projectCostsSchema, teamCostsSchema } from "@/lib/projections/schemas";
import { defineOperation, type Operation } from "./openapi";
import {
  analysisReportSchema,
  catalogSchema,
  batchResultSchema,
  estimateSchema,
  meSchema,
  modelListSchema,
  modelSchema,
  openApiDocumentSchema,
  projectListSchema,
  projectSchema,
  usageListSchema,
  usageRecordSchema,
} from "./schemas";

// Every /api/v1 operation, in one list: route handlers parse with these schemas (lib/api/handler.ts) and the
// OpenAPI document is generated from them. A new route file under app/api/v1 fails tests/integration/api-v1.test.ts
// until it is listed here.

/** 20 MB: 10,000 records with long provider model ids and every field set stay well under it. */
export const BATCH_BODY_LIMIT_BYTES = 20_000_000;

const idParams = z.strictObject({ id: z.uuid() });
const READ_ERRORS = [401, 403, 404, 429] as const;

export const v1 = {
  getMe: defineOperation({
    method: "GET",
    path: "/me",
    tag: "Team",
    summary: "Who the caller is: the team (and key scope) the credentials resolve to",
    permission: "team:read",
    success: { status: 200, description: "The caller.", body: { name: "Me", schema: meSchema } },
    errors: [401, 429],
  }),
  getCatalog: defineOperation({
    method: "GET",
    path: "/catalog",
    tag: "Catalog",
    summary: "Providers, their fine-tunable base models and the prices in force today for your team, each with its source",
    permission: "team:read",
    success: { status: 200, description: "The catalog.", body: { name: "Catalog", schema: catalogSchema } },
    errors: [401, 429],
  }),
  listProjects: defineOperation({
    method: "GET",
    path: "/projects",
    tag: "Projects",
    summary: "List the team's active projects with their model counts",
    permission: "team:read",
    success: { status: 200, description: "Projects by name.", body: { name: "ProjectList", schema: projectListSchema } },
    errors: [401, 429],
  }),
  createProject: defineOperation({
    method: "POST",
    path: "/projects",
    tag: "Projects",
    summary: "Create a project",
    permission: "projects:manage",
    body: { name: "ProjectInput", schema: projectInputSchema },
    success: { status: 201, description: "The new project.", body: { name: "Project", schema: projectSchema }, headers: { Location: "URL of the new project." } },
    errors: [400, 401, 403, 409, 413, 422, 429],
  }),
  getProject: defineOperation({
    method: "GET",
    path: "/projects/{id}",
    tag: "Projects",
    summary: "Get one project",
    permission: "team:read",
    params: idParams,
    success: { status: 200, description: "The project.", body: { name: "Project", schema: projectSchema } },
    errors: READ_ERRORS,
  }),
  listModels: defineOperation({
    method: "GET",
    path: "/models",
    tag: "Models",
    summary: "List the team's active fine-tuned models, optionally of one project",
    permission: "team:read",
    query: z.strictObject({ projectId: z.uuid("Must be a project id").optional().describe("Only this project's models; 404 when it is not your team's.") }),
    success: { status: 200, description: "Models by project, then name.", body: { name: "ModelList", schema: modelListSchema } },
    errors: [400, ...READ_ERRORS],
  }),
  createModel: defineOperation({
    method: "POST",
    path: "/models",
    tag: "Models",
    summary: "Create a fine-tuned model; its training cost is computed from the catalog in force on the training date",
    permission: "projects:manage",
    body: { name: "ModelInput", schema: modelInputSchema },
    success: { status: 201, description: "The new model.", body: { name: "Model", schema: modelSchema }, headers: { Location: "URL of the new model." } },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  }),
  getModel: defineOperation({
    method: "GET",
    path: "/models/{id}",
    tag: "Models",
    summary: "Get one fine-tuned model",
    permission: "team:read",
    params: idParams,
    success: { status: 200, description: "The model.", body: { name: "Model", schema: modelSchema } },
    errors: READ_ERRORS,
  }),
  getMigrationOptions: defineOperation({
    method: "GET",
    path: "/models/{id}/migration-options",
    tag: "Models",
    summary: "Price the model's observed workload on every base model still trainable, across providers (the migration planner)",
    description:
      "Averages the model's usage over a window of complete months (default: the last 3) and prices it on each candidate: " +
      "training = its dataset re-counted with the candidate's tokenizer (else the stored count, `estimated`) × epochs at the " +
      "candidate's rate, plus any minimum; a month = the volumes × the measured token ratio at the fine-tuned prices, plus " +
      "hosting and storage; the next 12 months = training + 12 months. Each figure carries an explanation. Money is exact " +
      "decimal strings; options come cheapest first.",
    permission: "team:read",
    params: idParams,
    query: migrationQuerySchema,
    success: { status: 200, description: "The candidates, priced.", body: { name: "MigrationOptions", schema: migrationOptionsSchema } },
    errors: [400, ...READ_ERRORS],
  }),
  listModelUsage: defineOperation({
    method: "GET",
    path: "/models/{id}/usage",
    tag: "Usage",
    summary: "A model's monthly usage and costs between two months (inclusive), oldest first",
    permission: "team:read",
    params: idParams,
    query: z
      .strictObject({ from: monthSchema.optional().describe("First month, YYYY-MM."), to: monthSchema.optional().describe("Last month, YYYY-MM.") })
      .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "Must not be after `to`", path: ["from"] }),
    success: { status: 200, description: "The records.", body: { name: "UsageList", schema: usageListSchema } },
    errors: [400, ...READ_ERRORS],
  }),
  putModelUsage: defineOperation({
    method: "PUT",
    path: "/models/{id}/usage/{month}",
    tag: "Usage",
    summary: "Set a model's usage for one month (idempotent upsert)",
    description:
      "Stores the month's figures and prices them with the prices in force on the month's first day. Sending the same " +
      "figures again changes nothing (same version). With `If-Match` the write is refused with 409 when the record has " +
      "changed since that version.",
    permission: "usage:write",
    params: z.strictObject({ id: z.uuid(), month: monthSchema.describe("The calendar month, YYYY-MM.") }),
    body: { name: "UsageFigures", schema: usageFiguresSchema },
    ifMatch: true,
    success: { status: 200, description: "The stored record with its cost.", body: { name: "UsageRecord", schema: usageRecordSchema }, headers: { ETag: 'The record\'s version in quotes, for If-Match.' } },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  }),
  writeUsageBatch: defineOperation({
    method: "POST",
    path: "/usage:batch",
    tag: "Usage",
    summary: "Write up to 10,000 monthly usage records, all or nothing",
    description:
      "Each record names its model by id or provider model id (`ft:…`). Every record is checked before anything is " +
      "written; one bad record (unknown model, the same model and month twice, bad figures) rejects the batch with 422 " +
      "and fields keyed `records.<index>.<field>`. Re-sending a batch changes nothing. Body limit: 20 MB.",
    permission: "usage:write",
    body: { name: "UsageBatch", schema: batchSchema },
    bodyLimitBytes: BATCH_BODY_LIMIT_BYTES,
    success: { status: 200, description: "How many records were received and how many inserted or changed.", body: { name: "BatchResult", schema: batchResultSchema } },
    errors: [400, 401, 403, 413, 422, 429],
  }),
  exportUsageCsv: defineOperation({
    method: "GET",
    path: "/usage/export.csv",
    tag: "Usage",
    summary: "Usage and costs as a CSV download, for the team or one project",
    description: "Cells that a spreadsheet would run as a formula are escaped.",
    permission: "team:read",
    query: exportQuerySchema,
    success: { status: 200, description: "The CSV file, streamed.", mediaType: "text/csv", headers: { "Content-Disposition": "attachment; filename=…" } },
    errors: [400, ...READ_ERRORS],
  }),
  createEstimate: defineOperation({
    method: "POST",
    path: "/estimates",
    tag: "Estimates",
    summary: "Estimate training and monthly inference costs at the team's prices (stateless)",
    description:
      "Bad input of any kind answers 400 with `fields` (this operation predates 422). A base model that accepts no new " +
      "fine-tuning job on `trainingOn` (default today, UTC), or is shut down by then, answers 422 naming `baseModel`. " +
      "Months on or after the base model's shutdown stay in `months` and `totalCostUsd` as entered; " +
      "`lifecycle.untilShutdown` gives the totals cut at the shutdown and `lifecycle.warnings` names the months that cannot happen.",
    permission: "team:read",
    body: { name: "EstimateRequest", schema: estimateRequestSchema },
    success: {
      status: 200,
      description: "The estimate, exact decimal strings.",
      body: { name: "Estimate", schema: estimateSchema.extend({ lifecycle: estimateLifecycleSchema }) },
    },
    errors: [400, 401, 422, 429],
  }),
  analyzeDataset: defineOperation({
    method: "POST",
    path: "/datasets/analyze",
    tag: "Datasets",
    summary: "Analyze an OpenAI fine-tuning JSONL file: format errors by line, exact token counts, epochs",
    permission: "team:read",
    query: analyzeQuerySchema,
    rawBody: { mediaType: "application/jsonl", description: "The training file itself, streamed (any content type)." },
    success: { status: 200, description: "The analysis report.", body: { name: "AnalysisReport", schema: analysisReportSchema } },
    errors: [400, 401, 413, 429],
  }),
  countDatasetTokens: defineOperation({
    method: "POST",
    path: "/datasets/{id}/token-counts",
    tag: "Datasets",
    summary: "Count a saved dataset's training file with other tokenizers and store the figures (never the file)",
    description:
      "The body must be the file the dataset was analysed from (same size and SHA-256, else 422). Counted with the dataset's " +
      "format and context limit; merged with the counts stored already; the same figures again change nothing.",
    permission: "usage:write",
    params: idParams,
    query: tokenCountsQuerySchema,
    rawBody: { mediaType: "application/jsonl", description: "The training file itself, streamed (any content type)." },
    success: { status: 200, description: "Every count the dataset now has.", body: { name: "DatasetTokenCounts", schema: tokenCountsResultSchema } },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  }),
  getProjectCosts: defineOperation({
    method: "GET",
    path: "/projects/{id}/costs",
    tag: "Costs",
    summary: "A project's actual and projected cost per month, summed and per model",
    description:
      "Each month's expectation is the pace of a month in progress, else the trend (3+ complete months before it), else " +
      "the usage plan; `forecastKind` says which (`mixed` when a sum's models differ). Money is exact decimal strings. " +
      "At most 60 months; without `from`/`to` the last 12 months and the next 3.",
    permission: "team:read",
    params: idParams,
    query: costsQuerySchema,
    success: { status: 200, description: "The project's months and its models' months.", body: { name: "ProjectCosts", schema: projectCostsSchema } },
    errors: [400, ...READ_ERRORS],
  }),
  getTeamCosts: defineOperation({
    method: "GET",
    path: "/costs",
    tag: "Costs",
    summary: "The team's actual and projected cost per month, by project and in total",
    description: "Same months and rules as `/projects/{id}/costs`; archived projects are listed (flagged) and counted in the total.",
    permission: "team:read",
    query: costsQuerySchema,
    success: { status: 200, description: "Months by project and in total.", body: { name: "TeamCosts", schema: teamCostsSchema } },
    errors: [400, 401, 403, 429],
  }),
  listAlerts: defineOperation({
    method: "GET",
    path: "/alerts",
    tag: "Alerts",
    summary: "The team's alerts, newest opened first, optionally by state or project",
    permission: "team:read",
    query: listAlertsQuerySchema,
    success: { status: 200, description: "A page of alerts; pass `nextCursor` as `cursor` for the next.", body: { name: "AlertList", schema: alertListSchema } },
    errors: [400, 401, 403, 429],
  }),
  getAlert: defineOperation({
    method: "GET",
    path: "/alerts/{id}",
    tag: "Alerts",
    summary: "One alert with its history and its subject's monthly series",
    permission: "team:read",
    params: idParams,
    success: { status: 200, description: "The alert.", body: { name: "AlertDetail", schema: alertDetailSchema } },
    errors: READ_ERRORS,
  }),
  acknowledgeAlert: defineOperation({
    method: "POST",
    path: "/alerts/{id}/acknowledge",
    tag: "Alerts",
    summary: "Acknowledge an open alert, with an optional note",
    description: "Acknowledging an acknowledged alert changes nothing; a resolved one answers 409.",
    permission: "usage:write",
    params: idParams,
    body: { name: "AcknowledgeAlert", schema: acknowledgeBodySchema },
    success: { status: 200, description: "The alert.", body: { name: "AlertDetail", schema: alertDetailSchema } },
    errors: [400, 401, 403, 404, 409, 413, 422, 429],
  }),
  snoozeAlert: defineOperation({
    method: "POST",
    path: "/alerts/{id}/snooze",
    tag: "Alerts",
    summary: "Send no notifications for this alert until its month ends",
    description: "The alert keeps being evaluated (and its history recorded) while snoozed. For a past month the snooze lasts to the end of the current one.",
    permission: "usage:write",
    params: idParams,
    success: { status: 200, description: "The alert.", body: { name: "AlertDetail", schema: alertDetailSchema } },
    errors: READ_ERRORS,
  }),
  getOpenApi: defineOperation({
    method: "GET",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This document (public)",
    permission: "public",
    success: { status: 200, description: "The OpenAPI 3.1 document.", body: { name: "OpenApiDocument", schema: openApiDocumentSchema } },
    errors: [],
  }),
} satisfies Record<string, Operation>;

/** Every documented operation. */
export const v1Operations: readonly Operation[] = Object.values(v1);
