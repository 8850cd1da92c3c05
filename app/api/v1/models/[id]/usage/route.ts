import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { listModelUsage } from "@/lib/usage/queries";

export const GET = handle(v1.listModelUsage, async (ctx, { params, query }) => ({ records: await listModelUsage(ctx, params.id, query) }));
