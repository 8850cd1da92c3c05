import "server-only";
import { loginRetryAfter, recordLoginFailure } from "@/lib/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertPasswordAllowed } from "@/lib/auth/password-policy";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ChangePasswordInput } from "./schemas";

/** The signed-in user's display name. */
export async function updateProfile(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}

/**
 * Changes the password after checking the current one, and bumps the session version in the same write, so every
 * session of this user ends on its next request. Returns the new version, for the caller to re-issue the session of
 * the browser that made the change. Wrong current passwords count as failed logins (a stolen session cannot guess
 * the password at leisure).
 */
export async function changePassword(user: { id: string; email: string }, input: ChangePasswordInput, ip: string): Promise<{ sessionVersion: number }> {
  const wait = await loginRetryAfter(user.email, ip);
  if (wait > 0) throw new AppError("rate_limited", `Too many wrong passwords. Try again in ${Math.ceil(wait / 60)} minutes.`, undefined, wait);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await recordLoginFailure(user.email, ip);
    throw new AppError("validation_failed", "Please correct the highlighted fields.", { currentPassword: ["This is not your current password"] });
  }
  await assertPasswordAllowed(input.newPassword, "newPassword");
  if (input.newPassword === input.currentPassword) {
    throw new AppError("validation_failed", "Please correct the highlighted fields.", { newPassword: ["Choose a password different from the current one"] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  // Conditional on the hash just verified: two changes racing cannot both win on the same current password.
  const updated = await db.user.updateManyAndReturn({
    where: { id: user.id, passwordHash: row.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  if (!updated[0]) throw new AppError("conflict", "Your password was changed in another session. Log in again.");
  return { sessionVersion: updated[0].sessionVersion };
}
