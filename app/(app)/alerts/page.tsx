import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Alerts" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Alerts" description="Spend that deviates from the forecast or is about to overrun a budget." />
      <EmptyState title="No alerts">
        You will be alerted here when a month's spend deviates from its forecast or a budget is about to be overrun. All quiet for now.
      </EmptyState>
    </>
  );
}
