import "server-only";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

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
