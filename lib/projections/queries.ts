import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { addMonths, monthOf } from "@/lib/forecast";
import { modelMonthView, type PublicMonth, sumMonthView } from "./compute";
import { loadProjection } from "./load";

// Signatures (stable; the Alerts UI and the /api/v1 cost routes use them):
//   defaultRange(now?): { from, to }
//   getProjectCosts(ctx, projectId, { from?, to? }): { projectId, name, from, to, months, models: [{ modelId, name, months }] }
//   getTeamCosts(ctx, { from?, to? }): { from, to, projects: [{ projectId, name, archived, months }], total }
//   getCostSeries(ctx, { projectId, modelId?, from, to }): PublicMonth[]

export type { PublicMonth } from "./compute";

/** The range when none is asked for: the last 12 months (the current one included) and the next 3. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const current = monthOf(now);
  return { from: addMonths(current, -11), to: addMonths(current, 3) };
}

function resolveRange(range: { from?: string; to?: string }): { from: string; to: string } {
  const d = defaultRange();
  const from = range.from ?? (range.to ? addMonths(range.to, -14) : d.from);
  return { from, to: range.to ?? (range.from ? addMonths(range.from, 14) : d.to) };
}

/** One project's months and each of its models' months; another team's (or a missing) project is 404. */
export async function getProjectCosts(ctx: TeamContext, projectId: string, range: { from?: string; to?: string } = {}) {
  const project = await db.project.findFirst({ where: { id: projectId, ...teamScope(ctx) }, select: { id: true } });
  if (!project) throw notFound("Project");
  const { from, to } = resolveRange(range);
  const p = await loadProjection(db, { teamId: ctx.teamId, projectIds: [project.id], from, to });
  const info = p.projects[0]!;
  return {
    projectId: info.id,
    name: info.name,
    from,
    to,
    months: p.projectMonths.get(info.id)!.map(sumMonthView),
    models: p.models.map((m) => ({ modelId: m.id, name: m.name, months: m.months.map(modelMonthView) })),
  };
}

/** The team's months by project and in total. */
export async function getTeamCosts(ctx: TeamContext, range: { from?: string; to?: string } = {}) {
  const { from, to } = resolveRange(range);
  const p = await loadProjection(db, { teamId: ctx.teamId, from, to });
  return {
    from,
    to,
    projects: p.projects.map((info) => ({ projectId: info.id, name: info.name, archived: info.archived, months: p.projectMonths.get(info.id)!.map(sumMonthView) })),
    total: p.teamMonths.map(sumMonthView),
  };
}

/** The months of one project, or of one of its models, for a chart; empty when either is not the team's. */
export async function getCostSeries(ctx: TeamContext, subject: { projectId: string; modelId?: string | null; from: string; to: string }): Promise<PublicMonth[]> {
  const p = await loadProjection(db, { teamId: ctx.teamId, projectIds: [subject.projectId], from: subject.from, to: subject.to });
  if (p.projects.length === 0) return [];
  if (subject.modelId) return p.models.find((m) => m.id === subject.modelId)?.months.map(modelMonthView) ?? [];
  return p.projectMonths.get(subject.projectId)!.map(sumMonthView);
}
