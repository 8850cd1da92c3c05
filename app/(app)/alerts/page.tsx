import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { STATUS_TABS } from "./_components/alert-format";
import { AlertList } from "./_components/alert-list";
import { AlertTabs } from "./_components/alert-tabs";
import { ListSkeleton } from "./_components/list-skeleton";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string | string[]; cursor?: string | string[] }> }) {
  const { ctx } = await requirePageContext();
  const sp = await searchParams;
  // An unknown ?status= shows the Open tab rather than an error: the link may be old or hand-typed.
  const tab = STATUS_TABS.find((t) => t.param === sp.status) ?? STATUS_TABS[0];
  const cursor = typeof sp.cursor === "string" && sp.cursor !== "" ? sp.cursor : undefined;

  return (
    <>
      <PageHeader title="Alerts" description="Spend that deviates from the forecast, or will overrun or has overrun a budget." />
      <AlertTabs current={tab.param} />
      {/* Keyed so that switching tabs or pages shows the placeholder instead of the previous list. */}
      <Suspense key={`${tab.param}|${cursor ?? ""}`} fallback={<ListSkeleton />}>
        <AlertList ctx={ctx} status={tab.status} param={tab.param} cursor={cursor} />
      </Suspense>
    </>
  );
}
