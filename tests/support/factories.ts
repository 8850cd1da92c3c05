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

/** A team's own dated gpt-4o-mini price (a negotiated rate): $2.50 training, $0.25 / $0.125 / $1.00 fine-tuned. */
export async function createTeamMiniPrice(teamId: string, effectiveFrom: string) {
  const { db } = await import("@/lib/db/client");
  return db.priceEntry.create({
    data: {
      modelId: "gpt-4o-mini-2024-07-18",
      teamId,
      priceSet: "openai",
      effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
      trainingPerMTokUsd: "2.5",
      inputPerMTokUsd: "0.25",
      cachedInputPerMTokUsd: "0.125",
      outputPerMTokUsd: "1",
      baseInputPerMTokUsd: "0.15",
      baseCachedInputPerMTokUsd: "0.075",
      baseOutputPerMTokUsd: "0.6",
    },
  });
}
