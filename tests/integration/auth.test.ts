import { describe, expect, it } from "vitest";
import { loadSessionUser, pickTeam } from "@/lib/auth/resolve-context";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUserWithTeam, ensureMember } from "@/lib/teams/bootstrap";
import { signUpSchema } from "@/lib/teams/schemas";
import { createTeamWithOwner, uniqueEmail } from "../support/factories";

describe("sign-up", () => {
  it("creates the user, their team and an OWNER membership together", async () => {
    const email = uniqueEmail("signup");
    const { userId, teamId } = await createUserWithTeam({ name: "Ada", email, password: "a long passphrase", teamName: "Ada's Lab" });

    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
    expect(user.email).toBe(email);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "a long passphrase")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "wrong passphrase")).toBe(false);

    const membership = await db.membership.findUniqueOrThrow({ where: { userId_teamId: { userId, teamId } }, select: { role: true } });
    expect(membership.role).toBe("OWNER");
    const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true, slug: true } });
    expect(team.name).toBe("Ada's Lab");
    expect(team.slug).toMatch(/^ada-s-lab/);
  });

  it("answers a duplicate e-mail with a field error and writes nothing", async () => {
    const existing = await createTeamWithOwner();
    const teamName = `Second team ${existing.teamId.slice(0, 8)}`;

    // The sign-up schema lower-cases e-mails, so "ADA@…" and "ada@…" are one account.
    const input = signUpSchema.parse({ name: "Again", email: existing.email.toUpperCase(), password: "another passphrase", teamName });
    const error = await createUserWithTeam(input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).fields?.email?.[0]).toMatch(/already exists/);
    // Scoped counts: other test files write to the same database concurrently.
    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
    expect(await db.team.count({ where: { name: teamName } })).toBe(0);
    expect(await db.membership.count({ where: { userId: existing.userId } })).toBe(1);
  });

  it("gives two teams with the same name different slugs", async () => {
    const a = await createTeamWithOwner({ teamName: "Same Name Inc" });
    const b = await createTeamWithOwner({ teamName: "Same Name Inc" });
    const slugs = await db.team.findMany({ where: { id: { in: [a.teamId, b.teamId] } }, select: { slug: true } });
    expect(new Set(slugs.map((s) => s.slug)).size).toBe(2);
  });
});

describe("session re-check", () => {
  it("denies the next request once the membership is removed", async () => {
    const owner = await createTeamWithOwner();
    const user = await db.user.findUniqueOrThrow({ where: { id: owner.userId }, select: { sessionVersion: true } });
    const token = { userId: owner.userId, sessionVersion: user.sessionVersion };

    const before = await loadSessionUser(token);
    expect(pickTeam(before!, owner.teamId)).toEqual({ userId: owner.userId, teamId: owner.teamId, role: "OWNER" });

    await db.membership.delete({ where: { userId_teamId: { userId: owner.userId, teamId: owner.teamId } } });
    const after = await loadSessionUser(token);
    expect(after).not.toBeNull();
    expect(pickTeam(after!, owner.teamId)).toBeNull();
  });

  it("falls back to a team the user still belongs to, never the removed one", async () => {
    const owner = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    await db.membership.create({ data: { userId: owner.userId, teamId: other.teamId, role: "VIEWER" } });
    await db.membership.delete({ where: { userId_teamId: { userId: owner.userId, teamId: owner.teamId } } });
    const user = await loadSessionUser({ userId: owner.userId, sessionVersion: 0 });
    expect(pickTeam(user!, owner.teamId)).toEqual({ userId: owner.userId, teamId: other.teamId, role: "VIEWER" });
  });

  it("ends every session of a deleted user or a bumped session version", async () => {
    const owner = await createTeamWithOwner();
    await db.user.update({ where: { id: owner.userId }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser({ userId: owner.userId, sessionVersion: 0 })).toBeNull();
    await db.user.delete({ where: { id: owner.userId } });
    expect(await loadSessionUser({ userId: owner.userId, sessionVersion: 1 })).toBeNull();
  });
});

describe("ensureMember (CLI user create)", () => {
  it("is safe to run twice", async () => {
    const email = uniqueEmail("cli");
    const slug = `cli-${Date.now().toString(36)}`;
    const first = await ensureMember({ email, password: "first password", teamSlug: slug, role: "ADMIN" });
    const second = await ensureMember({ email, password: "second password", teamSlug: slug, role: "OWNER" });
    expect(first).toEqual({ userCreated: true, teamCreated: true, membershipCreated: true });
    expect(second).toEqual({ userCreated: false, teamCreated: false, membershipCreated: false });
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true, memberships: { select: { role: true } } } });
    expect(await verifyPassword(user.passwordHash, "first password")).toBe(true);
    expect(user.memberships).toEqual([{ role: "ADMIN" }]);
  });
});
