"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { requestClientIp } from "@/lib/auth/abuse-limits";
import { runAction, runUserAction, type ActionResult } from "@/lib/auth/guards";
import { TEAM_COOKIE } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { AppError, fieldErrors, toErrorResponse } from "@/lib/errors";
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  leaveTeam,
  removeMember,
  resendInvitation,
  revokeInvitation,
  signUpWithInvitation,
  transferOwnership,
  type IssuedInvitation,
} from "./mutations";
import {
  acceptInvitationSchema,
  changeRoleSchema,
  invitationIdSchema,
  inviteMemberSchema,
  inviteSignUpSchema,
  leaveTeamSchema,
  memberSchema,
} from "./schemas";

const PAGE = "/settings/members";

/** What the inviter sees: the link to copy (always) and whether it was also e-mailed. */
export interface InvitationLinkView {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  link: string;
  emailed: boolean;
}

const toView = (i: IssuedInvitation): InvitationLinkView => ({ ...i, expiresAt: i.expiresAt.toISOString() });

/** The address links point at: NEXTAUTH_URL when set, else the host this request came to. */
async function appOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** The team cookie, so a user who just joined works in the team they joined. */
async function selectTeam(teamId: string): Promise<void> {
  const jar = await cookies();
  jar.set(TEAM_COOKIE, teamId, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && !!env().NEXTAUTH_URL?.startsWith("https:"), path: "/" });
}

/** Invites an e-mail address with a role; returns the single-use link to copy (also e-mailed when SMTP is set). */
export async function inviteMemberAction(input: unknown): Promise<ActionResult<InvitationLinkView>> {
  return runAction("members:manage", inviteMemberSchema, input, async (ctx, data) => {
    const issued = await createInvitation(ctx, data, await appOrigin());
    revalidatePath(PAGE);
    return toView(issued);
  });
}

/** A new link for an open or expired invitation; the previous link stops working. */
export async function resendInvitationAction(input: unknown): Promise<ActionResult<InvitationLinkView>> {
  return runAction("members:manage", invitationIdSchema, input, async (ctx, { id }) => {
    const issued = await resendInvitation(ctx, id, await appOrigin());
    revalidatePath(PAGE);
    return toView(issued);
  });
}

/** Withdraws an invitation: its link stops working. */
export async function revokeInvitationAction(input: unknown): Promise<ActionResult> {
  return runAction("members:manage", invitationIdSchema, input, async (ctx, { id }) => {
    await revokeInvitation(ctx, id);
    revalidatePath(PAGE);
    return undefined;
  });
}

/** Changes a member's role (admin, member or viewer). */
export async function changeMemberRoleAction(input: unknown): Promise<ActionResult> {
  return runAction("members:manage", changeRoleSchema, input, async (ctx, { userId, role }) => {
    await changeMemberRole(ctx, userId, role);
    revalidatePath(PAGE);
    return undefined;
  });
}

/** Removes a member from the team; their next request no longer reaches it. */
export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  return runAction("members:manage", memberSchema, input, async (ctx, { userId }) => {
    await removeMember(ctx, userId);
    revalidatePath(PAGE);
    return undefined;
  });
}

/** Makes another member the owner; the caller becomes an admin. */
export async function transferOwnershipAction(input: unknown): Promise<ActionResult> {
  return runAction("team:manage", memberSchema, input, async (ctx, { userId }) => {
    await transferOwnership(ctx, userId);
    revalidatePath("/", "layout");
    return undefined;
  });
}

/** The caller leaves the current team (any role; the last owner must transfer ownership first). */
export async function leaveTeamAction(input: unknown): Promise<ActionResult> {
  return runAction("team:read", leaveTeamSchema, input, async (ctx) => {
    await leaveTeam(ctx);
    (await cookies()).delete(TEAM_COOKIE);
    revalidatePath("/", "layout");
    return undefined;
  });
}

/** Accepts an invitation as the signed-in user (who must be the invited address) and switches to its team. */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ teamName: string }>> {
  return runUserAction(acceptInvitationSchema, input, async (user, { token }) => {
    const joined = await acceptInvitation(user, token);
    await selectTeam(joined.teamId);
    revalidatePath("/", "layout");
    return { teamName: joined.teamName };
  });
}

/**
 * Sign-up from an invitation link (no session yet, so no session guard; the token is the credential): creates the
 * invited address's account in the inviting team. The form then logs in with the same credentials.
 */
export async function signUpWithInvitationAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = inviteSignUpSchema.safeParse(input);
    if (!parsed.success) throw new AppError("validation_failed", "Please correct the highlighted fields.", fieldErrors(parsed.error.issues));
    const joined = await signUpWithInvitation(parsed.data, await requestClientIp());
    await selectTeam(joined.teamId);
    return { ok: true, data: { email: joined.email } };
  } catch (error) {
    return { ok: false, ...toErrorResponse(error).body.error };
  }
}
