import { afterEach, describe, expect, it } from "vitest";
import { authOptions } from "./options";

const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, NODE_ENV: process.env.NODE_ENV, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };

function configure(url: string | undefined, nodeEnv: string) {
  if (url === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = url;
  (process.env as Record<string, string>).NODE_ENV = nodeEnv;
  process.env.NEXTAUTH_SECRET = "unit-test-secret-0123456789";
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete (process.env as Record<string, string | undefined>)[k];
    else (process.env as Record<string, string>)[k] = v;
  }
});

// The e2e suite runs over plain http, so it sees a non-Secure cookie; this is where the production HTTPS settings are
// checked. tests/e2e/headers.spec.ts checks the real Set-Cookie.
describe("session cookie options", () => {
  it("over HTTPS in production: Secure, __Secure- prefix, HttpOnly, SameSite=Lax", () => {
    configure("https://costs.example.com", "production");
    const options = authOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("over plain http (a laptop, the e2e server): HttpOnly and SameSite=Lax but not Secure, or the browser would drop it", () => {
    configure("http://127.0.0.1:3000", "production");
    const options = authOptions();
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
  });

  it("without NEXTAUTH_URL the cookie is not marked Secure (next-auth cannot know the scheme)", () => {
    configure(undefined, "production");
    expect(authOptions().cookies?.sessionToken?.options.secure).toBe(false);
  });
});
