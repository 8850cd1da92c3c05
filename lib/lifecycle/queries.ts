import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { providerName } from "@/lib/pricing/providers";
import { dayOf, dayOrNull, daysBetween } from "./dates";

// Signatures (stable; the dashboard's Retiring panel uses them):
//   listRetiringModels(ctx, { now?, withinDays? }): RetiringModel[]

/** A tracked model with a shutdown date: when, how long it has left, and whether a move is planned. */
export interface RetiringModel {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  baseModelId: string;
  baseModelName: string;
  provider: string;
  providerName: string;
  /** The first day it no longer serves. */
  shutdownOn: string;
  /** The team's own date for this model, or its base model's from the provider. */
  shutdownSource: "model" | "catalog";
  trainingEndsOn: string | null;
  /** Days from today to the shutdown; 0 or less once it has shut down. */
  daysLeft: number;
  /** The provider's recommended replacement (free text), and the page the dates come from. */
  replacement: string | null;
  sourceUrl: string | null;
  /** The planned model that takes over, when a move is planned. */
  movedTo: { id: string; name: string } | null;
}

/** How far ahead the panel looks by default. */
export const RETIRING_WITHIN_DAYS = 180;
/** A model that shut down stays listed this long (until someone marks it retired or archives it). */
const SHUT_DOWN_GRACE_DAYS = 30;

/**
 * The team's tracked models (not archived, not marked retired) whose shutdown is within `withinDays` or passed less
 * than a month ago, soonest first. One statement.
 */
export async function listRetiringModels(ctx: TeamContext, opts: { now?: Date; withinDays?: number } = {}): Promise<RetiringModel[]> {
  const today = dayOf(opts.now ?? new Date());
  const within = opts.withinDays ?? RETIRING_WITHIN_DAYS;
  const rows = await db.fineTunedModel.findMany({
    where: {
      ...teamScope(ctx),
      archivedAt: null,
      status: { not: "RETIRED" },
      project: { archivedAt: null },
      OR: [{ shutdownOn: { not: null } }, { baseModel: { shutdownOn: { not: null } } }],
    },
    select: {
      id: true,
      displayName: true,
      shutdownOn: true,
      project: { select: { id: true, name: true } },
      baseModel: { select: { id: true, displayName: true, provider: true, shutdownOn: true, trainingEndsOn: true, replacement: true, lifecycleSourceUrl: true } },
      replacedBy: { select: { id: true, displayName: true } },
    },
  });
  return rows
    .map((m): RetiringModel => {
      const own = dayOrNull(m.shutdownOn);
      const shutdownOn = own ?? dayOrNull(m.baseModel.shutdownOn)!;
      return {
        id: m.id,
        name: m.displayName,
        projectId: m.project.id,
        projectName: m.project.name,
        baseModelId: m.baseModel.id,
        baseModelName: m.baseModel.displayName ?? m.baseModel.id,
        provider: m.baseModel.provider,
        providerName: providerName(m.baseModel.provider),
        shutdownOn,
        shutdownSource: own ? "model" : "catalog",
        trainingEndsOn: dayOrNull(m.baseModel.trainingEndsOn),
        daysLeft: daysBetween(today, shutdownOn),
        replacement: m.baseModel.replacement,
        sourceUrl: own ? null : m.baseModel.lifecycleSourceUrl,
        movedTo: m.replacedBy ? { id: m.replacedBy.id, name: m.replacedBy.displayName } : null,
      };
    })
    .filter((m) => m.daysLeft <= within && m.daysLeft > -SHUT_DOWN_GRACE_DAYS)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.name.localeCompare(b.name));
}
