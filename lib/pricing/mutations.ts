import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamOrGlobalScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { repriceUsage } from "@/lib/usage/write";
import { isProviderId, PROVIDERS, type ProviderId } from "./providers";
import { listCatalogModels } from "./queries";
import { PRICE_FIELDS, priceCardErrors, type AddPriceEntryInput, type CreateTeamBaseModelInput, type PriceFieldsInput } from "./schemas";

const FIX = "Please correct the highlighted fields.";

/** What the audit log and the callers read back of a created price row: every component, Decimals as exact strings. */
const PRICE_AUDIT_SELECT = {
  id: true,
  priceSet: true,
  ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, true])) as Record<(typeof PRICE_FIELDS)[number], true>),
  validationBilled: true,
  note: true,
} as const;

/** The price columns of a team row: exactly what was entered (priceCardErrors has refused what the card cannot carry). */
function priceColumns(data: PriceFieldsInput) {
  const columns = Object.fromEntries(PRICE_FIELDS.map((f) => [f, data[f]])) as Record<(typeof PRICE_FIELDS)[number], string | null>;
  return { ...columns, validationBilled: data.validationBilled };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Adds a dated price row for the team on a global base model or one of its own (a negotiated rate, its own GPU
 * rate); earlier months keep their prices. Another team's own model answers exactly like an unknown one.
 */
export async function addTeamPriceEntry(ctx: TeamContext, data: AddPriceEntryInput): Promise<{ id: string }> {
  const [model, team] = await Promise.all([
    // Scoped: a team's own base model is invisible to every other team, for writes as for reads.
    db.catalogModel.findFirst({ where: { id: data.modelId, ...teamOrGlobalScope(ctx) }, select: { id: true, provider: true, billingUnit: true } }),
    db.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } }),
  ]);
  if (!model) throw new AppError("not_found", "Base model not found", { modelId: ["Unknown model"] });
  const unit = model.billingUnit === "TRAINING_HOUR" ? "training_hour" : "token";
  const provider: ProviderId = isProviderId(model.provider) ? model.provider : "self-hosted";
  const fields = priceCardErrors(unit, provider, data);
  if (Object.keys(fields).length) throw new AppError("validation_failed", FIX, fields);
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.priceEntry.create({
        data: {
          modelId: model.id,
          teamId: ctx.teamId,
          priceSet: team.priceSet,
          effectiveFrom: day(data.effectiveFrom),
          ...priceColumns(data),
          note: data.note || null,
          createdById: ctx.userId,
        },
        select: PRICE_AUDIT_SELECT,
      });
      // Stored usage costs from that month on follow the new price; earlier months keep theirs.
      const repriced = await repriceUsage(tx, ctx.teamId, { baseModelId: model.id, fromMonth: data.effectiveFrom.slice(0, 7) });
      const { id, ...prices } = created;
      await recordAudit(tx, ctx, {
        action: "price.create",
        entityType: "price",
        entityId: id,
        summary: `Added a team price for ${model.id} from ${data.effectiveFrom}${repriced ? `; ${repriced} usage month(s) repriced` : ""}`,
        // Decimals serialise as exact strings.
        after: { modelId: model.id, effectiveFrom: data.effectiveFrom, ...prices, repricedUsageMonths: repriced },
      });
      return { id };
    });
  } catch (e) {
    if (violatedUniqueIndex(e)) {
      throw new AppError("conflict", "Your team already has a price for this model starting that day. Pick another date.", {
        effectiveFrom: ["Already has an entry on this day"],
      });
    }
    throw e;
  }
}

/** "meta-llama/Llama-3.1-8B" → "meta-llama-llama-3.1-8b": lower-case letters, digits and dots, runs of anything else one dash. */
export function slugifyModelName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80)
    .replace(/[-.]+$/g, "");
}

/** The catalog id of a team's own base model: `team:<first 8 chars of the team id>:<provider>:<slugified name>`. */
export function teamBaseModelId(teamId: string, provider: ProviderId, providerModelName: string): string {
  return `team:${teamId.slice(0, 8)}:${provider}:${slugifyModelName(providerModelName)}`;
}

const nameTaken = (message: string) => new AppError("conflict", message, { providerModelName: [message] });

/**
 * Adds a base model of the team's own (a self-hosted model, or a provider model the catalog lacks) with its first
 * price row, in one transaction with its audit row. Only this team sees it (listCatalogModels(ctx), the catalog page).
 */
export async function createTeamBaseModel(ctx: TeamContext, data: CreateTeamBaseModelInput): Promise<{ id: string; priceId: string }> {
  const fields = priceCardErrors(data.trainingBilling, data.provider, data);
  if (!slugifyModelName(data.providerModelName)) fields.providerModelName = ["Use at least one letter or digit"];
  if (Object.keys(fields).length) throw new AppError("validation_failed", FIX, fields);

  const id = teamBaseModelId(ctx.teamId, data.provider, data.providerModelName);
  const [catalog, team] = await Promise.all([listCatalogModels(ctx), db.team.findUniqueOrThrow({ where: { id: ctx.teamId }, select: { priceSet: true } })]);
  const own = catalog.find((m) => m.id === id);
  if (own) throw nameTaken(`Your team already has this ${PROVIDERS[data.provider].name} model (${own.displayName ?? own.id}). Add a dated price to it instead.`);
  // The provider's name becomes an alias, so `ft:<name>:…` ids and imported usage resolve to this model. Names must
  // stay unambiguous across what the team sees: the same provider's model already listed is a clash; another
  // provider's model of that name only means the alias is left out (the model is still reachable by its id).
  const name = data.providerModelName.toLowerCase();
  const sameName = catalog.find((m) => [m.id, ...m.aliases].some((n) => n.toLowerCase() === name));
  if (sameName && sameName.provider === data.provider) {
    throw nameTaken(`${PROVIDERS[data.provider].name}'s ${data.providerModelName} is already in the catalog (${sameName.id}). Add a dated price to it instead.`);
  }
  const aliases = sameName ? [] : [data.providerModelName];
  const model = {
    id,
    provider: data.provider,
    displayName: data.displayName,
    aliases,
    encoding: data.tokenizer,
    tokenizerExact: data.tokenizerExact,
    trainingContextLimit: data.trainingContextLimit,
    billingUnit: data.trainingBilling === "training_hour" ? ("TRAINING_HOUR" as const) : ("TOKEN" as const),
  };
  try {
    return await db.$transaction(async (tx) => {
      await tx.catalogModel.create({ data: { ...model, teamId: ctx.teamId }, select: { id: true } });
      const { id: priceId, ...price } = await tx.priceEntry.create({
        data: {
          modelId: id,
          teamId: ctx.teamId,
          priceSet: team.priceSet,
          effectiveFrom: day(data.effectiveFrom),
          ...priceColumns(data),
          note: data.note || null,
          createdById: ctx.userId,
        },
        select: PRICE_AUDIT_SELECT,
      });
      await recordAudit(tx, ctx, {
        action: "price.base_model_create",
        entityType: "price",
        entityId: id,
        summary: `Added the team's own base model ${data.displayName} (${PROVIDERS[data.provider].name}) with a price from ${data.effectiveFrom}`,
        after: { model, price: { id: priceId, effectiveFrom: data.effectiveFrom, ...price } },
      });
      return { id, priceId };
    });
  } catch (e) {
    // Two requests at once, or (2^-32) another team whose id starts alike: the primary key decides, never a 500.
    if (violatedUniqueIndex(e)) throw nameTaken("A base model with this name already exists. Pick another name.");
    throw e;
  }
}
