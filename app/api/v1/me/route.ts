import { apiRoute } from "@/lib/auth/guards";

/** Who the caller is: the verified team context. */
export const GET = apiRoute("team:read", async (_req, ctx) => Response.json({ userId: ctx.userId, teamId: ctx.teamId, role: ctx.role }));
