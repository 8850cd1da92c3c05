"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import type { DeliveryOutcome } from "./deliver";
import { createWebhook, deleteWebhook, sendTestWebhook, setWebhookActive } from "./mutations";
import type { WebhookView } from "./queries";
import { createWebhookSchema, setWebhookActiveSchema, webhookIdSchema } from "./schemas";

// Webhooks carry team data out of tunecost and their URLs can hold tokens (Slack's do): admins and owners only.
const PERMISSION = "webhooks:manage";
const PAGE = "/settings/notifications";

/** Creates a webhook; the signing secret is returned this once. */
export async function createWebhookAction(input: unknown): Promise<ActionResult<{ webhook: WebhookView; secret: string }>> {
  return runAction(PERMISSION, createWebhookSchema, input, async (ctx, data) => {
    const created = await createWebhook(ctx, data);
    revalidatePath(PAGE);
    return created;
  });
}

/** Pauses or resumes a webhook. */
export async function setWebhookActiveAction(input: unknown): Promise<ActionResult> {
  return runAction(PERMISSION, setWebhookActiveSchema, input, async (ctx, { id, active }) => {
    await setWebhookActive(ctx, id, active);
    revalidatePath(PAGE);
    return undefined;
  });
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhookAction(input: unknown): Promise<ActionResult> {
  return runAction(PERMISSION, webhookIdSchema, input, async (ctx, { id }) => {
    await deleteWebhook(ctx, id);
    revalidatePath(PAGE);
    return undefined;
  });
}

/** Sends a test delivery now and answers how it went. */
export async function sendTestWebhookAction(input: unknown): Promise<ActionResult<DeliveryOutcome>> {
  return runAction(PERMISSION, webhookIdSchema, input, async (ctx, { id }) => {
    const outcome = await sendTestWebhook(ctx, id);
    revalidatePath(PAGE);
    return outcome;
  });
}
