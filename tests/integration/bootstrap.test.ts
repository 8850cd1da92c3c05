import { afterEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { signUpAction } from "@/lib/teams/actions";
import { bootstrapFromEnv } from "@/lib/teams/seed";
import { uniqueEmail } from "../support/factories";

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe("headless setup from TUNECOST_BOOTSTRAP_*", () => {
  it("creates the first team and owner, and is idempotent", async () => {
    const email = uniqueEmail("boot");
    const team = `boot-${Date.now().toString(36)}`;
    Object.assign(process.env, {
      TUNECOST_BOOTSTRAP_EMAIL: email,
      TUNECOST_BOOTSTRAP_PASSWORD: "bootstrap password",
      TUNECOST_BOOTSTRAP_TEAM: team,
      TUNECOST_BOOTSTRAP_TEAM_NAME: "Boot Co",
    });
    expect(await bootstrapFromEnv()).toBe(true);
    expect(await bootstrapFromEnv()).toBe(true);
    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { passwordHash: true, memberships: { select: { role: true, team: { select: { slug: true, name: true } } } } },
    });
    expect(await verifyPassword(user.passwordHash, "bootstrap password")).toBe(true);
    expect(user.memberships).toEqual([{ role: "OWNER", team: { slug: team, name: "Boot Co" } }]);
  });

  it("refuses bad values with the variable's name", async () => {
    Object.assign(process.env, { TUNECOST_BOOTSTRAP_EMAIL: "not-an-email", TUNECOST_BOOTSTRAP_PASSWORD: "short", TUNECOST_BOOTSTRAP_TEAM: "x" });
    await expect(bootstrapFromEnv()).rejects.toThrow(/TUNECOST_BOOTSTRAP_EMAIL[\s\S]*TUNECOST_BOOTSTRAP_PASSWORD/);
  });

  it("does nothing when not configured", async () => {
    delete process.env.TUNECOST_BOOTSTRAP_EMAIL;
    expect(await bootstrapFromEnv()).toBe(false);
  });
});

describe("sign-up switch", () => {
  it("refuses sign-up when TUNECOST_SIGNUP_ENABLED=false and writes nothing", async () => {
    process.env.TUNECOST_SIGNUP_ENABLED = "false";
    const email = uniqueEmail("closed");
    const result = await signUpAction({ name: "No", email, password: "long enough pass", teamName: "Closed" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("returns field errors for bad input", async () => {
    const result = await signUpAction({ name: "", email: "nope", password: "short", teamName: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields ?? {}).sort()).toEqual(["email", "name", "password", "teamName"]);
  });
});
