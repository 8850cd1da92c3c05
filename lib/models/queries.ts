import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toDecimalString } from "@/lib/money/decimal";
import { dayOrNull } from "@/lib/lifecycle/dates";

export const MODEL_SELECT = {
  id: true,
  projectId: true,
  displayName: true,
  providerModelId: true,
  baseModelId: true,
  status: true,
  trainingTokens: true,
  epochs: true,
  trainingMethod: true,
  fineTuneType: true,
  validationTokens: true,
  evaluations: true,
  trainingHours: true,
  hostingSchedule: true,
  trainedAt: true,
  trainingCostUsd: true,
  invoicedTrainingCostUsd: true,
  datasetId: true,
  hyperparameters: true,
  promptTokensFineTuned: true,
  promptTokensBase: true,
  archivedAt: true,
  shutdownOn: true,
  replacesModelId: true,
  replacedBy: { select: { id: true } },
  version: true,
  createdAt: true,
  updatedAt: true,
  project: { select: { name: true } },
} as const;

type ModelRecord = {
  id: string;
  projectId: string;
  displayName: string;
  providerModelId: string | null;
  baseModelId: string;
  status: string;
  trainingTokens: bigint | null;
  epochs: number | null;
  trainingMethod: "SFT" | "DPO" | "RFT";
  fineTuneType: "LORA" | "FULL";
  validationTokens: bigint | null;
  evaluations: number | null;
  trainingHours: { toString(): string } | null;
  hostingSchedule: "NONE" | "ALWAYS_ON" | "BUSINESS_HOURS";
  trainedAt: Date | null;
  trainingCostUsd: { toString(): string } | null;
  invoicedTrainingCostUsd: { toString(): string } | null;
  datasetId: string | null;
  hyperparameters: unknown;
  promptTokensFineTuned: number | null;
  promptTokensBase: number | null;
  archivedAt: Date | null;
  shutdownOn: Date | null;
  replacesModelId: string | null;
  replacedBy: { id: string } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  project: { name: string };
};

const money = (v: { toString(): string } | null) => (v === null ? null : toDecimalString(v.toString()));

/** JSON-ready model: big counts and money as exact strings. */
export function toModelView(m: ModelRecord) {
  return {
    id: m.id,
    projectId: m.projectId,
    projectName: m.project.name,
    displayName: m.displayName,
    providerModelId: m.providerModelId,
    baseModelId: m.baseModelId,
    status: m.status,
    trainingTokens: m.trainingTokens?.toString() ?? null,
    epochs: m.epochs,
    trainingMethod: m.trainingMethod,
    fineTuneType: m.fineTuneType,
    validationTokens: m.validationTokens?.toString() ?? null,
    evaluations: m.evaluations,
    trainingHours: money(m.trainingHours),
    hostingSchedule: m.hostingSchedule,
    trainedAt: m.trainedAt?.toISOString().slice(0, 10) ?? null,
    trainingCostUsd: money(m.trainingCostUsd),
    invoicedTrainingCostUsd: money(m.invoicedTrainingCostUsd),
    datasetId: m.datasetId,
    hyperparameters: m.hyperparameters,
    promptTokensFineTuned: m.promptTokensFineTuned,
    promptTokensBase: m.promptTokensBase,
    archived: m.archivedAt !== null,
    shutdownOn: dayOrNull(m.shutdownOn),
    replacesModelId: m.replacesModelId,
    replacedById: m.replacedBy?.id ?? null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type ModelView = ReturnType<typeof toModelView>;

/** The team's models, optionally of one project. */
export async function listModels(ctx: TeamContext, opts: { projectId?: string; includeArchived?: boolean } = {}): Promise<ModelView[]> {
  const rows = await db.fineTunedModel.findMany({
    where: { ...teamScope(ctx), ...(opts.projectId ? { projectId: opts.projectId } : {}), ...(opts.includeArchived ? {} : { archivedAt: null }) },
    select: MODEL_SELECT,
    orderBy: [{ project: { name: "asc" } }, { displayName: "asc" }],
  });
  return rows.map(toModelView);
}

/** One model of the team; another team's (or a missing) id is 404. */
export async function getModelOrThrow(ctx: TeamContext, id: string): Promise<ModelView> {
  const row = await db.fineTunedModel.findFirst({ where: { id, ...teamScope(ctx) }, select: MODEL_SELECT });
  if (!row) throw notFound("Model");
  return toModelView(row);
}

/** The model's usage plan, JSON-ready, or null. */
export async function findUsagePlan(ctx: TeamContext, modelId: string) {
  const plan = await db.usagePlan.findFirst({ where: { modelId, ...teamScope(ctx) } });
  if (!plan) return null;
  return {
    startMonth: plan.startMonth.toISOString().slice(0, 7),
    period: plan.period,
    inputTokens: plan.inputTokens.toString(),
    cachedInputTokens: plan.cachedInputTokens.toString(),
    outputTokens: plan.outputTokens.toString(),
    requests: plan.requests?.toString() ?? null,
    daysPerMonth: plan.daysPerMonth,
    monthlyGrowthPct: plan.monthlyGrowthPct.toString(),
    version: plan.version,
  };
}
