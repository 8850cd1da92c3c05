"use server";
import "server-only";
import { cookies } from "next/headers";
import { consumeSignUpAttempt, requestClientIp } from "@/lib/auth/abuse-limits";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { TEAM_COOKIE } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { AppError, fieldErrors, toErrorResponse } from "@/lib/errors";
import { createUserWithTeam } from "./bootstrap";
import { signUpSchema, switchTeamSchema } from "./schemas";
import { db } from "@/lib/db/client";

/** Open sign-up (limited per client IP): creates the user and their team; the form then logs in with the same credentials. */
export async function signUpAction(input: unknown): Promise<ActionResult> {
  try {
    if (!env().TUNECOST_SIGNUP_ENABLED) throw new AppError("forbidden", "Sign-up is turned off on this server. Ask an admin for an invitation.");
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) throw new AppError("validation_failed", "Please correct the highlighted fields.", fieldErrors(parsed.error.issues));
    await consumeSignUpAttempt(await requestClientIp());
    await createUserWithTeam(parsed.data);
    return { ok: true, data: undefined };
  } catch (error) {
    return { ok: false, ...toErrorResponse(error).body.error };
  }
}

/** Switches the team the user works in; membership is verified here and again on every request. */
export async function switchTeamAction(input: unknown): Promise<ActionResult> {
  return runAction("team:read", switchTeamSchema, input, async (ctx, { teamId }) => {
    const membership = await db.membership.findUnique({
      where: { userId_teamId: { userId: ctx.userId, teamId } },
      select: { id: true },
    });
    if (!membership) throw new AppError("not_found", "Team not found");
    const jar = await cookies();
    jar.set(TEAM_COOKIE, teamId, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && !!process.env.NEXTAUTH_URL?.startsWith("https:"), path: "/" });
    return undefined;
  });
}
