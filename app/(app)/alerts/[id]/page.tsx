import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { AlertActions } from "../_components/alert-actions";
import { AlertChart } from "../_components/alert-chart";
import { alertFigures, chartMonths, kindExplanation, kindLabel, monthLong, sinceText, STATUS_LABELS, statusParam } from "../_components/alert-format";
import { AlertHistory } from "../_components/alert-history";
import { StatusPill } from "../_components/status-pill";
import { loadAlertOr404 } from "./load-alert";

export const metadata: Metadata = { title: "Alert" };

const CARD = "rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

function Section({ id, title, className = "", children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={`min-w-0 ${CARD} ${className}`}>
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const alert = await loadAlertOr404(ctx, (await params).id);
  const figures = alertFigures(alert);
  const series = chartMonths(alert.series, alert.month);
  const subject = alert.modelName ? `${alert.modelName} (${alert.projectName})` : alert.projectName;
  const live = alert.status !== "RESOLVED";
  const tab = statusParam(alert.status);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={tab === "open" ? "/alerts" : `/alerts?status=${tab}`} className="text-brand-600 hover:underline dark:text-brand-400">
          ← {STATUS_LABELS[alert.status]} alerts
        </Link>
      </p>
      <PageHeader
        title={kindLabel(alert.kind, alert.threshold)}
        description={`${subject} · ${monthLong(alert.month)}`}
        actions={<StatusPill status={alert.status} snoozed={alert.snoozed} />}
      />

      {/* Two columns on wide screens; on a phone the sections interleave (display: contents) so the actions come
          right after the figures instead of below the chart. */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:items-start">
        <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
          <Section id="trigger-heading" title="What triggered it" className="order-1 lg:order-none">
            <p className="mt-2 text-sm leading-6 text-slate-700 dark:text-slate-300">{alert.message}</p>
            {figures.length > 0 && (
              <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
                {figures.map((f) => (
                  <div key={f.label} className="min-w-0">
                    <dt className="text-xs text-slate-500 dark:text-slate-400">{f.label}</dt>
                    <dd className={`text-lg font-semibold tabular-nums ${f.tone === "alert" && live ? "text-amber-700 dark:text-amber-300" : ""}`}>{f.value}</dd>
                    {f.hint && <dd className="text-xs text-slate-500 dark:text-slate-400">{f.hint}</dd>}
                  </div>
                ))}
              </dl>
            )}
            <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-500 dark:text-slate-400 dark:border-slate-800">
              {kindExplanation(alert)}
              {!live && " These are the figures when it last fired; the chart and the history show where the month stands now."}
            </p>
          </Section>

          <Section id="chart-heading" title="Actual vs projected" className="order-3 lg:order-none">
            <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-400">{subject}, by month</p>
            {series.length > 0 ? (
              <AlertChart series={series} alertMonth={alert.month} subject={subject} live={live} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">No recorded or projected months to chart.</p>
            )}
          </Section>
        </div>

        <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
          <Section id="status-heading" title="Status" className="order-2 lg:order-none">
            <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{sinceText(alert)}</p>
            <AlertActions id={alert.id} status={alert.status} snoozed={alert.snoozed} snoozedUntil={alert.snoozedUntil} canWrite={can(ctx.role, "usage:write")} />
          </Section>

          <Section id="history-heading" title="History" className="order-4 lg:order-none">
            <div className="mt-4">
              <AlertHistory alert={alert} />
            </div>
          </Section>
        </div>
      </div>
    </>
  );
}
