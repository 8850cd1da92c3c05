import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Dashboard" description="This month's spend, the forecast and open alerts across your projects." />
      <EmptyState title="Nothing to show yet">
        Once you add a project, a fine-tuned model and its monthly usage, this page charts actual against projected cost and lists what needs your attention.
      </EmptyState>
    </>
  );
}
