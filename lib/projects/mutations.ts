import "server-only";
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

/** Creates a project in the caller's team. */
export async function createProject(ctx: TeamContext, input: ProjectInput): Promise<ProjectView> {
  try {
    const row = await db.project.create({
      data: {
        teamId: ctx.teamId,
        name: input.name,
        description: input.description || null,
        monthlyBudgetUsd: input.monthlyBudgetUsd ?? null,
        ...(input.deviationThresholdPct ? { deviationThresholdPct: input.deviationThresholdPct } : {}),
      },
    });
    return toProjectView(row);
  } catch (e) {
    nameTaken(e);
  }
}

/** Updates a project if nobody changed it since `version` was read; otherwise 409 naming the change. */
export async function updateProject(ctx: TeamContext, id: string, version: number, input: ProjectInput): Promise<ProjectView> {
  try {
    const { count } = await db.project.updateMany({
      where: { id, version, ...teamScope(ctx) },
      data: {
        name: input.name,
        description: input.description || null,
        monthlyBudgetUsd: input.monthlyBudgetUsd ?? null,
        ...(input.deviationThresholdPct ? { deviationThresholdPct: input.deviationThresholdPct } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await db.project.findFirst({ where: { id, ...teamScope(ctx) }, select: { version: true, updatedAt: true } });
      if (!current) throw notFound("Project");
      throw new AppError("conflict", `This project was changed by someone else at ${formatWhen(current.updatedAt)}. Reload to see their changes.`);
    }
  } catch (e) {
    nameTaken(e);
  }
  const row = await db.project.findFirstOrThrow({ where: { id, ...teamScope(ctx) } });
  return toProjectView(row);
}

/** Archives (or restores) a project; projects are never deleted, so their usage history stays. */
export async function setProjectArchived(ctx: TeamContext, id: string, archived: boolean): Promise<void> {
  const { count } = await db.project.updateMany({
    where: { id, ...teamScope(ctx) },
    data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
  });
  if (count === 0) throw notFound("Project");
}
