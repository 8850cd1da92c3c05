import "server-only";
import { consumeInvitation, consumeSignUpAttempt } from "@/lib/auth/abuse-limits";
import { hashPassword } from "@/lib/auth/password";
import { assertPasswordAllowed } from "@/lib/auth/password-policy";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { can, type AssignableRole, type Permission } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { AppError, formatWhen, notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { invitationState, type InvitationState } from "./queries";
import type { InviteMemberInput, InviteSignUpInput } from "./schemas";
import { hashInvitationToken, INVITATION_TTL_DAYS, invitationLink, newInvitationToken } from "./tokens";

type Tx = Prisma.TransactionClient;

const roleName = (role: Role) => role.toLowerCase();

/**
 * Every membership change starts here, inside its transaction: the team row is locked, so changes of one team's
 * members run one after another (two owners leaving at once cannot leave the team with none), and the caller's role
 * is read again under the lock, so a role lost since the request's guard ran no longer counts.
 */
async function lockTeamAs(tx: Tx, ctx: TeamContext, permission: Permission): Promise<{ role: Role; email: string; teamName: string }> {
  const team = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Team" WHERE id = ${ctx.teamId}::uuid FOR UPDATE`;
  const me = await tx.membership.findUnique({
    where: { userId_teamId: { userId: ctx.userId, teamId: ctx.teamId } },
    select: { role: true, user: { select: { email: true } } },
  });
  if (!team[0] || !me) throw new AppError("not_found", "You are no longer a member of this team.");
  if (!can(me.role, permission)) throw new AppError("forbidden", "Your role does not allow this.");
  return { role: me.role, email: me.user.email, teamName: team[0].name };
}

/** A member of the caller's team; another team's member (or nobody) answers 404. */
async function getMemberOrThrow(tx: Tx, ctx: TeamContext, userId: string) {
  const member = await tx.membership.findUnique({
    where: { userId_teamId: { userId, teamId: ctx.teamId } },
    select: { id: true, role: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!member) throw notFound("Member");
  return member;
}

export interface IssuedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** The link to hand to the invitee; it carries the token, which is stored only hashed. */
  link: string;
  /** True when the link was also queued for e-mail (SMTP_URL is set). */
  emailed: boolean;
}

/** Creates an invitation with a fresh token, revoking any earlier open one to the same address, and queues its e-mail. */
async function issueInvitation(
  tx: Tx,
  ctx: TeamContext,
  team: { teamName: string },
  input: { email: string; role: Role },
  origin: string,
): Promise<{ issued: IssuedInvitation; replaced: string[] }> {
  const alreadyMember = await tx.membership.count({ where: { teamId: ctx.teamId, user: { email: input.email } } });
  if (alreadyMember > 0) throw new AppError("conflict", `${input.email} is already a member of this team.`, { email: ["Already a member of this team"] });

  const open = await tx.invitation.findMany({
    where: { teamId: ctx.teamId, email: input.email, acceptedAt: null, revokedAt: null },
    select: { id: true },
  });
  if (open.length > 0) await tx.invitation.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { revokedAt: new Date() } });

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const row = await tx.invitation.create({
    data: { teamId: ctx.teamId, email: input.email, role: input.role, tokenHash, invitedById: ctx.userId, expiresAt },
    select: { id: true },
  });
  const link = invitationLink(origin, token);
  const emailed = Boolean(env().SMTP_URL);
  if (emailed) {
    const inviter = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    await enqueueEmail(tx, {
      teamId: ctx.teamId,
      messageId: `invitation-${row.id}`,
      to: input.email,
      subject: `You are invited to ${team.teamName} on tunecost`,
      body: [
        `${inviter?.name ?? "Someone"} invited you to join the team "${team.teamName}" on tunecost as ${roleName(input.role)}.`,
        "",
        `Open this link to accept (it works once, until ${formatWhen(expiresAt)}):`,
        link,
        "",
        "If you did not expect this invitation, ignore this e-mail.",
      ].join("\n"),
    });
  }
  return { issued: { id: row.id, email: input.email, role: input.role, expiresAt, link, emailed }, replaced: open.map((o) => o.id) };
}

/** Invites an e-mail address to the caller's team (owners; limited per team); re-inviting replaces the earlier link. */
export async function createInvitation(ctx: TeamContext, input: InviteMemberInput, origin: string): Promise<IssuedInvitation> {
  await consumeInvitation(ctx.teamId);
  return db.$transaction(async (tx) => {
    const team = await lockTeamAs(tx, ctx, "members:manage");
    const { issued, replaced } = await issueInvitation(tx, ctx, team, input, origin);
    await recordAudit(tx, ctx, [
      ...replaced.map((id) => ({ action: "invitation.revoke", entityType: "invitation" as const, entityId: id, summary: `Replaced the invitation of ${input.email}` })),
      {
        action: "invitation.create",
        entityType: "invitation",
        entityId: issued.id,
        summary: `Invited ${input.email} as ${roleName(input.role)}`,
        after: { email: input.email, role: input.role, expiresAt: issued.expiresAt },
      },
    ]);
    return issued;
  });
}

/** Sends an open (or expired) invitation again: a new token and expiry; the old link stops working. */
export async function resendInvitation(ctx: TeamContext, id: string, origin: string): Promise<IssuedInvitation> {
  await consumeInvitation(ctx.teamId);
  return db.$transaction(async (tx) => {
    const team = await lockTeamAs(tx, ctx, "members:manage");
    const old = await tx.invitation.findFirst({ where: { id, teamId: ctx.teamId }, select: { email: true, role: true, acceptedAt: true, revokedAt: true } });
    if (!old) throw notFound("Invitation");
    if (old.acceptedAt) throw new AppError("conflict", `${old.email} has already accepted this invitation.`);
    if (old.revokedAt) throw new AppError("conflict", "This invitation was revoked. Invite the address again instead.");
    const { issued } = await issueInvitation(tx, ctx, team, { email: old.email, role: old.role }, origin);
    await recordAudit(tx, ctx, {
      action: "invitation.resend",
      entityType: "invitation",
      entityId: issued.id,
      summary: `Sent a new invitation link to ${old.email}`,
      before: { id },
      after: { id: issued.id, expiresAt: issued.expiresAt },
    });
    return issued;
  });
}

/** Revokes an open invitation: its link answers "withdrawn" from now on. */
export async function revokeInvitation(ctx: TeamContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeamAs(tx, ctx, "members:manage");
    const row = await tx.invitation.findFirst({ where: { id, teamId: ctx.teamId }, select: { email: true, acceptedAt: true, revokedAt: true } });
    if (!row) throw notFound("Invitation");
    if (row.acceptedAt) throw new AppError("conflict", `${row.email} has already accepted this invitation; remove the member instead.`);
    if (row.revokedAt) return; // already revoked: nothing changes
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "invitation.revoke", entityType: "invitation", entityId: id, summary: `Revoked the invitation of ${row.email}` });
  });
}

const UNUSABLE: Record<Exclude<InvitationState, "valid">, string> = {
  accepted: "This invitation has already been used. Log in to reach the team.",
  revoked: "This invitation was withdrawn. Ask the team's owner for a new one.",
  expired: "This invitation has expired. Ask the team's owner to send a new one.",
};

/** The words for an invitation link that cannot be used (the invitation page and the actions say the same). */
export function unusableInvitationMessage(state: Exclude<InvitationState, "valid">): string {
  return UNUSABLE[state];
}

/** Reads the invitation for `token` under a row lock and checks it can be used now. */
async function lockUsableInvitation(tx: Tx, token: string) {
  const found = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation" WHERE "tokenHash" = ${hashInvitationToken(token)} FOR UPDATE`;
  if (!found[0]) throw new AppError("not_found", "This invitation link is not valid. Check that you copied all of it.");
  const row = await tx.invitation.findUniqueOrThrow({
    where: { id: found[0].id },
    select: { id: true, teamId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { name: true } } },
  });
  const state = invitationState(row);
  if (state !== "valid") throw new AppError("conflict", unusableInvitationMessage(state));
  return row;
}

/** Joins the signed-in user to the invitation's team with its role; single use, and only for the invited address. */
export async function acceptInvitation(user: { id: string; email: string }, token: string): Promise<{ teamId: string; teamName: string }> {
  return db.$transaction(async (tx) => {
    const inv = await lockUsableInvitation(tx, token);
    if (inv.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${inv.email}, but you are logged in as ${user.email}. Log out, then open the link again.`);
    }
    const already = await tx.membership.count({ where: { userId: user.id, teamId: inv.teamId } });
    if (already > 0) throw new AppError("conflict", `You are already a member of ${inv.team.name}.`);
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date(), acceptedById: user.id } });
    await tx.membership.create({ data: { userId: user.id, teamId: inv.teamId, role: inv.role } });
    await recordAudit(tx, { teamId: inv.teamId, userId: user.id }, [
      { action: "invitation.accept", entityType: "invitation", entityId: inv.id, summary: `${inv.email} accepted the invitation` },
      { action: "member.create", entityType: "member", entityId: user.id, summary: `${inv.email} joined as ${roleName(inv.role)}`, after: { email: inv.email, role: inv.role } },
    ]);
    return { teamId: inv.teamId, teamName: inv.team.name };
  });
}

/**
 * Sign-up from an invitation page: the account is made for the invited address and joins that team (no team of its
 * own), all in one transaction. Works when open sign-up is off; limited per client IP like every sign-up.
 */
export async function signUpWithInvitation(input: InviteSignUpInput, ip: string): Promise<{ email: string; teamId: string }> {
  await consumeSignUpAttempt(ip);
  await assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const inv = await lockUsableInvitation(tx, input.token);
      const user = await tx.user.create({ data: { email: inv.email, name: input.name, passwordHash }, select: { id: true } });
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date(), acceptedById: user.id } });
      await tx.membership.create({ data: { userId: user.id, teamId: inv.teamId, role: inv.role } });
      await recordAudit(tx, { teamId: inv.teamId, userId: user.id }, [
        { action: "invitation.accept", entityType: "invitation", entityId: inv.id, summary: `${inv.email} accepted the invitation` },
        { action: "member.create", entityType: "member", entityId: user.id, summary: `${inv.email} signed up and joined as ${roleName(inv.role)}`, after: { email: inv.email, role: inv.role } },
      ]);
      return { email: inv.email, teamId: inv.teamId };
    });
  } catch (e) {
    if (violatedUniqueIndex(e) === "User_email_key") {
      throw new AppError("conflict", "An account with this e-mail already exists. Log in to accept the invitation.");
    }
    throw e;
  }
}

/** Gives a member another role (owners only; OWNER itself passes only by transfer, and nobody changes their own). */
export async function changeMemberRole(ctx: TeamContext, userId: string, role: AssignableRole): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeamAs(tx, ctx, "members:manage");
    if (userId === ctx.userId) throw new AppError("conflict", "You cannot change your own role. Transfer ownership to another member instead.");
    const member = await getMemberOrThrow(tx, ctx, userId);
    if (member.role === role) return;
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, ctx, {
      action: "member.role_change",
      entityType: "member",
      entityId: userId,
      summary: `Changed ${member.user.email} from ${roleName(member.role)} to ${roleName(role)}`,
      before: { role: member.role },
      after: { role },
    });
  });
}

/** Removes a member (owners only): their next request no longer reaches this team. */
export async function removeMember(ctx: TeamContext, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeamAs(tx, ctx, "members:manage");
    if (userId === ctx.userId) throw new AppError("conflict", "To remove yourself, use “Leave team”.");
    const member = await getMemberOrThrow(tx, ctx, userId);
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, ctx, {
      action: "member.remove",
      entityType: "member",
      entityId: userId,
      summary: `Removed ${member.user.email} (${roleName(member.role)})`,
      before: { email: member.user.email, role: member.role },
    });
  });
}

/** The caller leaves the team; the team's last owner must transfer ownership first. */
export async function leaveTeam(ctx: TeamContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const me = await lockTeamAs(tx, ctx, "team:read");
    if (me.role === "OWNER") {
      const owners = await tx.membership.count({ where: { teamId: ctx.teamId, role: "OWNER" } });
      if (owners <= 1) throw new AppError("conflict", "You are the team's only owner. Transfer ownership to another member before leaving.");
    }
    // The audit row is written first: its actor label is read from the membership's user, who still exists after.
    await recordAudit(tx, ctx, {
      action: "member.leave",
      entityType: "member",
      entityId: ctx.userId,
      summary: `${me.email} left the team`,
      before: { email: me.email, role: me.role },
    });
    await tx.membership.delete({ where: { userId_teamId: { userId: ctx.userId, teamId: ctx.teamId } } });
  });
}

/** Makes another member the owner and the caller an admin, in one transaction (owners only). */
export async function transferOwnership(ctx: TeamContext, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const me = await lockTeamAs(tx, ctx, "team:manage");
    if (userId === ctx.userId) throw new AppError("conflict", "Choose another member to transfer ownership to.");
    const member = await getMemberOrThrow(tx, ctx, userId);
    if (member.role === "OWNER") throw new AppError("conflict", `${member.user.email} is already an owner.`);
    await tx.membership.update({ where: { id: member.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { userId_teamId: { userId: ctx.userId, teamId: ctx.teamId } }, data: { role: "ADMIN" } });
    await recordAudit(tx, ctx, {
      action: "team.transfer_ownership",
      entityType: "team",
      entityId: ctx.teamId,
      summary: `Transferred ownership of ${me.teamName} from ${me.email} to ${member.user.email}`,
      before: { owner: me.email, newOwnerRole: member.role },
      after: { owner: member.user.email, previousOwnerRole: "ADMIN" },
    });
  });
}
