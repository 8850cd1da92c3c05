import { randomUUID } from "node:crypto";
import { createUserWithTeam } from "@/lib/teams/bootstrap";

/** A unique e-mail so tests never collide, also across runs on one database. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs up a new user with their own team (the real sign-up path). */
export async function createTeamWithOwner(overrides: Partial<{ email: string; password: string; name: string; teamName: string }> = {}) {
  const input = {
    name: overrides.name ?? "Test Owner",
    email: overrides.email ?? uniqueEmail("owner"),
    password: overrides.password ?? "correct horse battery",
    teamName: overrides.teamName ?? `Team ${randomUUID().slice(0, 6)}`,
  };
  const ids = await createUserWithTeam(input);
  return { ...ids, ...input };
}
