import { handle } from "@/lib/api/handler";
import { v1 } from "@/lib/api/operations";
import { writeUsageBatch } from "@/lib/usage/mutations";

// Served as POST /api/v1/usage:batch through a rewrite in next.config.js: a ':' in a folder name cannot be checked
// out on Windows (see docs/decisions/008-rest-api-v1.md).
export const POST = handle(v1.writeUsageBatch, (ctx, { body }) => writeUsageBatch(ctx, body.records, "API"));
