import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { violatedUniqueIndex } from "@/lib/db/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { assertPasswordAllowed } from "@/lib/auth/password-policy";
import type { SignUpInput } from "./schemas";

/** A URL-safe slug from a team name, e.g. "Acme AI" → "acme-ai". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return slug || "team";
}

/**
 * Sign-up: the user, their team and an OWNER membership in one transaction.
 * A taken e-mail is a field error and writes nothing.
 */
export async function createUserWithTeam(input: SignUpInput): Promise<{ userId: string; teamId: string }> {
  await assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.teamName);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base.slice(0, 32)}-${randomBytes(3).toString("hex")}`;
    try {
      return await db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } });
        const team = await tx.team.create({ data: { name: input.teamName, slug }, select: { id: true } });
        await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: "OWNER" } });
        return { userId: user.id, teamId: team.id };
      });
    } catch (e) {
      const index = violatedUniqueIndex(e);
      if (index === "User_email_key") {
        throw new AppError("conflict", "An account with this e-mail already exists.", {
          email: ["An account with this e-mail already exists. Log in instead."],
        });
      }
      if (index !== "Team_slug_key") throw e;
      // slug taken: try again with a suffix
    }
  }
  throw new AppError("conflict", "Could not find a free address for this team name; try another name.");
}

export interface EnsureMemberInput {
  email: string;
  password: string;
  name?: string;
  teamSlug: string;
  teamName?: string;
  role: Role;
}

/**
 * Idempotent admin bootstrap used by the CLI, the demo seed and headless setup:
 * creates the team and the user when missing and makes the user a member.
 * An existing user keeps their password; an existing membership keeps its role. A new user's password must pass
 * the password policy (an existing one's is not checked: their password stays as it is).
 */
export async function ensureMember(input: EnsureMemberInput): Promise<{ userCreated: boolean; teamCreated: boolean; membershipCreated: boolean }> {
  if (!(await db.user.findUnique({ where: { email: input.email }, select: { id: true } }))) await assertPasswordAllowed(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const existingTeam = await tx.team.findUnique({ where: { slug: input.teamSlug }, select: { id: true } });
    const team =
      existingTeam ??
      (await tx.team.upsert({
        where: { slug: input.teamSlug },
        create: { slug: input.teamSlug, name: input.teamName ?? input.teamSlug },
        update: {},
        select: { id: true },
      }));
    const existingUser = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    const user =
      existingUser ??
      (await tx.user.upsert({
        where: { email: input.email },
        create: { email: input.email, name: input.name ?? input.email.split("@")[0] ?? input.email, passwordHash },
        update: {},
        select: { id: true },
      }));
    const existingMembership = await tx.membership.findUnique({
      where: { userId_teamId: { userId: user.id, teamId: team.id } },
      select: { id: true },
    });
    if (!existingMembership) {
      await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: input.role } });
    }
    return { userCreated: !existingUser, teamCreated: !existingTeam, membershipCreated: !existingMembership };
  });
}
