"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { createProject, setProjectArchived, updateProject } from "./mutations";
import type { ProjectView } from "./queries";
import { archiveProjectSchema, projectInputSchema, updateProjectSchema } from "./schemas";

/** Creates a project in the caller's team. */
export async function createProjectAction(input: unknown): Promise<ActionResult<ProjectView>> {
  return runAction("projects:manage", projectInputSchema, input, async (ctx, data) => {
    const project = await createProject(ctx, data);
    revalidatePath("/projects");
    return project;
  });
}

/** Updates a project; a stale `version` answers a conflict and changes nothing. */
export async function updateProjectAction(input: unknown): Promise<ActionResult<ProjectView>> {
  return runAction("projects:manage", updateProjectSchema, input, async (ctx, { id, version, ...data }) => {
    const project = await updateProject(ctx, id, version, data);
    revalidatePath("/projects", "layout");
    return project;
  });
}

/** Archives or restores a project (never deletes it, so its models' usage history stays). */
export async function setProjectArchivedAction(input: unknown): Promise<ActionResult> {
  return runAction("projects:manage", archiveProjectSchema, input, async (ctx, { id, archived }) => {
    await setProjectArchived(ctx, id, archived);
    revalidatePath("/projects", "layout");
    return undefined;
  });
}
