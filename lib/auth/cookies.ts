import "server-only";
import type { CookiesOptions } from "next-auth";

/** True when the app is served over HTTPS, as NEXTAUTH_URL declares: cookies then carry Secure and the `__Secure-` prefix. */
export function servedOverHttps(nextAuthUrl: string | undefined): boolean {
  return nextAuthUrl?.startsWith("https:") ?? false;
}

/**
 * next-auth's session cookie, pinned rather than left to next-auth's defaults: HttpOnly (no script can read the
 * session), SameSite=Lax (a cross-site POST never carries it), Secure whenever the app is served over HTTPS. The
 * names are the ones lib/auth/session-token.ts reads.
 */
export function sessionCookieOptions(secure: boolean): Partial<CookiesOptions> {
  return {
    sessionToken: {
      name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    },
  };
}
