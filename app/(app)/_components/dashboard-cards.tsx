import Link from "next/link";
import type { ReactNode } from "react";
import type { AlertView } from "@/lib/alerts/schemas";
import type { DashboardSummary, Mover, ProviderSpend } from "@/lib/dashboard/queries";
import { Decimal, formatUsd, toDecimal } from "@/lib/money/decimal";
import { kindLabel, monthLong } from "../alerts/_components/alert-format";

// Server components of the dashboards: figures arrive as exact decimal strings and are rounded here, once, for display.

const FORECAST: Record<string, string> = { pace: "at this month's pace", trend: "from the trend", plan: "from the usage plans", mixed: "from plans and trends" };

const pct = (v: string) => `${toDecimal(v).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed()}%`;

function Card({ label, value, children, tone }: { label: string; value: ReactNode; children?: ReactNode; tone?: "warn" | "ok" }) {
  const color = tone === "warn" ? "text-red-700 dark:text-red-300" : tone === "ok" ? "text-emerald-700 dark:text-emerald-300" : "";
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${color}`}>{value}</dd>
      {children && <dd className="mt-1 text-xs text-slate-600 dark:text-slate-400">{children}</dd>}
    </div>
  );
}

/** This month, its projected end against the budget, the year so far (training and inference), open alerts. */
export function SummaryCards({ summary, alertsHref }: { summary: DashboardSummary; alertsHref: string }) {
  const over = summary.burn?.headroomUsd != null && toDecimal(summary.burn.headroomUsd).lt(0);
  return (
    <dl className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Card label={`Spent in ${monthLong(summary.month)}`} value={summary.actualUsd === null ? "—" : formatUsd(summary.actualUsd)}>
        {summary.actualUsd === null ? "No usage logged for this month yet." : summary.burn?.spentPct ? `${pct(summary.burn.spentPct)} of the ${formatUsd(summary.burn.budgetUsd)} budget` : "No budget set."}
      </Card>
      <Card label="Projected month end" value={summary.monthEndUsd === null ? "—" : formatUsd(summary.monthEndUsd)} tone={summary.burn ? (over ? "warn" : "ok") : undefined}>
        {summary.monthEndUsd === null
          ? "No forecast yet: log usage or add a usage plan."
          : summary.burn?.headroomUsd != null
            ? over
              ? `${formatUsd(toDecimal(summary.burn.headroomUsd).neg())} over budget, ${FORECAST[summary.forecastKind ?? ""] ?? ""}`
              : `${formatUsd(summary.burn.headroomUsd)} under budget, ${FORECAST[summary.forecastKind ?? ""] ?? ""}`
            : (FORECAST[summary.forecastKind ?? ""] ?? "")}
      </Card>
      <Card label={`Spent in ${summary.month.slice(0, 4)} so far`} value={formatUsd(summary.ytd.totalUsd)}>
        Inference {formatUsd(summary.ytd.inferenceUsd)} · training {formatUsd(summary.ytd.trainingUsd)}
      </Card>
      <Card label="Open alerts" value={summary.openAlerts} tone={summary.openAlerts > 0 ? "warn" : undefined}>
        <Link href={alertsHref} className="text-brand-600 hover:underline dark:text-brand-400">
          {summary.openAlerts > 0 ? "Review them" : "See all alerts"}
        </Link>
      </Card>
    </dl>
  );
}

/** A section card with a heading. */
export function Panel({ id, title, description, children, className = "" }: { id: string; title: string; description?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The training vs inference split of the year so far, as a bar with both figures in words. */
/** Spend by provider in the last complete month, each with a bar for its share and the month before for comparison. */
export function ProviderSpendList({ providers, previous, latest }: { providers: ProviderSpend[]; previous: string; latest: string }) {
  const shown = providers.filter((p) => p.latestUsd !== null || p.previousUsd !== null);
  if (shown.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No usage recorded in {monthLong(latest)}.</p>;
  const total = shown.reduce((sum, p) => sum.plus(toDecimal(p.latestUsd ?? "0")), toDecimal(0));
  return (
    <ul className="space-y-3 text-sm">
      {shown.map((p) => {
        const last = toDecimal(p.latestUsd ?? "0");
        const share = total.isZero() ? toDecimal(0) : last.times(100).div(total).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
        return (
          <li key={p.provider}>
            <div className="flex items-baseline justify-between gap-3">
              <span className="font-medium">{p.name}</span>
              <span className="tabular-nums">
                {p.latestUsd === null ? "—" : formatUsd(p.latestUsd)} <span className="text-xs text-slate-500 dark:text-slate-400">({share.toFixed(1)}%)</span>
              </span>
            </div>
            <div className="mt-1 h-2 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
              <div className="h-2 rounded bg-brand-600 dark:bg-brand-400" style={{ width: `${share.toFixed(1)}%` }} />
            </div>
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {monthLong(previous)}: {p.previousUsd === null ? "—" : formatUsd(p.previousUsd)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function SpendSplit({ inferenceUsd, trainingUsd }: { inferenceUsd: string; trainingUsd: string }) {
  const total = toDecimal(inferenceUsd).plus(toDecimal(trainingUsd));
  if (total.isZero()) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing spent this year yet.</p>;
  const share = toDecimal(trainingUsd).times(100).div(total).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  return (
    <div>
      <div className="flex h-3 overflow-hidden rounded-full bg-brand-500" aria-hidden>
        <div className="h-full bg-amber-500" style={{ width: `${share.toFixed()}%` }} />
      </div>
      <dl className="mt-2 flex flex-wrap justify-between gap-2 text-sm">
        <div>
          <dt className="inline text-slate-500 dark:text-slate-400">
            <span className="mr-1 inline-block size-2 rounded-full bg-amber-500" aria-hidden />
            Training{" "}
          </dt>
          <dd className="inline font-medium tabular-nums">
            {formatUsd(trainingUsd)} ({share.toFixed(1)}%)
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-500 dark:text-slate-400">
            <span className="mr-1 inline-block size-2 rounded-full bg-brand-500" aria-hidden />
            Inference{" "}
          </dt>
          <dd className="inline font-medium tabular-nums">
            {formatUsd(inferenceUsd)} ({new Decimal(100).minus(share).toFixed(1)}%)
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The models whose cost changed most between the two latest complete months. */
export function MoversList({ movers, previous, latest, showProject }: { movers: Mover[]; previous: string; latest: string; showProject: boolean }) {
  if (movers.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No model&apos;s cost changed between {monthLong(previous)} and {monthLong(latest)}.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
      {movers.map((m) => {
        const up = toDecimal(m.changeUsd).gt(0);
        return (
          <li key={m.modelId} className="flex items-baseline justify-between gap-3 py-2">
            <div className="min-w-0">
              <Link href={`/models/${m.modelId}`} className="font-medium text-brand-600 hover:underline dark:text-brand-400">
                {m.name}
              </Link>
              {showProject && <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{m.projectName}</span>}
            </div>
            <div className="shrink-0 text-right tabular-nums">
              <span className={up ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}>
                <span aria-hidden>{up ? "▲" : "▼"} </span>
                {up ? "up " : "down "}
                {formatUsd(toDecimal(m.changeUsd).abs())}
              </span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {m.previousUsd === null ? "—" : formatUsd(m.previousUsd)} → {m.latestUsd === null ? "—" : formatUsd(m.latestUsd)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The newest open alerts, each a link to its page. */
export function AlertFeed({ alerts, total, href }: { alerts: AlertView[]; total: number; href: string }) {
  if (alerts.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No open alerts — all quiet.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {alerts.map((a) => (
          <li key={a.id} className="py-2">
            <Link href={`/alerts/${a.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-400">
              {kindLabel(a.kind, a.threshold)}
            </Link>
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              {a.modelName ? `${a.modelName} · ` : ""}
              {a.projectName} · {monthLong(a.month)}
              {a.snoozed ? " · snoozed" : ""}
            </span>
          </li>
        ))}
      </ul>
      {total > alerts.length && (
        <Link href={href} className="mt-2 inline-block text-sm text-brand-600 hover:underline dark:text-brand-400">
          All {total} open alerts →
        </Link>
      )}
    </>
  );
}

/** Where this month stands against its budget: spent so far, the projected month end, and the straight-line pace. */
export function BudgetBurnDown({ summary }: { summary: DashboardSummary }) {
  const burn = summary.burn;
  if (!burn) return <p className="text-sm text-slate-600 dark:text-slate-400">No monthly budget is set. Edit the project to add one.</p>;
  const clamp = (v: string | null) => (v === null ? 0 : Math.min(100, Number(v))); // a bar width: display only
  const even = burn.days ? ((burn.asOfDay / burn.days) * 100).toFixed(1) : "0";
  const over = burn.headroomUsd !== null && toDecimal(burn.headroomUsd).lt(0);
  return (
    <div>
      <div className="relative h-4 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden>
        <div className={`absolute inset-y-0 left-0 ${over ? "bg-red-400/50" : "bg-amber-400/50"}`} style={{ width: `${clamp(burn.monthEndPct)}%` }} />
        <div className={`absolute inset-y-0 left-0 ${over ? "bg-red-600" : "bg-brand-500"}`} style={{ width: `${clamp(burn.spentPct)}%` }} />
        <div className="absolute inset-y-0 w-0.5 bg-slate-900 dark:bg-white" style={{ left: `${even}%` }} />
      </div>
      <p className="mt-2 text-sm">
        {formatUsd(burn.spentUsd)} of {formatUsd(burn.budgetUsd)} spent
        {burn.asOfDay > 0 && burn.asOfDay < burn.days ? ` by day ${burn.asOfDay} of ${burn.days}` : ""}
        {burn.spentPct !== null && ` (${pct(burn.spentPct)})`}.{" "}
        {burn.monthEndUsd !== null && burn.headroomUsd !== null && (
          <span className={over ? "font-medium text-red-700 dark:text-red-300" : ""}>
            Projected month end {formatUsd(burn.monthEndUsd)}: {over ? `${formatUsd(toDecimal(burn.headroomUsd).neg())} over` : `${formatUsd(burn.headroomUsd)} left`}.
          </span>
        )}
      </p>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Dark bar: spent; light bar: projected month end; the line marks an even spend through day {burn.asOfDay || 0}.
      </p>
    </div>
  );
}

/** Shown while a dashboard's figures load. */
export function DashboardSkeleton() {
  const block = "rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";
  return (
    <div role="status" aria-label="Loading the dashboard" className="animate-pulse space-y-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={`h-24 ${block}`} />
        ))}
      </div>
      <div className={`h-80 ${block}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className={`h-64 ${block}`} />
        <div className={`h-64 ${block}`} />
      </div>
    </div>
  );
}
