import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requirePageContext } from "@/lib/auth/guards";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, ctx } = await requirePageContext();
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      teams={user.memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role }))}
      currentTeamId={ctx.teamId}
    >
      {children}
    </AppShell>
  );
}
