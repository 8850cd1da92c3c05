import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

/** The verified caller every data access is scoped by. Comes from a session or an API key, never from input. */
export interface TeamContext {
  userId: string;
  teamId: string;
  role: Role;
  /** Set when the caller is an API key rather than a signed-in user: permissions follow the key's scope. */
  apiKey?: { id: string; scope: "READ" | "WRITE" };
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  memberships: { teamId: string; teamName: string; teamSlug: string; role: Role }[];
}

/**
 * Re-checks a session token against the database on every request: a deleted
 * user, a bumped session version or a removed membership loses access now,
 * not when the JWT expires.
 */
export async function loadSessionUser(token: { userId: string; sessionVersion: number }): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: token.userId },
    select: {
      id: true,
      email: true,
      name: true,
      sessionVersion: true,
      memberships: {
        select: { teamId: true, role: true, team: { select: { name: true, slug: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || user.sessionVersion !== token.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({ teamId: m.teamId, teamName: m.team.name, teamSlug: m.team.slug, role: m.role })),
  };
}

/** The team the user works in: the requested one when they are still a member, else their first team; null with no team. */
export function pickTeam(user: SessionUser, requestedTeamId: string | undefined): TeamContext | null {
  const membership = user.memberships.find((m) => m.teamId === requestedTeamId) ?? user.memberships[0];
  return membership ? { userId: user.id, teamId: membership.teamId, role: membership.role } : null;
}
