import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { shortDay } from "@/lib/lifecycle/dates";
import { getProjectMoveOverviewOrThrow } from "@/lib/migration/queries";
import { formatUsd } from "@/lib/money/decimal";
import { loadProjectOr404 } from "../load-project";

export const metadata: Metadata = { title: "Plan the project's moves" };

/** Every active model of a project with its 3 cheapest options over the next 12 months, and the totals. */
export default async function ProjectMovePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const project = await loadProjectOr404(ctx, (await params).id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${project.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
          ← {project.name}
        </Link>
      </p>
      <PageHeader
        title={`Plan the moves: ${project.name}`}
        description="Each active model's workload over the last 3 complete months, priced on the base models that can still be fine-tuned. The three cheapest over the next 12 months are shown."
      />
      <Suspense
        fallback={
          <div role="status" className="h-64 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800">
            <span className="sr-only">Pricing the candidates…</span>
          </div>
        }
      >
        <Overview ctx={ctx} projectId={project.id} />
      </Suspense>
    </>
  );
}

function Money({ usd }: { usd: string | null | undefined }) {
  return <span className="tabular-nums">{usd === null || usd === undefined ? "—" : formatUsd(usd)}</span>;
}

async function Overview({ ctx, projectId }: { ctx: TeamContext; projectId: string }) {
  const overview = await getProjectMoveOverviewOrThrow(ctx, projectId, {});
  if (overview.entries.length === 0) {
    return (
      <EmptyState title="No active model to move">
        Only active (or training) models are planned here. Planned models already on another base model are left out.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="space-y-4">
        {overview.entries.map(({ current, options, replacedBy }) => (
          <li key={current.modelId} className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 className="text-base font-semibold">
                  <Link href={`/models/${current.modelId}`} className="hover:underline">
                    {current.displayName}
                  </Link>
                </h2>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  <span className="font-mono">{current.baseModelId}</span> · {current.shutdownOn ? `shuts down ${shortDay(current.shutdownOn)}` : "no shutdown announced"}
                </p>
              </div>
              {replacedBy ? (
                <Link href={`/models/${replacedBy.id}`} className="text-sm text-brand-600 hover:underline dark:text-brand-400">
                  Move planned: {replacedBy.displayName} →
                </Link>
              ) : (
                <Link href={`/models/${current.modelId}/move`} className="inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                  Plan a move<span className="sr-only"> for {current.displayName}</span>
                </Link>
              )}
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-500 dark:text-slate-400">A month now</dt>
                <dd className="font-semibold">
                  <Money usd={current.monthlyUsd} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500 dark:text-slate-400">Until shutdown</dt>
                <dd className="font-semibold">
                  <Money usd={current.costUntilShutdownUsd} />
                </dd>
              </div>
            </dl>
            {options.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No priced candidate.</p>
            ) : (
              <ol className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label={`Cheapest options for ${current.displayName}`}>
                {options.map((o, i) => (
                  <li key={o.modelId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                    <span>
                      <span className="text-slate-500 dark:text-slate-400">{i + 1}.</span> <span className="font-medium">{o.displayName}</span>{" "}
                      <span className="text-xs text-slate-500 dark:text-slate-400">
                        {o.providerName}
                        {o.estimated ? " · estimated" : ""}
                      </span>
                    </span>
                    <span className="text-right">
                      <Money usd={o.next12MonthsUsd} /> <span className="text-xs text-slate-500 dark:text-slate-400">next 12 months</span>
                      <span className="block text-xs text-slate-500 dark:text-slate-400">
                        <Money usd={o.monthly.totalUsd} /> a month
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="totals-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="totals-heading" className="text-sm font-semibold">
          Totals for the project
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">A month now</dt>
            <dd className="text-lg font-semibold">
              <Money usd={overview.totals.currentMonthlyUsd} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Until the shutdowns</dt>
            <dd className="text-lg font-semibold">
              <Money usd={overview.totals.costUntilShutdownUsd} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">A month, cheapest options</dt>
            <dd className="text-lg font-semibold">
              <Money usd={overview.totals.cheapestMonthlyUsd} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Next 12 months, cheapest</dt>
            <dd className="text-lg font-semibold">
              <Money usd={overview.totals.cheapestNext12MonthsUsd} />
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Sums of each model&apos;s figures: the cheapest option of each model, training included in the 12 months.</p>
      </section>
    </>
  );
}
