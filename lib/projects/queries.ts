import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

const PROJECT_SELECT = {
  id: true,
  name: true,
  description: true,
  monthlyBudgetUsd: true,
  deviationThresholdPct: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** JSON-ready project: money and percentages as exact strings. */
export function toProjectView(p: {
  id: string;
  name: string;
  description: string | null;
  monthlyBudgetUsd: { toString(): string } | null;
  deviationThresholdPct: { toString(): string };
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    monthlyBudgetUsd: p.monthlyBudgetUsd?.toString() ?? null,
    deviationThresholdPct: p.deviationThresholdPct.toString(),
    archived: p.archivedAt !== null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type ProjectView = ReturnType<typeof toProjectView>;

/** The team's projects (active first, then archived), with model counts. */
export async function listProjects(ctx: TeamContext, opts: { includeArchived?: boolean } = {}) {
  const rows = await db.project.findMany({
    where: { ...teamScope(ctx), ...(opts.includeArchived ? {} : { archivedAt: null }) },
    select: { ...PROJECT_SELECT, _count: { select: { models: true } } },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return rows.map((r) => ({ ...toProjectView(r), modelCount: r._count.models }));
}

/** One project of the team; another team's (or a missing) id is 404. */
export async function getProjectOrThrow(ctx: TeamContext, id: string): Promise<ProjectView> {
  const row = await db.project.findFirst({ where: { id, ...teamScope(ctx) }, select: PROJECT_SELECT });
  if (!row) throw notFound("Project");
  return toProjectView(row);
}
