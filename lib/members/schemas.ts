import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";
import { ASSIGNABLE_ROLES } from "@/lib/auth/roles";
import { emailSchema } from "@/lib/teams/schemas";

const assignableRole = z.enum(ASSIGNABLE_ROLES, { error: "Choose admin, member or viewer" });

export const inviteMemberSchema = z.object({ email: emailSchema, role: assignableRole }).strict();
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const invitationIdSchema = z.object({ id: z.uuid() }).strict();

/** A member is named by their user id (unique within a team). */
export const memberSchema = z.object({ userId: z.uuid() }).strict();

export const changeRoleSchema = z.object({ userId: z.uuid(), role: assignableRole }).strict();

export const leaveTeamSchema = z.object({}).strict();

/** The token of an invitation link: 32 random bytes, base64url. Anything else cannot be one. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid.");

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema }).strict();

export const inviteSignUpSchema = z
  .object({
    token: invitationTokenSchema,
    name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
    // The length rule here, the common-password check in the mutation (lib/auth/password-policy.ts).
    password: passwordSchema,
  })
  .strict();
export type InviteSignUpInput = z.infer<typeof inviteSignUpSchema>;
