import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { getCatalogForApi } from "@/lib/pricing/queries";

export const GET = handle(v1.getCatalog, async (ctx) => getCatalogForApi(ctx));
