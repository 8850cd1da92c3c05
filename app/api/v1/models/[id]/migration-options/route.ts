import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getMigrationOptionsOrThrow } from "@/lib/migration/queries";

export const GET = handle(v1.getMigrationOptions, async (ctx, { params, query }) => getMigrationOptionsOrThrow(ctx, params.id, query));
