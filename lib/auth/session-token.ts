import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";

const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";
const SESSION_COOKIE = "next-auth.session-token";
const SESSION_COOKIES = [SECURE_SESSION_COOKIE, SESSION_COOKIE];

/** How long a session lasts (next-auth's `session.maxAge` and every token issued here). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Team the user last switched to (verified against memberships on every request). */
export const TEAM_COOKIE = "tunecost-team";

/** Reads and verifies the next-auth JWT from a cookie lookup; null when absent, expired or forged. */
export async function readSessionToken(
  getCookie: (name: string) => string | undefined,
): Promise<{ userId: string; sessionVersion: number } | null> {
  const raw = SESSION_COOKIES.map(getCookie).find(Boolean);
  const secret = env().NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token?.uid || typeof token.sv !== "number") return null;
  return { userId: token.uid, sessionVersion: token.sv };
}

/** A next-auth session JWT, as next-auth's `jwt` callback would shape it after a login. */
export async function encodeSessionToken(user: { id: string; email: string; name: string; sessionVersion: number }): Promise<string> {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return encode({
    token: { sub: user.id, uid: user.id, sv: user.sessionVersion, email: user.email, name: user.name },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: { httpOnly: boolean; sameSite: "lax"; secure: boolean; path: string; maxAge: number }): unknown;
}

/**
 * Replaces this browser's session cookie with a token at the user's new session version, after a change (a password
 * change) that bumped the version to end every other session. Written under the cookie name the browser already
 * uses, with next-auth's own cookie options, so next-auth keeps reading and refreshing it.
 */
export async function reissueSessionCookie(
  jar: CookieJar,
  user: { id: string; email: string; name: string; sessionVersion: number },
): Promise<void> {
  const secure = jar.get(SECURE_SESSION_COOKIE) !== undefined || (!jar.get(SESSION_COOKIE) && !!env().NEXTAUTH_URL?.startsWith("https:"));
  jar.set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, await encodeSessionToken(user), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
