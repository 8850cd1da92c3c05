import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { countOpenAlerts } from "@/lib/alerts/queries";
import { requirePageContext } from "@/lib/auth/guards";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, ctx } = await requirePageContext();
  // Re-read on every render of the layout: a full load, router.refresh() and server actions that revalidate.
  const openAlerts = await countOpenAlerts(ctx);
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      teams={user.memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role }))}
      currentTeamId={ctx.teamId}
      openAlerts={openAlerts}
    >
      {children}
    </AppShell>
  );
}
