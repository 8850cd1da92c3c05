import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { snoozeAlert } from "@/lib/alerts/mutations";

export const POST = handle(v1.snoozeAlert, (ctx, { params }) => snoozeAlert(ctx, { id: params.id }));
