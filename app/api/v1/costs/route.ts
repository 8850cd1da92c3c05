import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getTeamCosts } from "@/lib/projections/queries";

export const GET = handle(v1.getTeamCosts, (ctx, { query }) => getTeamCosts(ctx, query));
