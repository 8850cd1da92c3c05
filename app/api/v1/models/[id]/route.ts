import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getModelOrThrow } from "@/lib/models/queries";

export const GET = handle(v1.getModel, (ctx, { params }) => getModelOrThrow(ctx, params.id));
