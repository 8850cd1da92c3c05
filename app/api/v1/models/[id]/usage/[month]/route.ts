import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { putModelUsage } from "@/lib/usage/mutations";

export const PUT = handle(v1.putModelUsage, async (ctx, { params, body, ifMatch }) => {
  const record = await putModelUsage(ctx, params.id, params.month, body, { source: "API", expectedVersion: ifMatch });
  return Response.json(record, { headers: { ETag: `"${record.version}"` } });
});
