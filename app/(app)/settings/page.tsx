import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Settings" description="Team, members, prices, API keys and notifications." />
      <EmptyState title="Team settings">
        Price catalog, API keys, members and notification settings appear here as they are added.
      </EmptyState>
    </>
  );
}
