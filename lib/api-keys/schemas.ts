import { z } from "zod";

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1, "Name the key (e.g. the script that uses it)").max(100, "Use at most 100 characters"),
    scope: z.enum(["READ", "WRITE"], { error: "Choose read or read-write" }),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.uuid() }).strict();
