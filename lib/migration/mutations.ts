import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addMonths } from "@/lib/forecast/month";
import { dayOf } from "@/lib/lifecycle/dates";
import { toDecimal } from "@/lib/money/decimal";
import { createModel } from "@/lib/models/mutations";
import { getModelOrThrow, type ModelView } from "@/lib/models/queries";
import type { ModelInput } from "@/lib/models/schemas";
import { plannedVolumes } from "./options";
import { getMigrationOptionsOrThrow } from "./queries";
import type { PlanMoveInput } from "./schemas";

/** How far ahead a move may be planned. */
export const MAX_SWITCH_MONTHS_AHEAD = 24;

const invalid = (field: string, message: string) => new AppError("validation_failed", message, { [field]: [message] });

/** The model that already takes over from `modelId`, if any. */
async function findReplacement(ctx: TeamContext, modelId: string): Promise<string | null> {
  const row = await db.fineTunedModel.findFirst({ where: { replacesModelId: modelId, ...teamScope(ctx) }, select: { id: true } });
  return row?.id ?? null;
}

/**
 * Plans a move: a PLANNED model on the chosen base model in the same project, replacing `modelId`, with a monthly
 * usage plan from `startMonth` carrying the observed averages × the token ratio (whole tokens, half-up) — model, plan
 * and their audit entries in one transaction (createModel). Idempotent: when the model is already replaced, the
 * existing replacement is returned (`created: false`), also when a concurrent submit won the unique index.
 */
export async function planMove(ctx: TeamContext, input: PlanMoveInput, now = new Date()): Promise<{ model: ModelView; created: boolean }> {
  const current = await getModelOrThrow(ctx, input.modelId); // 404 for another team's model
  const existing = await findReplacement(ctx, current.id);
  if (existing) return { model: await getModelOrThrow(ctx, existing), created: false };

  const thisMonth = dayOf(now).slice(0, 7);
  if (input.startMonth < thisMonth) throw invalid("startMonth", `Start in ${thisMonth} or later`);
  if (input.startMonth > addMonths(thisMonth, MAX_SWITCH_MONTHS_AHEAD)) throw invalid("startMonth", `Start within ${MAX_SWITCH_MONTHS_AHEAD} months`);

  const view = await getMigrationOptionsOrThrow(ctx, current.id, { from: input.from, to: input.to }, now);
  const option = view.options.find((o) => o.modelId === input.targetModelId);
  if (!option) {
    const unpriced = view.unpriced.find((u) => u.modelId === input.targetModelId);
    throw invalid("targetModelId", unpriced ? `${unpriced.displayName} cannot be priced: ${unpriced.reason}` : "Pick one of the candidates listed");
  }
  const volumes = plannedVolumes(option);
  const billsHosting = toDecimal(option.monthly.hostingHours).gt(0);
  const modelInput: ModelInput = {
    projectId: current.projectId,
    displayName: (input.displayName ?? `${current.displayName} on ${option.displayName}`).slice(0, 100),
    baseModel: option.modelId,
    status: "PLANNED",
    trainingMethod: current.trainingMethod as ModelInput["trainingMethod"],
    fineTuneType: current.fineTuneType as ModelInput["fineTuneType"],
    trainingTokens: BigInt(option.training.tokensPerEpoch),
    epochs: option.training.epochs,
    validationTokens: current.validationTokens === null ? null : BigInt(toDecimal(current.validationTokens).times(option.tokenRatio).toDecimalPlaces(0).toFixed()),
    evaluations: current.evaluations,
    // The planner priced hosting as always on (or business hours when the model runs so): the plan says the same.
    hostingSchedule: billsHosting ? (current.hostingSchedule === "BUSINESS_HOURS" ? "BUSINESS_HOURS" : "ALWAYS_ON") : "NONE",
    datasetId: current.datasetId,
    replacesModelId: current.id,
  };
  const plan = {
    startMonth: input.startMonth,
    period: "MONTH" as const,
    inputTokens: volumes.inputTokens,
    cachedInputTokens: volumes.cachedInputTokens,
    outputTokens: volumes.outputTokens,
    daysPerMonth: 30,
    monthlyGrowthPct: "0",
  };
  try {
    const model = await createModel(ctx, modelInput, { plan, auditNote: `planned move from ${current.displayName}, from ${input.startMonth}` });
    return { model, created: true };
  } catch (e) {
    // A second submit that raced the first: the unique index on replacesModelId refused it; answer with the winner.
    if (e instanceof AppError && e.code === "conflict" && e.fields?.replacesModelId) {
      const winner = await findReplacement(ctx, current.id);
      if (winner) return { model: await getModelOrThrow(ctx, winner), created: false };
    }
    throw e;
  }
}
