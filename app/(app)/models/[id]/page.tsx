import type { Metadata } from "next";
import Link from "next/link";
import { type ReactNode, Suspense } from "react";
import { ActualProjectedChart } from "@/components/charts/actual-projected-chart";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { getModelDashboard } from "@/lib/dashboard/queries";
import { DashboardSkeleton, Panel } from "../../_components/dashboard-cards";
import { TokenHistoryChart } from "../../_components/dashboard-charts";
import { seriesSummary } from "../../_components/dashboard-summary-text";
import { ModelSavings } from "./_components/model-savings";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listDatasets } from "@/lib/datasets/queries";
import { dayOf, daysBetween, shortDay } from "@/lib/lifecycle/dates";
import { findModelShutdown, findMoveLinks } from "@/lib/migration/queries";
import { findUsagePlan } from "@/lib/models/queries";
import { formatUsd } from "@/lib/money/decimal";
import { listModelUsage } from "@/lib/usage/queries";
import { ArchiveToggleButton } from "@/components/archive-toggle-button";
import { setModelArchivedAction } from "@/lib/models/actions";
import { ModelUsage } from "../_components/model-usage";
import { StatusBadge } from "../_components/status-badge";
import { UsagePlanForm } from "../_components/usage-plan-form";
import { loadModelOr404 } from "./load-model";

export const metadata: Metadata = { title: "Model" };

const PRIMARY_LINK = "inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";
const SECONDARY_LINK =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2 lg:col-span-3" : undefined}>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 break-words font-medium">{children}</dd>
    </div>
  );
}

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const model = await loadModelOr404(ctx, (await params).id);
  const [usage, plan, datasets, shutdown, moves] = await Promise.all([
    listModelUsage(ctx, model.id),
    findUsagePlan(ctx, model.id),
    model.datasetId ? listDatasets(ctx) : [],
    findModelShutdown(ctx, model.id),
    findMoveLinks(ctx, model),
  ]);
  const dataset = datasets.find((d) => d.id === model.datasetId);
  const canManage = can(ctx.role, "projects:manage");
  const currentMonth = new Date().toISOString().slice(0, 7); // months are calendar months in UTC
  const hyper = model.hyperparameters && typeof model.hyperparameters === "object" ? Object.entries(model.hyperparameters) : [];
  const count = (v: string | number | null) => (v === null ? "—" : BigInt(v).toLocaleString("en-US"));
  const today = dayOf(new Date());
  const daysLeft = shutdown ? daysBetween(today, shutdown.shutdownOn) : null;
  // A retiring model that nothing replaces yet: the move is the next step, so it is shown first.
  const urgeMove = shutdown !== null && !moves.replacedBy && model.status !== "RETIRED" && !model.archived;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${model.projectId}`} className="text-brand-600 hover:underline dark:text-brand-400">
          ← {model.projectName}
        </Link>
      </p>
      <PageHeader
        title={model.displayName}
        description={model.archived ? "Archived: hidden from the Usage grid; its history is kept." : undefined}
        actions={
          canManage && (
            <div className="flex flex-wrap items-start gap-2">
              <Link href={`/models/${model.id}/move`} className={urgeMove ? PRIMARY_LINK : SECONDARY_LINK}>
                Plan a move
              </Link>
              <Link href={`/models/${model.id}/edit`} className={SECONDARY_LINK}>
                Edit
              </Link>
              <ArchiveToggleButton id={model.id} archived={model.archived} action={setModelArchivedAction} />
            </div>
          )
        }
      />

      {urgeMove && shutdown && (
        <div role="status" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p>
            {daysLeft !== null && daysLeft <= 0 ? "This model shut down on " : "This model shuts down on "}
            <strong>{shortDay(shutdown.shutdownOn)}</strong>
            {daysLeft !== null && daysLeft > 0 ? ` (${daysLeft} days)` : ""}
            {shutdown.source === "catalog" ? ", with its base model" : ", the date your team set"}. Compare where to move it and plan the switch.
          </p>
          <Link href={`/models/${model.id}/move`} className={PRIMARY_LINK}>
            Plan a move
          </Link>
        </div>
      )}
      {moves.replacedBy && (
        <p className="mb-6 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          Replaced by{" "}
          <Link href={`/models/${moves.replacedBy.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-400">
            {moves.replacedBy.displayName}
          </Link>
          : its projection ends where the new model&apos;s plan starts.
        </p>
      )}

      <div className="mb-8 grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 text-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
          <Fact label="Provider model id" wide>
            <span className="font-mono text-xs">{model.providerModelId ?? "— (not trained yet)"}</span>
          </Fact>
          <Fact label="Base model">
            <span className="font-mono text-xs">{model.baseModelId}</span>
          </Fact>
          <Fact label="Status">
            <StatusBadge status={model.status} />
          </Fact>
          <Fact label="Trained at">{model.trainedAt ?? "—"}</Fact>
          <Fact label="Shutdown">
            {shutdown ? `${shortDay(shutdown.shutdownOn)} (${shutdown.source === "model" ? "set by your team" : "base model's"})` : "none announced"}
          </Fact>
          {moves.replaces && (
            <Fact label="Replaces">
              <Link href={`/models/${moves.replaces.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
                {moves.replaces.displayName}
              </Link>
            </Fact>
          )}
          <Fact label="Training tokens">{count(model.trainingTokens)}</Fact>
          <Fact label="Epochs">{model.epochs ?? "—"}</Fact>
          <Fact label="Dataset">{dataset ? `${dataset.name} (${dataset.fileName})` : "—"}</Fact>
          <Fact label="Prompt tokens per request">
            {model.promptTokensFineTuned === null && model.promptTokensBase === null
              ? "—"
              : `${count(model.promptTokensFineTuned)} fine-tuned vs ${count(model.promptTokensBase)} base`}
          </Fact>
          <Fact label="Hyperparameters" wide>
            {hyper.length === 0 ? (
              "—"
            ) : (
              <span className="font-mono text-xs">{hyper.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("  ")}</span>
            )}
          </Fact>
        </dl>
        <section aria-labelledby="training-cost-heading" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="training-cost-heading" className="text-sm font-semibold">
            Training cost
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-4 text-sm">
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Computed</dt>
              <dd className="text-xl font-semibold tabular-nums">{model.trainingCostUsd === null ? "—" : formatUsd(model.trainingCostUsd)}</dd>
            </div>
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Invoiced</dt>
              <dd className="text-xl font-semibold tabular-nums">{model.invoicedTrainingCostUsd === null ? "—" : formatUsd(model.invoicedTrainingCostUsd)}</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            Computed: training tokens × epochs at the training price in force on the training date. Both are kept; the invoice is what was paid.
          </p>
        </section>
      </div>

      {/* The 404 check above runs before anything streams; the charts stream in behind a skeleton. */}
      <Suspense fallback={<DashboardSkeleton />}>
        <ModelDashboard ctx={ctx} modelId={model.id} name={model.displayName} promptTokensFineTuned={model.promptTokensFineTuned} promptTokensBase={model.promptTokensBase} />
      </Suspense>

      <section aria-labelledby="usage-heading" className="mb-8">
        <h2 id="usage-heading" className="mb-3 text-lg font-semibold">
          Monthly usage
        </h2>
        <ModelUsage modelId={model.id} rows={usage} currentMonth={currentMonth} canWrite={can(ctx.role, "usage:write")} />
      </section>

      <UsagePlanForm modelId={model.id} plan={plan} currentMonth={currentMonth} canManage={canManage} />
    </>
  );
}

async function ModelDashboard(props: { ctx: TeamContext; modelId: string; name: string; promptTokensFineTuned: number | null; promptTokensBase: number | null }) {
  const d = await getModelDashboard(props.ctx, props.modelId);
  const hasCost = d.series.some((m) => m.actualUsd !== null || m.projectedUsd !== null);
  return (
    <div className="mb-8 grid gap-4 lg:grid-cols-2">
      <Panel id="cost-history-heading" title="Cost by month" description="Actual against projected, the last 12 months and the next 3">
        {hasCost ? (
          <ActualProjectedChart title={`${props.name} cost by month`} showTitle={false} fileName="model-actual-vs-projected" series={d.series} summary={seriesSummary(props.name, d.series, d.current)} marks={d.shutdowns} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No usage and no usage plan yet: log a month below, or add a plan, to chart its cost.</p>
        )}
      </Panel>
      <Panel id="token-history-heading" title="Token history" description={`The last ${d.tokens.length || "24"} months recorded`}>
        {d.tokens.length ? (
          <TokenHistoryChart months={d.tokens} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No tokens recorded in the last 24 months.</p>
        )}
      </Panel>
      <Panel id="savings-heading" title="Against the base model" description="What fine-tuning saved or cost, net of training" className="lg:col-span-2">
        <ModelSavings savings={d.savings} promptTokensFineTuned={props.promptTokensFineTuned} promptTokensBase={props.promptTokensBase} />
      </Panel>
    </div>
  );
}
