"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { requestClientIp } from "@/lib/auth/abuse-limits";
import { runUserAction, type ActionResult } from "@/lib/auth/guards";
import { reissueSessionCookie } from "@/lib/auth/session-token";
import { changePassword, updateProfile } from "./mutations";
import { changePasswordSchema, updateProfileSchema } from "./schemas";

/** Renames the signed-in user. */
export async function updateProfileAction(input: unknown): Promise<ActionResult> {
  return runUserAction(updateProfileSchema, input, async (user, { name }) => {
    await updateProfile(user.id, name);
    revalidatePath("/", "layout");
    return undefined;
  });
}

/**
 * Changes the password (the current one is required). Every other session ends on its next request; this browser
 * gets a new session token at the new version, so it stays signed in.
 */
export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return runUserAction(changePasswordSchema, input, async (user, data) => {
    const { sessionVersion } = await changePassword(user, data, await requestClientIp());
    await reissueSessionCookie(await cookies(), { id: user.id, email: user.email, name: user.name, sessionVersion });
    return undefined;
  });
}
