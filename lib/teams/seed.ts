import "server-only";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { violatedUniqueIndex } from "@/lib/db/errors";
import { dataDir } from "@/lib/platform/paths";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ensureMember } from "./bootstrap";
import { emailSchema, passwordSchema, teamSlugSchema } from "./schemas";

const DEMO_EMAIL = "demo@tunecost.local";

/**
 * Creates the demo team and user once, on an empty database, and keeps the
 * generated login in `.data/demo-login.txt` so it can be printed at every start.
 * Returns the login text to print, or null when there is no demo account.
 */
export async function seedDemoOnce(): Promise<string | null> {
  const file = join(dataDir(), "demo-login.txt");
  if ((await db.user.count()) === 0) {
    const password = randomBytes(9).toString("base64url");
    try {
      await ensureMember({ email: DEMO_EMAIL, password, name: "Demo User", teamSlug: "demo", teamName: "Demo team", role: "OWNER" });
      await fs.mkdir(dataDir(), { recursive: true });
      await fs.writeFile(file, `E-mail:   ${DEMO_EMAIL}\nPassword: ${password}\n`, { mode: 0o600 });
    } catch (error) {
      // Two instances starting on one empty database both saw no user: the other one's demo account (and its login
      // file) stands, and this one starts instead of exiting.
      if (!violatedUniqueIndex(error)) throw error;
    }
  }
  const demoExists = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  return demoExists ? await fs.readFile(file, "utf8").catch(() => null) : null;
}

const bootstrapSchema = z.object({
  TUNECOST_BOOTSTRAP_EMAIL: emailSchema,
  TUNECOST_BOOTSTRAP_PASSWORD: passwordSchema,
  TUNECOST_BOOTSTRAP_TEAM: teamSlugSchema,
  TUNECOST_BOOTSTRAP_TEAM_NAME: z.string().trim().min(1).max(100).optional(),
});

/** Headless setup: creates the first team and owner from TUNECOST_BOOTSTRAP_* variables (idempotent). Returns true when configured. */
export async function bootstrapFromEnv(): Promise<boolean> {
  if (!process.env.TUNECOST_BOOTSTRAP_EMAIL) return false;
  const parsed = bootstrapSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`).join("\n");
    throw new Error(`Invalid TUNECOST_BOOTSTRAP_* variables:\n${lines}`);
  }
  const e = parsed.data;
  const existing = await db.user.findUnique({ where: { email: e.TUNECOST_BOOTSTRAP_EMAIL }, select: { id: true } });
  const problem = existing ? null : await passwordProblem(e.TUNECOST_BOOTSTRAP_PASSWORD);
  if (problem) throw new Error(`Invalid TUNECOST_BOOTSTRAP_* variables:\n  TUNECOST_BOOTSTRAP_PASSWORD: ${problem}`);
  await ensureMember({
    email: e.TUNECOST_BOOTSTRAP_EMAIL,
    password: e.TUNECOST_BOOTSTRAP_PASSWORD,
    teamSlug: e.TUNECOST_BOOTSTRAP_TEAM,
    teamName: e.TUNECOST_BOOTSTRAP_TEAM_NAME,
    role: "OWNER",
  });
  return true;
}
