"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/auth/guards";
import { acknowledgeAlert, snoozeAlert } from "./mutations";
import { acknowledgeAlertSchema, type AlertDetail, snoozeAlertSchema } from "./schemas";

// Signatures (stable; the Alerts UI calls them):
//   acknowledgeAlertAction({ id, note? }): Promise<ActionResult<AlertDetail>>
//   snoozeAlertAction({ id }): Promise<ActionResult<AlertDetail>>
// Both need a role that may write usage (MEMBER and up): viewers only read. Another team's id answers not_found.

/** OPEN → ACKNOWLEDGED with an optional note; a resolved alert answers a conflict. */
export async function acknowledgeAlertAction(input: unknown): Promise<ActionResult<AlertDetail>> {
  return runAction("usage:write", acknowledgeAlertSchema, input, async (ctx, data) => {
    const alert = await acknowledgeAlert(ctx, data);
    revalidatePath("/alerts", "layout");
    return alert;
  });
}

/** No notifications for this alert until the end of its month. */
export async function snoozeAlertAction(input: unknown): Promise<ActionResult<AlertDetail>> {
  return runAction("usage:write", snoozeAlertSchema, input, async (ctx, data) => {
    const alert = await snoozeAlert(ctx, data);
    revalidatePath("/alerts", "layout");
    return alert;
  });
}
