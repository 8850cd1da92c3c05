import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The one password policy (issue #8, NIST SP 800-63B): 8 to 128 characters, not a commonly used password, and no
 * composition rules. Every place that sets a password — sign-up, invitation sign-up, password change,
 * `tunecost user create`, TUNECOST_BOOTSTRAP_PASSWORD — goes through `passwordSchema` and `assertPasswordAllowed`.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Characters as people count them (code points), so an emoji is one character, not two UTF-16 units. */
const length = (password: string) => [...password].length;

/** The length rule, synchronous so it fits every zod input schema; the common-password check is `assertPasswordAllowed`. */
export const passwordSchema = z
  .string()
  .refine((p) => length(p) >= PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => length(p) <= PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

export const COMMON_PASSWORD_MESSAGE =
  "This password is on a list of commonly used passwords, so it is easy to guess. Choose another one — a few unrelated words work well.";

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

// 49,233 entries, decompressed when the package is imported: loaded on the first check only, then kept.
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** True when the password (compared case-insensitively) is in zxcvbn's common-password list. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(password.toLowerCase());
}

/** What is wrong with a password, in words for the form; null when it is allowed. */
export async function passwordProblem(password: string): Promise<string | null> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Choose another password";
  return (await isCommonPassword(password)) ? COMMON_PASSWORD_MESSAGE : null;
}

/** Throws a field error (`validation_failed`, under `field`) when the password breaks the policy. */
export async function assertPasswordAllowed(password: string, field = "password"): Promise<void> {
  const problem = await passwordProblem(password);
  if (problem) throw new AppError("validation_failed", "Please correct the highlighted fields.", { [field]: [problem] });
}
