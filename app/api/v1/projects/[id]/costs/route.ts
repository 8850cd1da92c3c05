import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getProjectCosts } from "@/lib/projections/queries";

export const GET = handle(v1.getProjectCosts, (ctx, { params, query }) => getProjectCosts(ctx, params.id, query));
