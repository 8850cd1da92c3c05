import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { listAlerts } from "@/lib/alerts/queries";

export const GET = handle(v1.listAlerts, (ctx, { query }) => listAlerts(ctx, query));
