import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { dataDir } from "./paths";

/**
 * Ensures NEXTAUTH_SECRET. Production refuses to start without one; development
 * generates one once and keeps it in `.data/`, so sessions survive restarts
 * and the first start needs no manual step.
 */
export async function ensureAuthSecret(dev: boolean): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  if (!dev) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. Production needs a fixed secret to sign sessions: generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  const file = join(dataDir(), "nextauth-secret");
  let secret = (await fs.readFile(file, "utf8").catch(() => "")).trim();
  if (!secret) {
    secret = randomBytes(32).toString("base64url");
    await fs.mkdir(dataDir(), { recursive: true });
    await fs.writeFile(file, secret + "\n", { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
}
