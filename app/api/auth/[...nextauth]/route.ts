import NextAuth from "next-auth";
import { authOptions, clientIp } from "@/lib/auth/options";
import { loginRetryAfter } from "@/lib/auth/login-throttle";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = (req: Request, ctx: Context) => NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;

export const GET = handler;

/**
 * Throttled logins are answered 429 with Retry-After before next-auth runs.
 * The body keeps next-auth's `{ url }` shape so its client reports `error`.
 */
export async function POST(req: Request, ctx: Context): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const wait = await loginRetryAfter(email, clientIp(req.headers));
    if (wait > 0) {
      const url = new URL("/login?error=TooManyAttempts", req.url).toString();
      return Response.json(
        { url, error: "TooManyAttempts", message: `Too many failed login attempts. Try again in ${wait} seconds.` },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return handler(req, ctx);
}
