import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toUsageRow, type UsageRow } from "./write";

/** A model's monthly usage between two months (inclusive), oldest first; another team's model is 404. */
export async function listModelUsage(ctx: TeamContext, modelId: string, range: { from?: string; to?: string } = {}): Promise<UsageRow[]> {
  const model = await db.fineTunedModel.findFirst({ where: { id: modelId, ...teamScope(ctx) }, select: { id: true } });
  if (!model) throw notFound("Model");
  const rows = await db.usageRecord.findMany({
    where: {
      modelId: model.id,
      ...teamScope(ctx),
      month: {
        ...(range.from ? { gte: new Date(`${range.from}-01T00:00:00Z`) } : {}),
        ...(range.to ? { lte: new Date(`${range.to}-01T00:00:00Z`) } : {}),
      },
    },
    orderBy: { month: "asc" },
  });
  return rows.map(toUsageRow);
}

/** Every usage record of the team in one month, keyed by model id: one query, whatever the number of models. */
export async function listTeamUsageForMonth(ctx: TeamContext, month: string): Promise<Map<string, UsageRow>> {
  const rows = await db.usageRecord.findMany({ where: { ...teamScope(ctx), month: new Date(`${month}-01T00:00:00Z`) } });
  return new Map(rows.map((r) => [r.modelId, toUsageRow(r)]));
}
