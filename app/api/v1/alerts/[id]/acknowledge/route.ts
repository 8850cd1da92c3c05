import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { acknowledgeAlert } from "@/lib/alerts/mutations";

export const POST = handle(v1.acknowledgeAlert, (ctx, { params, body }) => acknowledgeAlert(ctx, { id: params.id, note: body.note }));
