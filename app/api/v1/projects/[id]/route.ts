import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getProjectOrThrow } from "@/lib/projects/queries";

export const GET = handle(v1.getProject, (ctx, { params }) => getProjectOrThrow(ctx, params.id));
