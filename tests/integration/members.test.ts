import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/mutations";
import { verifyPassword } from "@/lib/auth/password";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password-policy";
import { loadSessionUser, pickTeam, type TeamContext } from "@/lib/auth/resolve-context";
import { encodeSessionToken, readSessionToken } from "@/lib/auth/session-token";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  leaveTeam,
  removeMember,
  resendInvitation,
  revokeInvitation,
  signUpWithInvitation,
  transferOwnership,
} from "@/lib/members/mutations";
import { listMembers, listPendingInvitations, unsafeFindInvitationByToken } from "@/lib/members/queries";
import { hashInvitationToken } from "@/lib/members/tokens";
import { createUserWithTeam, ensureMember } from "@/lib/teams/bootstrap";
import { bootstrapFromEnv } from "@/lib/teams/seed";
import { createTeamWithOwner, uniqueEmail } from "../support/factories";

const ORIGIN = "http://tunecost.test";
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** A client IP of its own, so rate-limit buckets never leak between tests (or runs on one database). */
const freshIp = () => `198.51.100.${randomUUID()}`;

/** The error a call rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the call to be refused").toBeInstanceOf(AppError);
  return error as AppError;
}

async function ownerCtx() {
  const owner = await createTeamWithOwner();
  const ctx: TeamContext = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" };
  return { owner, ctx };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

/** A user with a team of their own, added to `teamId` with `role` (what an accepted invitation leaves behind). */
async function addMember(teamId: string, role: Role) {
  const user = await createTeamWithOwner();
  await db.membership.create({ data: { userId: user.userId, teamId, role } });
  return { ...user, ctx: { userId: user.userId, teamId, role } as TeamContext };
}

async function roleIn(teamId: string, userId: string): Promise<Role | null> {
  const m = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } }, select: { role: true } });
  return m?.role ?? null;
}

async function auditActions(teamId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { teamId }, select: { action: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

describe("invitations", () => {
  it("invite → accept once as the invited address → a second accept is refused", async () => {
    const { ctx } = await ownerCtx();
    const invitee = await createTeamWithOwner();
    const issued = await createInvitation(ctx, { email: invitee.email, role: "ADMIN" }, ORIGIN);
    expect(issued.link).toMatch(/^http:\/\/tunecost\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(issued.emailed).toBe(false);
    const token = tokenOf(issued.link);

    // Only the hash is stored.
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: issued.id }, select: { tokenHash: true } });
    expect(stored.tokenHash).toBe(hashInvitationToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect((await listPendingInvitations(ctx)).map((i) => i.email)).toEqual([invitee.email]);

    const joined = await acceptInvitation({ id: invitee.userId, email: invitee.email }, token);
    expect(joined.teamId).toBe(ctx.teamId);
    expect(await roleIn(ctx.teamId, invitee.userId)).toBe("ADMIN");
    expect(await listPendingInvitations(ctx)).toEqual([]);
    expect((await unsafeFindInvitationByToken(token))?.state).toBe("accepted");

    // Leaving and trying the same link again: it is spent.
    await leaveTeam({ userId: invitee.userId, teamId: ctx.teamId, role: "ADMIN" });
    const again = await failure(acceptInvitation({ id: invitee.userId, email: invitee.email }, token));
    expect(again.code).toBe("conflict");
    expect(again.message).toMatch(/already been used/);
    expect(await roleIn(ctx.teamId, invitee.userId)).toBeNull();
    expect(await auditActions(ctx.teamId)).toEqual(["invitation.create", "invitation.accept", "member.create", "member.leave"]);
  });

  it("refuses an expired link with its own message", async () => {
    const { ctx } = await ownerCtx();
    const invitee = await createTeamWithOwner();
    const issued = await createInvitation(ctx, { email: invitee.email, role: "MEMBER" }, ORIGIN);
    await db.invitation.update({ where: { id: issued.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect((await unsafeFindInvitationByToken(tokenOf(issued.link)))?.state).toBe("expired");
    const error = await failure(acceptInvitation({ id: invitee.userId, email: invitee.email }, tokenOf(issued.link)));
    expect(error.message).toMatch(/expired/);
    expect(await roleIn(ctx.teamId, invitee.userId)).toBeNull();
    // Still listed (as expired) so the owner can send a new link.
    expect((await listPendingInvitations(ctx)).map((i) => i.expired)).toEqual([true]);
  });

  it("refuses a revoked link; a new link replaces the old one", async () => {
    const { ctx } = await ownerCtx();
    const invitee = await createTeamWithOwner();
    const first = await createInvitation(ctx, { email: invitee.email, role: "VIEWER" }, ORIGIN);
    const second = await resendInvitation(ctx, first.id, ORIGIN);
    expect(second.link).not.toBe(first.link);

    const old = await failure(acceptInvitation({ id: invitee.userId, email: invitee.email }, tokenOf(first.link)));
    expect(old.message).toMatch(/withdrawn/);

    await revokeInvitation(ctx, second.id);
    expect((await unsafeFindInvitationByToken(tokenOf(second.link)))?.state).toBe("revoked");
    const revoked = await failure(acceptInvitation({ id: invitee.userId, email: invitee.email }, tokenOf(second.link)));
    expect(revoked.message).toMatch(/withdrawn/);
    expect(await roleIn(ctx.teamId, invitee.userId)).toBeNull();
    expect(await listPendingInvitations(ctx)).toEqual([]);
  });

  it("inviting the same address again revokes the earlier link", async () => {
    const { ctx } = await ownerCtx();
    const email = uniqueEmail("twice");
    const first = await createInvitation(ctx, { email, role: "MEMBER" }, ORIGIN);
    await createInvitation(ctx, { email, role: "ADMIN" }, ORIGIN);
    expect((await unsafeFindInvitationByToken(tokenOf(first.link)))?.state).toBe("revoked");
    expect((await listPendingInvitations(ctx)).map((i) => i.role)).toEqual(["ADMIN"]);
  });

  it("refuses a signed-in user whose e-mail is not the invited one, and leaves the link usable", async () => {
    const { ctx } = await ownerCtx();
    const invitee = await createTeamWithOwner();
    const intruder = await createTeamWithOwner();
    const issued = await createInvitation(ctx, { email: invitee.email, role: "MEMBER" }, ORIGIN);

    const error = await failure(acceptInvitation({ id: intruder.userId, email: intruder.email }, tokenOf(issued.link)));
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain(invitee.email);
    expect(await roleIn(ctx.teamId, intruder.userId)).toBeNull();
    expect((await unsafeFindInvitationByToken(tokenOf(issued.link)))?.state).toBe("valid");
  });

  it("refuses an unknown token and an address that is already a member", async () => {
    const { ctx, owner } = await ownerCtx();
    const unknown = await failure(acceptInvitation({ id: owner.userId, email: owner.email }, "A".repeat(43)));
    expect(unknown.code).toBe("not_found");
    const member = await failure(createInvitation(ctx, { email: owner.email, role: "ADMIN" }, ORIGIN));
    expect(member.code).toBe("conflict");
    expect(member.fields?.email).toEqual(["Already a member of this team"]);
  });

  it("signs up through the link: the account joins the inviting team, with no team of its own", async () => {
    const { ctx } = await ownerCtx();
    const email = uniqueEmail("invited");
    const issued = await createInvitation(ctx, { email, role: "MEMBER" }, ORIGIN);
    const token = tokenOf(issued.link);

    const common = await failure(signUpWithInvitation({ token, name: "Ivy", password: "iloveyou" }, freshIp()));
    expect(common.fields?.password).toEqual([COMMON_PASSWORD_MESSAGE]);
    expect(await db.user.count({ where: { email } })).toBe(0);

    const joined = await signUpWithInvitation({ token, name: "Ivy", password: "ivy's own passphrase" }, freshIp());
    expect(joined).toEqual({ email, teamId: ctx.teamId });
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true, memberships: { select: { teamId: true, role: true } } } });
    expect(user.memberships).toEqual([{ teamId: ctx.teamId, role: "MEMBER" }]);
    expect(await verifyPassword(user.passwordHash, "ivy's own passphrase")).toBe(true);

    const reuse = await failure(signUpWithInvitation({ token, name: "Ivy again", password: "another passphrase" }, freshIp()));
    expect(reuse.message).toMatch(/already been used/);
  });

  it("cannot be managed from another team: ids of another team answer 404", async () => {
    const a = await ownerCtx();
    const b = await ownerCtx();
    const issued = await createInvitation(a.ctx, { email: uniqueEmail("a"), role: "MEMBER" }, ORIGIN);
    expect((await failure(revokeInvitation(b.ctx, issued.id))).code).toBe("not_found");
    expect((await failure(resendInvitation(b.ctx, issued.id, ORIGIN))).code).toBe("not_found");
    expect((await failure(removeMember(b.ctx, a.owner.userId))).code).toBe("not_found");
    expect((await failure(changeMemberRole(b.ctx, a.owner.userId, "VIEWER"))).code).toBe("not_found");
    expect((await failure(transferOwnership(b.ctx, a.owner.userId))).code).toBe("not_found");
    expect(await roleIn(a.ctx.teamId, a.owner.userId)).toBe("OWNER");
    expect((await unsafeFindInvitationByToken(tokenOf(issued.link)))?.state).toBe("valid");
  });

  it("queues the invitation e-mail when SMTP is configured, without the link in the audit trail", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const { ctx } = await ownerCtx();
    const email = uniqueEmail("mailed");
    const issued = await createInvitation(ctx, { email, role: "VIEWER" }, ORIGIN);
    expect(issued.emailed).toBe(true);
    const mail = await db.emailOutbox.findMany({ where: { teamId: ctx.teamId }, select: { toAddress: true, subject: true, body: true } });
    expect(mail).toHaveLength(1);
    expect(mail[0]?.toAddress).toBe(email);
    expect(mail[0]?.body).toContain(issued.link);
    const audit = await db.auditEvent.findMany({ where: { teamId: ctx.teamId }, select: { summary: true, after: true } });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(issued.link));
  });
});

describe("members", () => {
  it("removing a member denies their next request", async () => {
    const { ctx } = await ownerCtx();
    const email = uniqueEmail("removed");
    const issued = await createInvitation(ctx, { email, role: "MEMBER" }, ORIGIN);
    await signUpWithInvitation({ token: tokenOf(issued.link), name: "Rem", password: "removable passphrase" }, freshIp());
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, sessionVersion: true } });
    const session = { userId: user.id, sessionVersion: user.sessionVersion };
    expect(pickTeam((await loadSessionUser(session))!, ctx.teamId)?.teamId).toBe(ctx.teamId);

    await removeMember(ctx, user.id);

    // The same session, on its next request: no team left, so every team page and action is refused.
    const after = await loadSessionUser(session);
    expect(pickTeam(after!, ctx.teamId)).toBeNull();
    expect((await listMembers(ctx)).map((m) => m.email)).not.toContain(email);
    expect(await auditActions(ctx.teamId)).toContain("member.remove");
  });

  it("a removed admin's in-flight change is refused under the lock", async () => {
    const { ctx } = await ownerCtx();
    const admin = await addMember(ctx.teamId, "ADMIN");
    await removeMember(ctx, admin.userId);
    const error = await failure(leaveTeam(admin.ctx));
    expect(error.code).toBe("not_found");
  });

  it("only owners manage members, checked again inside the transaction", async () => {
    const { ctx } = await ownerCtx();
    const admin = await addMember(ctx.teamId, "ADMIN");
    const viewer = await addMember(ctx.teamId, "VIEWER");
    expect((await failure(createInvitation(admin.ctx, { email: uniqueEmail(), role: "VIEWER" }, ORIGIN))).code).toBe("forbidden");
    expect((await failure(removeMember(admin.ctx, viewer.userId))).code).toBe("forbidden");
    expect((await failure(changeMemberRole(admin.ctx, viewer.userId, "ADMIN"))).code).toBe("forbidden");
    // A context that claims OWNER is not believed: the role is read again under the lock.
    expect((await failure(removeMember({ ...admin.ctx, role: "OWNER" }, viewer.userId))).code).toBe("forbidden");
    expect(await roleIn(ctx.teamId, viewer.userId)).toBe("VIEWER");
  });

  it("changes roles, but not one's own", async () => {
    const { ctx } = await ownerCtx();
    const member = await addMember(ctx.teamId, "MEMBER");
    await changeMemberRole(ctx, member.userId, "VIEWER");
    expect(await roleIn(ctx.teamId, member.userId)).toBe("VIEWER");
    const own = await failure(changeMemberRole(ctx, ctx.userId, "ADMIN"));
    expect(own.code).toBe("conflict");
    expect(await roleIn(ctx.teamId, ctx.userId)).toBe("OWNER");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: ctx.teamId, action: "member.role_change" }, select: { before: true, after: true } });
    expect(audit).toEqual({ before: { role: "MEMBER" }, after: { role: "VIEWER" } });
  });

  it("the last owner cannot leave; a member can", async () => {
    const { ctx } = await ownerCtx();
    const member = await addMember(ctx.teamId, "MEMBER");
    const error = await failure(leaveTeam(ctx));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/only owner/);
    expect(await roleIn(ctx.teamId, ctx.userId)).toBe("OWNER");

    await leaveTeam(member.ctx);
    expect(await roleIn(ctx.teamId, member.userId)).toBeNull();
  });

  it("two owners leaving at once leave one owner behind", async () => {
    const { ctx } = await ownerCtx();
    const second = await addMember(ctx.teamId, "OWNER");
    const results = await Promise.allSettled([leaveTeam(ctx), leaveTeam(second.ctx)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: ctx.teamId, role: "OWNER" } })).toBe(1);
  });

  it("transfers ownership in one step: the new owner is OWNER, the previous one ADMIN", async () => {
    const { ctx } = await ownerCtx();
    const member = await addMember(ctx.teamId, "VIEWER");
    await transferOwnership(ctx, member.userId);
    expect(await roleIn(ctx.teamId, member.userId)).toBe("OWNER");
    expect(await roleIn(ctx.teamId, ctx.userId)).toBe("ADMIN");
    // The previous owner can no longer manage members; the new one can, and the previous one may now leave.
    expect((await failure(removeMember(ctx, member.userId))).code).toBe("forbidden");
    await changeMemberRole({ ...member.ctx, role: "OWNER" }, ctx.userId, "MEMBER");
    expect(await roleIn(ctx.teamId, ctx.userId)).toBe("MEMBER");
    expect(await auditActions(ctx.teamId)).toEqual(["team.transfer_ownership", "member.role_change"]);
  });
});

describe("password change", () => {
  it("ends every other session but re-issues the current one", async () => {
    const owner = await createTeamWithOwner({ password: "the first passphrase" });
    const user = { id: owner.userId, email: owner.email, name: owner.name };
    const other = await encodeSessionToken({ ...user, sessionVersion: 0 });
    const read = (raw: string) => readSessionToken((name) => (name === "next-auth.session-token" ? raw : undefined));
    expect(await loadSessionUser((await read(other))!)).not.toBeNull();

    const { sessionVersion } = await changePassword(
      user,
      { currentPassword: "the first passphrase", newPassword: "the second passphrase", confirmPassword: "the second passphrase" },
      freshIp(),
    );
    expect(sessionVersion).toBe(1);

    // The other browser's token is now rejected on its next request…
    expect(await loadSessionUser((await read(other))!)).toBeNull();
    // …while the token re-issued to the browser that made the change works.
    const current = await encodeSessionToken({ ...user, sessionVersion });
    const session = await loadSessionUser((await read(current))!);
    expect(session?.id).toBe(owner.userId);
    const stored = await db.user.findUniqueOrThrow({ where: { id: owner.userId }, select: { passwordHash: true } });
    expect(await verifyPassword(stored.passwordHash, "the second passphrase")).toBe(true);
  });

  it("requires the current password and the policy, and changes nothing otherwise", async () => {
    const owner = await createTeamWithOwner({ password: "the first passphrase" });
    const user = { id: owner.userId, email: owner.email };
    const ip = freshIp();
    const wrong = await failure(changePassword(user, { currentPassword: "not it at all", newPassword: "a new passphrase", confirmPassword: "a new passphrase" }, ip));
    expect(wrong.fields?.currentPassword).toEqual(["This is not your current password"]);
    const common = await failure(changePassword(user, { currentPassword: "the first passphrase", newPassword: "password1", confirmPassword: "password1" }, ip));
    expect(common.fields?.newPassword).toEqual([COMMON_PASSWORD_MESSAGE]);
    const row = await db.user.findUniqueOrThrow({ where: { id: owner.userId }, select: { sessionVersion: true, passwordHash: true } });
    expect(row.sessionVersion).toBe(0);
    expect(await verifyPassword(row.passwordHash, "the first passphrase")).toBe(true);
  });
});

describe("rate limits", () => {
  it("limits invitations per team, with a wait to show", async () => {
    process.env.TUNECOST_INVITATIONS_PER_TEAM_PER_HOUR = "2";
    const { ctx } = await ownerCtx();
    const other = await ownerCtx();
    await createInvitation(ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN);
    await createInvitation(ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN);
    const error = await failure(createInvitation(ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN));
    expect(error.code).toBe("rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).toMatch(/too many invitations/);
    expect(await listPendingInvitations(ctx)).toHaveLength(2);
    // Another team has its own budget.
    await expect(createInvitation(other.ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN)).resolves.toBeDefined();
  });

  it("limits sign-ups per client IP", async () => {
    process.env.TUNECOST_SIGNUPS_PER_IP_PER_HOUR = "1";
    const { ctx } = await ownerCtx();
    const ip = freshIp();
    const first = await createInvitation(ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN);
    const second = await createInvitation(ctx, { email: uniqueEmail(), role: "MEMBER" }, ORIGIN);
    await signUpWithInvitation({ token: tokenOf(first.link), name: "One", password: "first of the day" }, ip);
    const error = await failure(signUpWithInvitation({ token: tokenOf(second.link), name: "Two", password: "second of the day" }, ip));
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/Too many sign-ups/);
    expect(await db.user.count({ where: { email: second.email } })).toBe(0);
    // Another address is not affected.
    await signUpWithInvitation({ token: tokenOf(second.link), name: "Two", password: "second of the day" }, freshIp());
    expect(await db.user.count({ where: { email: second.email } })).toBe(1);
  });
});

describe("password policy at every entry", () => {
  it("refuses a common password at sign-up, `user create` and bootstrap, and writes nothing", async () => {
    const email = uniqueEmail("common");
    const signUp = await failure(createUserWithTeam({ name: "C", email, password: "Password1", teamName: `Common ${randomUUID().slice(0, 6)}` }));
    expect(signUp.fields?.password).toEqual([COMMON_PASSWORD_MESSAGE]);
    const slug = `common-${randomUUID().slice(0, 8)}`;
    const cli = await failure(ensureMember({ email, password: "qwertyuiop", teamSlug: slug, role: "OWNER" }));
    expect(cli.fields?.password).toEqual([COMMON_PASSWORD_MESSAGE]);
    Object.assign(process.env, { TUNECOST_BOOTSTRAP_EMAIL: email, TUNECOST_BOOTSTRAP_PASSWORD: "iloveyou", TUNECOST_BOOTSTRAP_TEAM: slug });
    await expect(bootstrapFromEnv()).rejects.toThrow(/TUNECOST_BOOTSTRAP_PASSWORD: This password is on a list of commonly used passwords/);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.team.count({ where: { slug } })).toBe(0);
  });
});
