import { NextResponse, type NextRequest } from "next/server";

/**
 * The Content-Security-Policy of every page, with a fresh nonce per request. Next.js reads the nonce from the request's
 * CSP header while rendering and puts it on its own scripts, so `script-src` needs neither 'unsafe-inline' nor hashes.
 *
 * What must stay true:
 * - This file only sets headers. It is not an authorization boundary (pages, actions and route handlers each check
 *   session, membership and role themselves: lib/auth/guards.ts).
 * - style-src keeps 'unsafe-inline' and no nonce: React renders `style={…}` as style attributes (bars, chart boxes) and
 *   a nonce in style-src would disable 'unsafe-inline'. Injected styles cannot run code; scripts stay nonce-only.
 * - worker-src allows 'self' and blob:, for the training-file analyzer's Web Worker.
 * - Every page is rendered per request (they all read the session), which nonces require.
 * API responses get their own, stricter policy from next.config.js; tests/e2e/headers.spec.ts checks both.
 */
function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Adds the nonce-based CSP to page requests. */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: process.env.NEXTAUTH_URL?.startsWith("https:") ?? false,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages (and the server actions posted to them). API routes and static files are left out: they get the
      // static headers of next.config.js.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
