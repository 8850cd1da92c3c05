import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { createModel } from "@/lib/models/mutations";
import { listModels } from "@/lib/models/queries";
import { getProjectOrThrow } from "@/lib/projects/queries";

export const GET = handle(v1.listModels, async (ctx, { query }) => {
  // Filtering by another team's project answers 404, as reading it would, rather than an empty list.
  if (query.projectId) await getProjectOrThrow(ctx, query.projectId);
  return { models: await listModels(ctx, { projectId: query.projectId }) };
});

export const POST = handle(v1.createModel, async (ctx, { body }) => {
  const model = await createModel(ctx, body);
  return Response.json(model, { status: 201, headers: { Location: `/api/v1/models/${model.id}` } });
});
