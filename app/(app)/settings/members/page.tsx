import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { listMembers, listPendingInvitations } from "@/lib/members/queries";
import { Members } from "./_components/members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersSettingsPage() {
  const { ctx } = await requirePageContext();
  const [members, invitations] = await Promise.all([listMembers(ctx), listPendingInvitations(ctx)]);
  return (
    <Members
      members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
      invitations={invitations.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() }))}
      currentUserId={ctx.userId}
      canManage={can(ctx.role, "members:manage")}
      canTransfer={can(ctx.role, "team:manage")}
      emailEnabled={Boolean(env().SMTP_URL)}
    />
  );
}
