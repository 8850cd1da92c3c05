import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your e-mail address")
  .max(320, "That e-mail address is too long")
  .pipe(z.email("Enter a valid e-mail address"));

// The password policy lives in one place; its common-password check runs where passwords are set.
export { passwordSchema } from "@/lib/auth/password-policy";

export const teamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Use 1–40 lowercase letters, digits or dashes");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
  teamName: z.string().trim().min(1, "Name your team").max(100, "Use at most 100 characters"),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const switchTeamSchema = z.object({ teamId: z.uuid() });
