import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { type ReactNode, Suspense } from "react";
import { ActualProjectedChart } from "@/components/charts/actual-projected-chart";
import { getProjectDashboard } from "@/lib/dashboard/queries";
import { formatUsd } from "@/lib/money/decimal";
import { monthLong } from "../../alerts/_components/alert-format";
import { AlertFeed, BudgetBurnDown, DashboardSkeleton, MoversList, Panel, SpendSplit, SummaryCards } from "../../_components/dashboard-cards";
import { seriesSummary } from "../../_components/dashboard-summary-text";
import { ProjectModelsTable } from "./_components/project-models-table";
import { ArchiveToggleButton } from "@/components/archive-toggle-button";
import { setProjectArchivedAction } from "@/lib/projects/actions";
import { ArchivedBadge, LINK_BUTTON } from "../_components/projects-table";
import { loadProjectOr404 } from "./load-project";

export const metadata: Metadata = { title: "Project" };

const SECONDARY_LINK =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const project = await loadProjectOr404(ctx, (await params).id);
  const canManage = can(ctx.role, "projects:manage");
  const addModel = canManage && !project.archived && (
    <Link href={`/models/new?project=${project.id}`} className={LINK_BUTTON}>
      Add a model
    </Link>
  );

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/projects" className="text-brand-600 hover:underline dark:text-brand-400">
          ← Projects
        </Link>
      </p>
      <PageHeader
        title={project.name}
        description={project.description ?? undefined}
        actions={
          canManage && (
            <div className="flex flex-wrap items-start gap-2">
              <Link href={`/projects/${project.id}/move`} className={SECONDARY_LINK}>
                Plan moves
              </Link>
              <Link href={`/projects/${project.id}/edit`} className={SECONDARY_LINK}>
                Edit
              </Link>
              <ArchiveToggleButton id={project.id} archived={project.archived} action={setProjectArchivedAction} />
            </div>
          )
        }
      />
      {project.archived && (
        <p className="-mt-3 mb-4 text-sm text-slate-600 dark:text-slate-400">
          <ArchivedBadge /> Hidden from the active list; its models and usage are kept.
        </p>
      )}
      <dl className="mb-8 grid gap-4 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Monthly budget</dt>
          <dd className="text-lg font-semibold tabular-nums">{project.monthlyBudgetUsd === null ? "None" : formatUsd(project.monthlyBudgetUsd)}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Deviation threshold</dt>
          <dd className="text-lg font-semibold tabular-nums">±{project.deviationThresholdPct}%</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Created</dt>
          <dd className="text-lg font-semibold tabular-nums">{project.createdAt.slice(0, 10)}</dd>
        </div>
      </dl>
      {/* The 404 check above runs before anything streams; the figures stream in behind a skeleton. */}
      <Suspense fallback={<DashboardSkeleton />}>
        <ProjectDashboard ctx={ctx} projectId={project.id} addModel={addModel || null} />
      </Suspense>
    </>
  );
}

async function ProjectDashboard({ ctx, projectId, addModel }: { ctx: TeamContext; projectId: string; addModel: ReactNode }) {
  const d = await getProjectDashboard(ctx, projectId);
  const hasCost = d.series.some((m) => m.actualUsd !== null || m.projectedUsd !== null);
  return (
    <>
      {hasCost && (
        <>
          <SummaryCards summary={d.summary} alertsHref="/alerts" />
          <div className="mb-8 grid gap-4 lg:grid-cols-3">
            <Panel id="trend-heading" title="Actual vs projected" description="The last 12 months and the next 3, with the budget" className="lg:col-span-2">
              <ActualProjectedChart title={`${d.project.name} cost by month`} showTitle={false} fileName="project-actual-vs-projected" series={d.series} summary={seriesSummary(d.project.name, d.series, d.current)} marks={d.shutdowns} />
            </Panel>
            <div className="flex min-w-0 flex-col gap-4">
              <Panel id="burn-heading" title="Budget burn-down" description={monthLong(d.current)}>
                <BudgetBurnDown summary={d.summary} />
              </Panel>
              <Panel id="split-heading" title="Training vs inference" description={`${d.current.slice(0, 4)} so far`}>
                <SpendSplit inferenceUsd={d.summary.ytd.inferenceUsd} trainingUsd={d.summary.ytd.trainingUsd} />
              </Panel>
            </div>
            <Panel id="movers-heading" title="Biggest movers" description={`${monthLong(d.movers.latest)} against ${monthLong(d.movers.previous)}`}>
              <MoversList movers={d.movers.models} previous={d.movers.previous} latest={d.movers.latest} showProject={false} />
            </Panel>
            <Panel id="alerts-heading" title="Open alerts" className="lg:col-span-2">
              <AlertFeed alerts={d.alerts} total={d.summary.openAlerts} href="/alerts" />
            </Panel>
          </div>
        </>
      )}
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-lg font-semibold">Fine-tuned models</h2>
        {d.models.length > 0 && addModel}
      </div>
      {d.models.length === 0 ? (
        <EmptyState title="No models in this project yet" action={addModel || undefined}>
          Add a fine-tuned model (or one you plan to train) to track its training charge and monthly usage.
        </EmptyState>
      ) : (
        <ProjectModelsTable models={d.models} firstMonth={monthLong(d.sparkMonths[0]!)} lastMonth={monthLong(d.sparkMonths.at(-1)!)} />
      )}
    </>
  );
}
