import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { teamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashInvitationToken } from "./tokens";

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** The caller's team's members, owners first, then by joining date. */
export async function listMembers(ctx: TeamContext): Promise<MemberView[]> {
  const rows = await db.membership.findMany({
    where: teamScope(ctx),
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const rank: Record<Role, number> = { OWNER: 0, ADMIN: 1, MEMBER: 2, VIEWER: 3 };
  return rows
    .map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt }))
    .sort((a, b) => rank[a.role] - rank[b.role] || a.joinedAt.getTime() - b.joinedAt.getTime());
}

export interface PendingInvitationView {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** Invitations of the caller's team not yet accepted nor revoked (expired ones too, so they can be sent again). */
export async function listPendingInvitations(ctx: TeamContext, now = new Date()): Promise<PendingInvitationView[]> {
  const rows = await db.invitation.findMany({
    where: { ...teamScope(ctx), acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({ ...r, expired: r.expiresAt <= now }));
}

export type InvitationState = "valid" | "accepted" | "revoked" | "expired";

export interface InvitationByToken {
  id: string;
  teamId: string;
  teamName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  invitedByName: string | null;
  state: InvitationState;
}

/** Why an invitation can or cannot be used now; a used link stays "accepted" even once expired. */
export function invitationState(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}

/**
 * The invitation a link token opens, or null when no invitation has this token. Unscoped on purpose: the token
 * itself is the credential (only its SHA-256 is stored), and the caller may not belong to any team yet.
 */
export async function unsafeFindInvitationByToken(token: string): Promise<InvitationByToken | null> {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      teamId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      team: { select: { name: true } },
    },
  });
  if (!row) return null;
  const inviter = row.invitedById ? await db.user.findUnique({ where: { id: row.invitedById }, select: { name: true } }) : null;
  return {
    id: row.id,
    teamId: row.teamId,
    teamName: row.team.name,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    invitedByName: inviter?.name ?? null,
    state: invitationState(row),
  };
}

/** True when an account exists for this e-mail (the invitation page offers to log in rather than sign up). */
export async function accountExists(email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}
