import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { db } from "@/lib/db/client";

/** The caller's team with its members (no secrets: ids, names, e-mails, roles). */
export async function getTeamOverviewOrThrow(ctx: TeamContext) {
  return db.team.findUniqueOrThrow({
    where: { id: ctx.teamId },
    select: {
      name: true,
      slug: true,
      priceSet: true,
      createdAt: true,
      memberships: {
        select: { role: true, createdAt: true, user: { select: { name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}
