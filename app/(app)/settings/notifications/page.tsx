import type { Metadata } from "next";
import { AlertBox } from "@/components/ui/alert-box";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { listDeliveries, listWebhooks } from "@/lib/webhooks/queries";
import { Notifications } from "./_components/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsSettingsPage() {
  const { ctx } = await requirePageContext();
  // Webhook URLs can carry tokens (Slack's do) and the log shows receivers' answers: admins and owners only.
  if (!can(ctx.role, "webhooks:manage")) {
    return <AlertBox tone="info">Only admins and owners can see and manage notifications.</AlertBox>;
  }
  const [webhooks, deliveries] = await Promise.all([listWebhooks(ctx), listDeliveries(ctx)]);
  return <Notifications webhooks={webhooks} deliveries={deliveries} emailEnabled={Boolean(env().SMTP_URL)} />;
}
