import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { servedOverHttps, sessionCookieOptions } from "./cookies";
import { CLIENT_IP_HEADER, loginRetryAfter, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { verifyPassword } from "./password";
import { SESSION_MAX_AGE_SECONDS } from "./session-token";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});

/** Error codes the login page turns into text. Unknown e-mail and wrong password share one. */
export const LOGIN_ERRORS = { invalid: "CredentialsSignin", throttled: "TooManyAttempts" } as const;

/** Client IP as set by the tunecost server; "unknown" when the app runs behind another server. */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers?.[CLIENT_IP_HEADER];
  return typeof value === "string" && value ? value : "unknown";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
  }
  interface User {
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

/** next-auth configuration: e-mail + password, JWT sessions re-checked against the database on each request. */
export function authOptions(): NextAuthOptions {
  const secureCookies = servedOverHttps(env().NEXTAUTH_URL);
  return {
    secret: env().NEXTAUTH_SECRET,
    // Cookie block (issue #8): HttpOnly, SameSite=Lax, Secure over HTTPS; see lib/auth/cookies.ts.
    useSecureCookies: secureCookies,
    cookies: sessionCookieOptions(secureCookies),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(req.headers);
          if ((await loginRetryAfter(email, ip)) > 0) throw new Error(LOGIN_ERRORS.throttled);
          const user = await db.user.findUnique({
            where: { email },
            select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
          });
          const ok = await verifyPassword(user?.passwordHash ?? null, password);
          if (!user || !ok) {
            await recordLoginFailure(email, ip);
            return null;
          }
          await recordLoginSuccess(email);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid ?? "", email: token.email ?? "", name: token.name ?? "" };
        return session;
      },
    },
  };
}
