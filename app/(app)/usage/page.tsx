import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listModels } from "@/lib/models/queries";
import { listTeamUsageForMonth } from "@/lib/usage/queries";
import { monthSchema } from "@/lib/usage/schemas";
import { UsageGrid, type GridModel } from "./_components/usage-grid";

export const metadata: Metadata = { title: "Usage" };

const SECONDARY_LINK =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

export default async function UsagePage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const { ctx } = await requirePageContext();
  const asked = (await searchParams).month;
  const month = monthSchema.safeParse(asked).success ? asked! : new Date().toISOString().slice(0, 7); // calendar months in UTC
  const [models, records] = await Promise.all([listModels(ctx), listTeamUsageForMonth(ctx, month)]);
  // Rows: active models, plus any other model that already has figures this month (so nothing stored is hidden).
  const rows: GridModel[] = models
    .map((m) => ({ id: m.id, displayName: m.displayName, projectName: m.projectName, status: m.status, record: records.get(m.id) ?? null }))
    .filter((r) => r.status === "ACTIVE" || r.record !== null);

  return (
    <>
      <PageHeader
        title="Usage"
        description="A month's tokens per model: type them here, import a file, or push them through the API. Costs use the prices in force that month."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/usage/import" className={SECONDARY_LINK}>
              Import CSV / OpenAI export
            </Link>
            <a href={`/api/v1/usage/export.csv?from=${month}&to=${month}`} className={SECONDARY_LINK} download>
              Export {month} (CSV)
            </a>
          </div>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Choose the month">
        <div>
          <label htmlFor="grid-month" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Month
          </label>
          <input
            id="grid-month"
            name="month"
            type="month"
            defaultValue={month}
            required
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <button type="submit" className={SECONDARY_LINK}>
          Show
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyState
          title={models.length === 0 ? "No models yet" : "No active models"}
          action={
            <Link href={models.length === 0 ? "/models/new" : "/models"} className="text-brand-600 hover:underline dark:text-brand-400">
              {models.length === 0 ? "Add a model" : "See all models"}
            </Link>
          }
        >
          The grid lists models whose status is Active, one row each, so a month&apos;s figures can be typed in one go.
        </EmptyState>
      ) : (
        // Keyed by month: another month starts from its stored figures.
        <UsageGrid key={month} month={month} models={rows} canWrite={can(ctx.role, "usage:write")} />
      )}
    </>
  );
}
