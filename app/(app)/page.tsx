import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ActualProjectedChart } from "@/components/charts/actual-projected-chart";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { can } from "@/lib/auth/roles";
import { getTeamDashboard } from "@/lib/dashboard/queries";
import { listRetiringModels } from "@/lib/lifecycle/queries";
import { monthLong } from "./alerts/_components/alert-format";
import { AlertFeed, DashboardSkeleton, MoversList, Panel, ProviderSpendList, SpendSplit, SummaryCards } from "./_components/dashboard-cards";
import { CostByModelChart, CostByProjectChart } from "./_components/dashboard-charts";
import { seriesSummary } from "./_components/dashboard-summary-text";
import { RetiringPanel } from "./_components/retiring-panel";
import { LINK_BUTTON } from "./projects/_components/projects-table";

export const metadata: Metadata = { title: "Dashboard" };

// The header renders at once; the figures stream in behind a skeleton (Suspense here rather than a loading.tsx above
// the route group, which would wrap every page of the app and turn their 404s into streamed 200s).
export default async function DashboardPage() {
  const { ctx } = await requirePageContext();
  return (
    <>
      <PageHeader title="Dashboard" description="This month's spend, the forecast and open alerts across your projects." />
      <Suspense fallback={<DashboardSkeleton />}>
        <TeamDashboard ctx={ctx} />
      </Suspense>
    </>
  );
}

async function TeamDashboard({ ctx }: { ctx: TeamContext }) {
  const [d, retiring] = await Promise.all([getTeamDashboard(ctx), listRetiringModels(ctx)]);
  const hasUsage = d.series.some((m) => m.actualUsd !== null || m.projectedUsd !== null);
  if (d.projectCount === 0 || d.modelCount === 0 || !hasUsage) {
    const canManage = can(ctx.role, "projects:manage");
    const step =
      d.projectCount === 0
        ? { href: "/projects/new", label: "Create a project", text: "Start with a project (a product or workstream), then add its fine-tuned models and log their monthly usage." }
        : d.modelCount === 0
          ? { href: "/models/new", label: "Add a model", text: "Your projects have no fine-tuned models yet. Add one, with its training run, to track what it costs." }
          : { href: "/usage", label: "Log usage", text: "Log a month of usage (or add a usage plan to a model) and this page charts actual against projected cost." };
    const allowed = step.href === "/usage" ? can(ctx.role, "usage:write") : canManage;
    return (
      <EmptyState
        title="Nothing to chart yet"
        action={
          allowed ? (
            <div className="flex flex-wrap justify-center gap-3">
              <Link href={step.href} className={LINK_BUTTON}>
                {step.label}
              </Link>
              {step.href !== "/usage" && (
                <Link href="/estimate" className="inline-flex items-center rounded-md px-4 py-2 text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
                  Estimate a fine-tune first
                </Link>
              )}
            </div>
          ) : undefined
        }
      >
        {step.text}
        {!allowed && " Ask an admin of your team to set it up."}
      </EmptyState>
    );
  }
  const modelMonth = monthLong(d.byModel.month);
  return (
    <>
      <SummaryCards summary={d.summary} alertsHref="/alerts" />
      {retiring.length > 0 && (
        <Panel id="retiring-heading" title="Retiring" description="Tracked models whose provider shuts them down; their projections stop there." className="mb-4">
          <RetiringPanel models={retiring} />
        </Panel>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel id="trend-heading" title="Actual vs projected" description="The last 12 months and the next 3, with the trend's 80% interval" className="lg:col-span-2">
          <ActualProjectedChart title="Team cost by month" showTitle={false} fileName="team-actual-vs-projected" series={d.series} summary={seriesSummary("the team", d.series, d.current)} marks={d.shutdowns} />
        </Panel>
        <Panel id="alerts-heading" title="Open alerts">
          <AlertFeed alerts={d.alerts} total={d.summary.openAlerts} href="/alerts" />
        </Panel>
        <Panel id="by-project-heading" title="By project" className="lg:col-span-2">
          <CostByProjectChart months={d.byProject.months} series={d.byProject.series} />
        </Panel>
        <Panel id="split-heading" title="Training vs inference" description={`${d.current.slice(0, 4)} so far`}>
          <SpendSplit inferenceUsd={d.summary.ytd.inferenceUsd} trainingUsd={d.summary.ytd.trainingUsd} />
        </Panel>
        <Panel id="by-model-heading" title="By model" description={`${modelMonth}, the last complete month`} className="lg:col-span-2">
          {d.byModel.models.length ? (
            <CostByModelChart models={d.byModel.models} otherUsd={d.byModel.otherUsd} period={modelMonth} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">No model recorded usage in {modelMonth}.</p>
          )}
        </Panel>
        <Panel id="movers-heading" title="Biggest movers" description={`${monthLong(d.movers.latest)} against ${monthLong(d.movers.previous)}`}>
          <MoversList movers={d.movers.models} previous={d.movers.previous} latest={d.movers.latest} showProject />
        </Panel>
        <Panel id="by-provider-heading" title="By provider" description={`${monthLong(d.byProvider.latest)}, the last complete month`}>
          <ProviderSpendList providers={d.byProvider.providers} previous={d.byProvider.previous} latest={d.byProvider.latest} />
        </Panel>
      </div>
    </>
  );
}
