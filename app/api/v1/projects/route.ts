import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { createProject } from "@/lib/projects/mutations";
import { listProjects } from "@/lib/projects/queries";

export const GET = handle(v1.listProjects, async (ctx) => ({ projects: await listProjects(ctx) }));

export const POST = handle(v1.createProject, async (ctx, { body }) => {
  const project = await createProject(ctx, body);
  return Response.json(project, { status: 201, headers: { Location: `/api/v1/projects/${project.id}` } });
});
