import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { AlertBox } from "@/components/ui/alert-box";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { can } from "@/lib/auth/roles";
import { AppError, fieldErrors } from "@/lib/errors";
import { dayOf, shortDay } from "@/lib/lifecycle/dates";
import { earliestSwitchMonth } from "@/lib/migration/options";
import { getMigrationOptionsOrThrow, resolveWindow } from "@/lib/migration/queries";
import { migrationQuerySchema, type MigrationQuery } from "@/lib/migration/schemas";
import { formatUsd } from "@/lib/money/decimal";
import { PROVIDER_IDS, PROVIDERS } from "@/lib/pricing/providers";
import { loadModelOr404 } from "../load-model";
import { MoveChart } from "./_components/move-chart";
import { OptionsTable } from "./_components/options-table";
import { PlanMoveForm } from "./_components/plan-move-form";

export const metadata: Metadata = { title: "Plan a move" };

type Search = Record<string, string | string[] | undefined>;

/** The page's query: blank inputs of the GET form are "not set"; a bad value is reported and left out. */
function parseSearch(search: Search): { query: MigrationQuery; raw: Record<string, string>; errors: Record<string, string[]> } {
  const raw: Record<string, string> = {};
  for (const key of ["from", "to", "provider", "minContext"]) {
    const v = search[key];
    if (typeof v === "string" && v.trim() !== "") raw[key] = v.trim();
  }
  const parsed = migrationQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, raw, errors: {} };
  const errors = fieldErrors(parsed.error.issues);
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !errors[k]));
  const retry = migrationQuerySchema.safeParse(kept);
  return { query: retry.success ? retry.data : {}, raw, errors };
}

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900";
const LABEL = "block text-sm font-medium text-slate-700 dark:text-slate-300";

export default async function MovePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { ctx } = await requirePageContext();
  const model = await loadModelOr404(ctx, (await params).id);
  const { query, raw, errors } = parseSearch(await searchParams);
  const today = dayOf(new Date());
  const window = resolveWindow(query, today);
  const err = (k: string) => errors[k]?.[0];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/models/${model.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
          ← {model.displayName}
        </Link>
      </p>
      <PageHeader
        title={`Plan a move: ${model.displayName}`}
        description={`Its observed workload priced on every base model that can still be fine-tuned, at your team's prices. Base model today: ${model.baseModelId}.`}
        actions={
          <Link href={`/projects/${model.projectId}/move`} className="text-sm text-brand-600 hover:underline dark:text-brand-400">
            Every model of {model.projectName} →
          </Link>
        }
      />

      {Object.keys(errors).length > 0 && (
        <div className="mb-4">
          <AlertBox>
            Some filters were not applied: {Object.entries(errors).map(([k, m]) => `${k}: ${m[0]}`).join("; ")}.
          </AlertBox>
        </div>
      )}
      <form method="get" className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900" aria-label="Window and filters">
        <div className="space-y-1">
          <label htmlFor="move-from" className={LABEL}>
            Window from
          </label>
          <input id="move-from" name="from" type="month" defaultValue={raw.from ?? window.from} className={INPUT} aria-invalid={err("from") ? true : undefined} aria-describedby={err("from") ? "move-from-error" : undefined} />
          {err("from") && <p id="move-from-error" className="text-sm text-red-600 dark:text-red-400">{err("from")}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="move-to" className={LABEL}>
            Window to
          </label>
          <input id="move-to" name="to" type="month" defaultValue={raw.to ?? window.to} className={INPUT} aria-invalid={err("to") ? true : undefined} aria-describedby={err("to") ? "move-to-error" : undefined} />
          {err("to") && <p id="move-to-error" className="text-sm text-red-600 dark:text-red-400">{err("to")}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="move-provider" className={LABEL}>
            Provider
          </label>
          <select id="move-provider" name="provider" defaultValue={query.provider ?? ""} className={INPUT}>
            <option value="">All providers</option>
            {PROVIDER_IDS.filter((p) => p !== "openai").map((p) => (
              <option key={p} value={p}>
                {PROVIDERS[p].name}
              </option>
            ))}
            <option value="openai">{PROVIDERS.openai.name}</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="move-min-context" className={LABEL}>
            Min. context (tokens)
          </label>
          <input
            id="move-min-context"
            name="minContext"
            inputMode="numeric"
            placeholder="e.g. 32768"
            defaultValue={raw.minContext ?? ""}
            className={INPUT}
            aria-invalid={err("minContext") ? true : undefined}
            aria-describedby={err("minContext") ? "move-min-context-error" : undefined}
          />
          {err("minContext") && <p id="move-min-context-error" className="text-sm text-red-600 dark:text-red-400">{err("minContext")}</p>}
        </div>
        <div className="flex items-end">
          <button type="submit" className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Update
          </button>
        </div>
      </form>

      <Suspense key={JSON.stringify(query)} fallback={<Loading />}>
        <MoveOptions ctx={ctx} modelId={model.id} modelName={model.displayName} query={query} canManage={can(ctx.role, "projects:manage")} today={today} />
      </Suspense>
    </>
  );
}

function Loading() {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">Pricing the candidates…</span>
      <div className="h-24 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
      <div className="h-72 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
    </div>
  );
}

async function MoveOptions(props: { ctx: TeamContext; modelId: string; modelName: string; query: MigrationQuery; canManage: boolean; today: string }) {
  let view;
  try {
    view = await getMigrationOptionsOrThrow(props.ctx, props.modelId, props.query);
  } catch (e) {
    if (e instanceof AppError && (e.code === "bad_request" || e.code === "validation_failed")) {
      return <AlertBox>{Object.values(e.fields ?? {})[0]?.[0] ?? e.message}</AlertBox>;
    }
    throw e;
  }
  const { current } = view;
  const minStart = earliestSwitchMonth(props.today).slice(0, 7);
  const thisMonth = props.today.slice(0, 7);
  // Switch before the shutdown: the month the shutdown falls in when it is after today's, else next month.
  const shutdownMonth = current.shutdownOn?.slice(0, 7) ?? null;
  const defaultStart = shutdownMonth && shutdownMonth > thisMonth ? shutdownMonth : minStart;

  return (
    <>
      <section aria-labelledby="current-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="current-heading" className="text-sm font-semibold">
          Today on {current.baseModelId}
        </h2>
        <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">A month, observed</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatUsd(current.monthlyUsd)}</dd>
            <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{current.explanations.monthly}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Shutdown</dt>
            <dd className="text-xl font-semibold">{current.shutdownOn ? shortDay(current.shutdownOn) : "none announced"}</dd>
            {current.daysUntilShutdown !== null && <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{current.daysUntilShutdown} days from today</dd>}
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Cost until shutdown</dt>
            <dd className="text-xl font-semibold tabular-nums">{current.costUntilShutdownUsd === null ? "—" : formatUsd(current.costUntilShutdownUsd)}</dd>
            <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{current.explanations.costUntilShutdown}</dd>
          </div>
        </dl>
        {view.window.recordedMonths === 0 && (
          <p className="mt-3 text-sm text-amber-700 dark:text-amber-400">
            No usage recorded from {view.window.from} to {view.window.to}: inference is priced at zero volume. Pick another window, or log usage first.
          </p>
        )}
      </section>

      {view.replacedBy && (
        <div className="mb-6">
          <AlertBox tone="info">
            A move is already planned: <Link href={`/models/${view.replacedBy.id}`} className="font-medium underline">{view.replacedBy.displayName}</Link> on{" "}
            <span className="font-mono text-xs">{view.replacedBy.baseModelId}</span> takes over from this model.
          </AlertBox>
        </div>
      )}

      {view.options.length === 0 ? (
        <EmptyState title="No candidate to price">
          No base model that can still be fine-tuned has a price in your team&apos;s price set{view.filters.provider || view.filters.minContext ? " with these filters" : ""}. Clear the filters, or add a
          team price in Settings → Pricing.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="chart-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="chart-heading" className="text-sm font-semibold">
              Next 12 months by candidate
            </h2>
            <MoveChart options={view.options} />
          </section>
          <section aria-labelledby="table-heading" className="mb-6">
            <h2 id="table-heading" className="mb-3 text-lg font-semibold">
              Candidates
            </h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              Volumes are this model&apos;s monthly averages from {view.window.from} to {view.window.to}, scaled by each tokenizer&apos;s ratio on the model&apos;s dataset;
              “estimated” marks a count that could not be re-made with the candidate&apos;s tokenizer. Open “How” for each figure&apos;s arithmetic.
            </p>
            <OptionsTable options={view.options} />
          </section>
        </>
      )}

      {view.unpriced.length > 0 && (
        <details className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer font-medium">Not priced ({view.unpriced.length})</summary>
          <ul className="mt-2 space-y-1 text-slate-600 dark:text-slate-400">
            {view.unpriced.map((u) => (
              <li key={u.modelId}>
                <span className="font-medium text-slate-800 dark:text-slate-200">{u.displayName}</span>: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      {!view.replacedBy && (
        <section aria-labelledby="plan-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="plan-heading" className="mb-3 text-lg font-semibold">
            Plan this move
          </h2>
          <PlanMoveForm
            modelId={props.modelId}
            modelName={props.modelName}
            window={{ from: view.window.from, to: view.window.to }}
            options={view.options.map((o) => ({ modelId: o.modelId, displayName: o.displayName, providerName: o.providerName, next12MonthsUsd: o.next12MonthsUsd }))}
            defaultStartMonth={defaultStart}
            minStartMonth={thisMonth}
            canManage={props.canManage}
          />
        </section>
      )}
    </>
  );
}
