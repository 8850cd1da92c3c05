import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { z } from "zod";
import { AppError, fieldErrors, toErrorResponse } from "@/lib/errors";
import { loadSessionUser, pickTeam, type SessionUser, type TeamContext } from "./resolve-context";
import { recordApiKeyUse, verifyApiKeyOrThrow } from "@/lib/api-keys/verify";
import { can, keyCan, type Permission } from "./roles";
import { readSessionToken, TEAM_COOKIE } from "./session-token";

/** The signed-in user, re-checked against the database once per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const token = await readSessionToken((name) => jar.get(name)?.value);
  return token ? loadSessionUser(token) : null;
});

const getContext = cache(async (): Promise<{ user: SessionUser; ctx: TeamContext | null } | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  const jar = await cookies();
  return { user, ctx: pickTeam(user, jar.get(TEAM_COOKIE)?.value) };
});

/** Guard for pages and layouts: redirects to the login (or the no-team page) instead of rendering. */
export async function requirePageContext(): Promise<{ user: SessionUser; ctx: TeamContext }> {
  const found = await getContext();
  if (!found) redirect("/login");
  if (!found.ctx) redirect("/no-team");
  return { user: found.user, ctx: found.ctx };
}

/** Result of a server action: data, or a message with field errors for the form. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fields?: Record<string, string[]> };

/**
 * Guard for server actions: session, membership and permission, then zod on
 * the input, before `fn` runs. Errors come back as values the form can show.
 */
export async function runAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  input: unknown,
  fn: (ctx: TeamContext, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const found = await getContext();
    if (!found) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    if (!found.ctx) throw new AppError("not_found", "You are not a member of any team.");
    if (!can(found.ctx.role, permission)) throw new AppError("forbidden", "Your role does not allow this.");
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError("validation_failed", "Please correct the highlighted fields.", fieldErrors(parsed.error.issues));
    return { ok: true, data: await fn(found.ctx, parsed.data) };
  } catch (error) {
    const { body } = toErrorResponse(error);
    return { ok: false, ...body.error };
  }
}

/**
 * Guard for server actions about the signed-in user rather than a team (their account, accepting an invitation):
 * a live session, then zod on the input, before `fn` runs. Works for a user who belongs to no team.
 */
export async function runUserAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (user: SessionUser, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError("validation_failed", "Please correct the highlighted fields.", fieldErrors(parsed.error.issues));
    return { ok: true, data: await fn(user, parsed.data) };
  } catch (error) {
    const { body } = toErrorResponse(error);
    return { ok: false, ...body.error };
  }
}

/** The caller of an API request: an API key (`Authorization: Bearer …`) or the session cookie. */
async function getApiContextOrThrow(req: Request): Promise<TeamContext> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const [scheme, key] = authorization.split(" ", 2);
    if (scheme?.toLowerCase() !== "bearer" || !key) throw new AppError("unauthorized", "Use 'Authorization: Bearer <API key>'.");
    return verifyApiKeyOrThrow(key.trim());
  }
  if (isCrossOriginWrite(req)) throw new AppError("forbidden", "Cross-origin requests with a session cookie are refused; use an API key.");
  const found = await getContext();
  if (!found?.ctx) throw new AppError("unauthorized", "Authentication required: log in or send an API key.");
  return found.ctx;
}

/**
 * CSRF guard for cookie-authenticated writes: a browser always sends Origin on a cross-site POST, so an Origin
 * whose host differs from the request's is refused. Requests without Origin (curl, scripts) carry no ambient
 * browser cookie risk. API-key requests never reach this check.
 */
function isCrossOriginWrite(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" or garbage
  }
}

/** True when the caller (a user's role, or an API key's scope) holds `permission`. */
export function allowed(ctx: TeamContext, permission: Permission): boolean {
  return ctx.apiKey ? keyCan(ctx.apiKey.scope, permission) : can(ctx.role, permission);
}

/** Guard for `/api/v1` route handlers: 401 JSON without a session or key, 404 for another team's data, errors translated once. */
export function apiRoute<P>(
  permission: Permission,
  handler: (req: Request, ctx: TeamContext, params: P) => Promise<Response>,
): (req: Request, route: { params: Promise<P> }) => Promise<Response> {
  return async (req, route) => {
    try {
      const ctx = await getApiContextOrThrow(req);
      if (!allowed(ctx, permission)) {
        throw new AppError("forbidden", ctx.apiKey ? "This API key's scope does not allow this." : "Your role does not allow this.");
      }
      if (ctx.apiKey) await recordApiKeyUse(ctx.apiKey.id);
      return await handler(req, ctx, await route.params);
    } catch (error) {
      const { status, body, headers } = toErrorResponse(error);
      return Response.json(body, { status, headers });
    }
  };
}
