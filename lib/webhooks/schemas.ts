import { z } from "zod";

export const WEBHOOK_FORMATS = ["JSON", "SLACK"] as const;

export const createWebhookSchema = z
  .object({
    url: z.string().trim().min(1, "Enter the URL that receives the webhooks").max(2000, "Use at most 2,000 characters"),
    format: z.enum(WEBHOOK_FORMATS, { error: "Choose JSON or Slack" }),
    description: z.string().trim().max(200, "Use at most 200 characters").optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ id: z.uuid() }).strict();

export const setWebhookActiveSchema = z.object({ id: z.uuid(), active: z.boolean() }).strict();
