import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";

export const updateProfileSchema = z
  .object({ name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters") })
  .strict();

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(1024),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(1024),
  })
  .strict()
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
