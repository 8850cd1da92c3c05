import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getAlertOrThrow } from "@/lib/alerts/queries";

export const GET = handle(v1.getAlert, (ctx, { params }) => getAlertOrThrow(ctx, params.id));
