import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { AppError, formatWhen, notFound } from "@/lib/errors";
import { toProjectView, type ProjectView } from "./queries";
import type { ProjectInput } from "./schemas";

function nameTaken(e: unknown): never {
  if (violatedUniqueIndex(e) === "Project_teamId_name_key") {
    throw new AppError("conflict", "Your team already has a project with this name.", { name: ["Already used by another project"] });
  }
  throw e;
}

/** What the audit log keeps of a project (its settings, not its bookkeeping columns). */
function audited(p: ProjectView) {
  return { name: p.name, description: p.description, monthlyBudgetUsd: p.monthlyBudgetUsd, deviationThresholdPct: p.deviationThresholdPct, archived: p.archived };
}

/** Creates a project in the caller's team. */
export async function createProject(ctx: TeamContext, input: ProjectInput): Promise<ProjectView> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.project.create({
        data: {
          teamId: ctx.teamId,
          name: input.name,
          description: input.description || null,
          monthlyBudgetUsd: input.monthlyBudgetUsd ?? null,
          ...(input.deviationThresholdPct ? { deviationThresholdPct: input.deviationThresholdPct } : {}),
        },
      });
      const view = toProjectView(row);
      await recordAudit(tx, ctx, { action: "project.create", entityType: "project", entityId: row.id, summary: `Created project ${row.name}`, after: audited(view) });
      return view;
    });
  } catch (e) {
    nameTaken(e);
  }
}

/** Updates a project if nobody changed it since `version` was read; otherwise 409 naming the change. */
export async function updateProject(ctx: TeamContext, id: string, version: number, input: ProjectInput): Promise<ProjectView> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.project.findFirst({ where: { id, version, ...teamScope(ctx) } });
      const { count } = await tx.project.updateMany({
        where: { id, version, ...teamScope(ctx) },
        data: {
          name: input.name,
          description: input.description || null,
          monthlyBudgetUsd: input.monthlyBudgetUsd ?? null,
          ...(input.deviationThresholdPct ? { deviationThresholdPct: input.deviationThresholdPct } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0 || !before) {
        const current = await tx.project.findFirst({ where: { id, ...teamScope(ctx) }, select: { version: true, updatedAt: true } });
        if (!current) throw notFound("Project");
        throw new AppError("conflict", `This project was changed by someone else at ${formatWhen(current.updatedAt)}. Reload to see their changes.`);
      }
      const view = toProjectView(await tx.project.findFirstOrThrow({ where: { id, ...teamScope(ctx) } }));
      await recordAudit(tx, ctx, {
        action: "project.update",
        entityType: "project",
        entityId: id,
        summary: `Updated project ${view.name}`,
        before: audited(toProjectView(before)),
        after: audited(view),
      });
      return view;
    });
  } catch (e) {
    nameTaken(e);
  }
}

/** Archives (or restores) a project; projects are never deleted, so their usage history stays. */
export async function setProjectArchived(ctx: TeamContext, id: string, archived: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.project.findFirst({ where: { id, ...teamScope(ctx) }, select: { name: true, archivedAt: true } });
    const { count } = await tx.project.updateMany({
      where: { id, ...teamScope(ctx) },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0 || !before) throw notFound("Project");
    if ((before.archivedAt !== null) === archived) return; // already so: nothing to record
    await recordAudit(tx, ctx, {
      action: archived ? "project.archive" : "project.restore",
      entityType: "project",
      entityId: id,
      summary: `${archived ? "Archived" : "Restored"} project ${before.name}`,
      before: { archived: !archived },
      after: { archived },
    });
  });
}
