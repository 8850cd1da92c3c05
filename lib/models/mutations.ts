import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { trainingJobCost } from "@/lib/costs";
import { db } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { AppError, formatWhen, notFound } from "@/lib/errors";
import { toDecimalString } from "@/lib/money/decimal";
import { parseModelName, resolveModel } from "@/lib/pricing/model-name";
import { PROVIDERS } from "@/lib/pricing/providers";
import { getPricesInForceForTeamOrThrow, listCatalogModels } from "@/lib/pricing/queries";
import { repriceUsage } from "@/lib/usage/write";
import { MODEL_SELECT, toModelView, type ModelView } from "./queries";
import type { ModelInput, UsagePlanInput } from "./schemas";

const invalid = (field: string, message: string) => new AppError("validation_failed", message, { [field]: [message] });

/** Checks references within the team and derives the base model and the computed training cost. */
async function prepare(ctx: TeamContext, input: ModelInput) {
  const project = await db.project.findFirst({ where: { id: input.projectId, ...teamScope(ctx) }, select: { id: true } });
  if (!project) throw notFound("Project");
  if (input.datasetId) {
    const dataset = await db.dataset.findFirst({ where: { id: input.datasetId, ...teamScope(ctx) }, select: { id: true } });
    if (!dataset) throw notFound("Dataset");
  }
  const catalog = await listCatalogModels(ctx);
  // Only an `ft:` id names its base model (OpenAI's and Mistral's form); other providers' ids do not.
  const parsed = input.providerModelId ? parseModelName(input.providerModelId) : null;
  const fromId = parsed?.fineTuned ? parsed.base : null;
  let base;
  try {
    base = resolveModel(input.baseModel ?? fromId ?? "", catalog);
  } catch (e) {
    throw invalid("baseModel", input.baseModel || fromId ? (e as Error).message : "Pick the base model");
  }
  if (fromId && input.baseModel) {
    const named = catalog.find((m) => [m.id, ...m.aliases].some((n) => n.toLowerCase() === fromId.toLowerCase()));
    if (named && named.id !== base.id) throw invalid("providerModelId", `This id is a fine-tune of ${fromId}, not of ${base.id}.`);
  }
  if (input.providerModelId) {
    const provider = PROVIDERS[base.provider];
    if (!provider.modelIdPattern.test(input.providerModelId)) throw invalid("providerModelId", `${provider.modelIdHint}.`);
  }
  let computed: string | null = null;
  const hourBilled = base.billingUnit === "training_hour" || input.trainingMethod === "RFT";
  const priceable = hourBilled ? input.trainingHours != null : input.trainingTokens != null && input.epochs != null;
  if (priceable) {
    const date = input.trainedAt ? new Date(`${input.trainedAt}T00:00:00Z`) : new Date();
    try {
      const { prices } = await getPricesInForceForTeamOrThrow(ctx, { model: base.id, date });
      computed = toDecimalString(
        trainingJobCost(
          {
            tokens: input.trainingTokens ?? 0n,
            epochs: input.epochs ?? 1,
            method: input.trainingMethod === "DPO" ? "dpo" : input.trainingMethod === "RFT" ? "rft" : "sft",
            fineTuneType: input.fineTuneType === "FULL" ? "full" : "lora",
            validationTokens: input.validationTokens ?? 0n,
            evaluations: input.evaluations ?? undefined,
            hours: input.trainingHours ?? null,
          },
          prices,
        ).totalUsd,
      );
    } catch (e) {
      // No price in force (a self-hosted model before the team enters its GPU rate): no computed figure, not an error.
      if (!(e instanceof AppError) && !(e instanceof RangeError)) throw e;
    }
  }
  return {
    teamId: ctx.teamId,
    projectId: project.id,
    displayName: input.displayName,
    providerModelId: input.providerModelId ?? null,
    baseModelId: base.id,
    status: input.status,
    trainingTokens: input.trainingTokens ?? null,
    epochs: input.epochs ?? null,
    trainingMethod: input.trainingMethod ?? "SFT",
    fineTuneType: input.fineTuneType ?? "LORA",
    validationTokens: input.validationTokens ?? null,
    evaluations: input.evaluations ?? null,
    trainingHours: input.trainingHours ?? null,
    hostingSchedule: input.hostingSchedule ?? "NONE",
    trainedAt: input.trainedAt ? new Date(`${input.trainedAt}T00:00:00Z`) : null,
    trainingCostUsd: computed,
    invoicedTrainingCostUsd: input.invoicedTrainingCostUsd ?? null,
    datasetId: input.datasetId ?? null,
    hyperparameters: input.hyperparameters ?? undefined,
    promptTokensFineTuned: input.promptTokensFineTuned ?? null,
    promptTokensBase: input.promptTokensBase ?? null,
    shutdownOn: input.shutdownOn ? new Date(`${input.shutdownOn}T00:00:00Z`) : null,
  };
}

/**
 * Checks the model a new (or edited) one takes over from: of the same team (else 404, like any other team's id), not
 * itself and not one that replaces it (422), not already taken over by another model (409). The unique index on
 * replacesModelId stays the last word when two requests race.
 */
async function checkReplaces(ctx: TeamContext, replacesModelId: string, selfId?: string): Promise<void> {
  if (replacesModelId === selfId) throw invalid("replacesModelId", "A model cannot replace itself.");
  const old = await db.fineTunedModel.findFirst({
    where: { id: replacesModelId, ...teamScope(ctx) },
    select: { displayName: true, replacesModelId: true, replacedBy: { select: { id: true, displayName: true } } },
  });
  if (!old) throw new AppError("not_found", "The model to replace was not found.", { replacesModelId: ["No such model in your team"] });
  if (selfId && old.replacesModelId === selfId) throw invalid("replacesModelId", `${old.displayName} already replaces this model; a move cannot go both ways.`);
  if (old.replacedBy && old.replacedBy.id !== selfId) {
    const message = `${old.displayName} is already replaced by ${old.replacedBy.displayName}.`;
    throw new AppError("conflict", message, { replacesModelId: [message] });
  }
}

function providerIdTaken(e: unknown): never {
  if (violatedUniqueIndex(e) === "FineTunedModel_replacesModelId_key") {
    throw new AppError("conflict", "Another model already replaces that model.", { replacesModelId: ["Already replaced by another model"] });
  }
  if (violatedUniqueIndex(e) === "FineTunedModel_teamId_providerModelId_key") {
    throw new AppError("conflict", "Another model of your team already has this provider model id.", {
      providerModelId: ["Already used by another model"],
    });
  }
  throw e;
}

/** What the audit log keeps of a model: its settings, without the bookkeeping columns. */
function audited(m: ModelView) {
  const { id: _id, projectName: _p, version: _v, createdAt: _c, updatedAt: _u, ...settings } = m;
  return settings;
}

/**
 * Creates a fine-tuned model; its training cost comes from the catalog in force on the training date. With `plan`,
 * its usage plan is created in the same transaction (a planned move), and audited with it.
 */
export async function createModel(ctx: TeamContext, input: ModelInput, opts: { plan?: UsagePlanInput; auditNote?: string } = {}): Promise<ModelView> {
  const data = { ...(await prepare(ctx, input)), replacesModelId: input.replacesModelId ?? null };
  if (data.replacesModelId) await checkReplaces(ctx, data.replacesModelId);
  try {
    return await db.$transaction(async (tx) => {
      const view = toModelView(await tx.fineTunedModel.create({ data, select: MODEL_SELECT }));
      const summary = `Created model ${view.displayName} in ${view.projectName}${opts.auditNote ? ` (${opts.auditNote})` : ""}`;
      await recordAudit(tx, ctx, { action: "model.create", entityType: "model", entityId: view.id, summary, after: audited(view) });
      if (opts.plan) {
        const plan = planData(opts.plan);
        await tx.usagePlan.create({ data: { ...plan, modelId: view.id, teamId: ctx.teamId } });
        await recordAudit(tx, ctx, { action: "model.plan_create", entityType: "model", entityId: view.id, summary: `Set the usage plan of ${view.displayName}`, before: null, after: planOf(plan) });
      }
      return view;
    });
  } catch (e) {
    providerIdTaken(e);
  }
}

/** Updates a model if nobody changed it since `version`; otherwise 409 saying when it changed. */
export async function updateModel(ctx: TeamContext, id: string, version: number, input: ModelInput): Promise<ModelView> {
  // replacesModelId omitted: unchanged (the edit form does not carry it).
  const data = { ...(await prepare(ctx, input)), ...(input.replacesModelId === undefined ? {} : { replacesModelId: input.replacesModelId }) };
  if (data.replacesModelId) await checkReplaces(ctx, data.replacesModelId, id);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.fineTunedModel.findFirst({ where: { id, version, ...teamScope(ctx) }, select: MODEL_SELECT });
      const { count } = await tx.fineTunedModel.updateMany({ where: { id, version, ...teamScope(ctx) }, data: { ...data, version: { increment: 1 } } });
      if (count === 0 || !before) {
        const current = await tx.fineTunedModel.findFirst({ where: { id, ...teamScope(ctx) }, select: { updatedAt: true } });
        if (!current) throw notFound("Model");
        throw new AppError("conflict", `This model was changed by someone else at ${formatWhen(current.updatedAt)}. Reload to see their changes.`);
      }
      const view = toModelView(await tx.fineTunedModel.findFirstOrThrow({ where: { id, ...teamScope(ctx) }, select: MODEL_SELECT }));
      // Fixed costs depend on the training day and the hosting schedule, prices on the base model: re-price the
      // stored months in the same transaction when any of them changed.
      if (before.trainedAt?.getTime() !== data.trainedAt?.getTime() || before.hostingSchedule !== data.hostingSchedule || before.baseModelId !== data.baseModelId) {
        await repriceUsage(tx, ctx.teamId, { modelId: id });
      }
      // Spend by provider follows the base model even when the new one costs the same: the months this model has records
      // in get a new revision, so the dashboard's cached breakdown (decision 016) is recomputed.
      if (before.baseModelId !== data.baseModelId) {
        await tx.$executeRaw`
          UPDATE "TeamMonthRevision" r SET revision = r.revision + 1
          WHERE r."teamId" = ${ctx.teamId}::uuid AND r.month IN (SELECT u.month FROM "UsageRecord" u WHERE u."modelId" = ${id}::uuid)`;
      }
      await recordAudit(tx, ctx, {
        action: "model.update",
        entityType: "model",
        entityId: id,
        summary: `Updated model ${view.displayName}`,
        before: audited(toModelView(before)),
        after: audited(view),
      });
      return view;
    });
  } catch (e) {
    providerIdTaken(e);
  }
}

/** Archives (or restores) a model; models with usage are never deleted. */
export async function setModelArchived(ctx: TeamContext, id: string, archived: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.fineTunedModel.findFirst({ where: { id, ...teamScope(ctx) }, select: { displayName: true, archivedAt: true } });
    const { count } = await tx.fineTunedModel.updateMany({
      where: { id, ...teamScope(ctx) },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0 || !before) throw notFound("Model");
    if ((before.archivedAt !== null) === archived) return; // already so: nothing to record
    await recordAudit(tx, ctx, {
      action: archived ? "model.archive" : "model.restore",
      entityType: "model",
      entityId: id,
      summary: `${archived ? "Archived" : "Restored"} model ${before.displayName}`,
      before: { archived: !archived },
      after: { archived },
    });
  });
}

/** A usage plan's columns. */
function planData(plan: UsagePlanInput) {
  return {
    startMonth: new Date(`${plan.startMonth}-01T00:00:00Z`),
    period: plan.period,
    inputTokens: plan.inputTokens,
    cachedInputTokens: plan.cachedInputTokens ?? 0n,
    outputTokens: plan.outputTokens,
    requests: plan.requests ?? null,
    daysPerMonth: plan.daysPerMonth,
    monthlyGrowthPct: plan.monthlyGrowthPct,
  };
}

/** The plan as the audit log keeps it: counts and percentages as exact strings. */
function planOf(p: Omit<ReturnType<typeof planData>, "monthlyGrowthPct"> & { monthlyGrowthPct: { toString(): string } }) {
  return {
    startMonth: p.startMonth.toISOString().slice(0, 7),
    period: p.period,
    inputTokens: p.inputTokens.toString(),
    cachedInputTokens: p.cachedInputTokens.toString(),
    outputTokens: p.outputTokens.toString(),
    requests: p.requests?.toString() ?? null,
    daysPerMonth: p.daysPerMonth,
    monthlyGrowthPct: toDecimalString(p.monthlyGrowthPct.toString()),
  };
}

/**
 * Sets the model's usage plan (one per model). `version` guards against overwriting a concurrent edit;
 * 0 means "no plan yet", so two people creating one at once get a conflict instead of a silent overwrite.
 */
export async function saveUsagePlan(ctx: TeamContext, modelId: string, plan: UsagePlanInput, version?: number): Promise<void> {
  const model = await db.fineTunedModel.findFirst({ where: { id: modelId, ...teamScope(ctx) }, select: { id: true, displayName: true } });
  if (!model) throw notFound("Model");
  const data = planData(plan);
  await db.$transaction(async (tx) => {
    const stored = await tx.usagePlan.findUnique({ where: { modelId } });
    if (version === 0) {
      try {
        await tx.usagePlan.create({ data: { ...data, modelId, teamId: ctx.teamId } });
      } catch (e) {
        if (violatedUniqueIndex(e)) throw new AppError("conflict", "Someone else created a usage plan for this model meanwhile. Reload to see it.");
        throw e;
      }
    } else if (version === undefined) {
      await tx.usagePlan.upsert({ where: { modelId }, create: { ...data, modelId, teamId: ctx.teamId }, update: { ...data, version: { increment: 1 } } });
    } else {
      const { count } = await tx.usagePlan.updateMany({ where: { modelId, version, teamId: ctx.teamId }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw new AppError("conflict", "The usage plan was changed by someone else. Reload to see their changes.");
    }
    await recordAudit(tx, ctx, {
      action: stored ? "model.plan_update" : "model.plan_create",
      entityType: "model",
      entityId: modelId,
      summary: `${stored ? "Changed" : "Set"} the usage plan of ${model.displayName}`,
      before: stored ? planOf({ ...stored, monthlyGrowthPct: stored.monthlyGrowthPct.toString() }) : null,
      after: planOf(data),
    });
  });
}
