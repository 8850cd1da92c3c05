import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { listAlerts } from "@/lib/alerts/queries";
import type { AlertStatus, AlertView } from "@/lib/alerts/schemas";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { AppError } from "@/lib/errors";
import { alertFigures, kindLabel, monthLong, sinceText, STATUS_LABELS, type StatusParam } from "./alert-format";
import { StatusPill } from "./status-pill";

/** Alerts per page; more come through the "Older alerts" link (keyset cursor in the URL). */
export const ALERTS_PAGE_SIZE = 25;

const EMPTY: Record<AlertStatus, { title: string; body: string }> = {
  OPEN: {
    title: "No open alerts — all quiet",
    body: "You are alerted here when a month's spend deviates from its forecast, a budget will be or has been overrun, or a model's spend is unusual for its trend.",
  },
  ACKNOWLEDGED: {
    title: "No acknowledged alerts",
    body: "An alert someone has acknowledged, with their note, stays here until its month is back within bounds.",
  },
  RESOLVED: {
    title: "No resolved alerts",
    body: "An alert resolves itself when its month is back within bounds; it is kept here with its history.",
  },
};

const LINK = "text-brand-600 hover:underline dark:text-brand-400";

/** One page of the team's alerts in one state, newest opened first (a server component). */
export async function AlertList({ ctx, status, param, cursor }: { ctx: TeamContext; status: AlertStatus; param: StatusParam; cursor?: string }) {
  let page: Awaited<ReturnType<typeof listAlerts>>;
  try {
    page = await listAlerts(ctx, { status, cursor, limit: ALERTS_PAGE_SIZE });
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request") {
      return (
        <p className="py-6 text-sm text-slate-600 dark:text-slate-400">
          This page link is no longer valid.{" "}
          <Link href={`/alerts?status=${param}`} className={LINK}>
            Show the newest alerts
          </Link>
        </p>
      );
    }
    throw error;
  }

  if (page.alerts.length === 0) {
    return cursor ? (
      <p className="py-6 text-sm text-slate-600 dark:text-slate-400">
        No older alerts.{" "}
        <Link href={`/alerts?status=${param}`} className={LINK}>
          Back to the newest
        </Link>
      </p>
    ) : (
      <EmptyState title={EMPTY[status].title}>{EMPTY[status].body}</EmptyState>
    );
  }

  return (
    <>
      <ul aria-label={`${STATUS_LABELS[status]} alerts`} className="space-y-3">
        {page.alerts.map((a) => (
          <li key={a.id}>
            <AlertCard alert={a} />
          </li>
        ))}
      </ul>
      {(cursor || page.nextCursor) && (
        <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
          {cursor ? (
            <Link href={`/alerts?status=${param}`} className={LINK}>
              ← Newest alerts
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link href={`/alerts?status=${param}&cursor=${encodeURIComponent(page.nextCursor)}`} className={LINK}>
              Older alerts →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}

/** An alert as a card: the whole card links to its page. */
function AlertCard({ alert: a }: { alert: AlertView }) {
  const figures = alertFigures(a);
  const headingId = `alert-${a.id}`;
  const live = a.status !== "RESOLVED";
  return (
    <article
      aria-labelledby={headingId}
      className="relative rounded-lg border border-slate-200 bg-white p-4 transition-colors focus-within:border-brand-500 hover:border-slate-300 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-700"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-sm font-semibold">
            {/* The link's ::after covers the card, so a tap anywhere opens the alert. */}
            <Link href={`/alerts/${a.id}`} className="after:absolute after:inset-0 hover:underline">
              {kindLabel(a.kind, a.threshold)}
            </Link>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
            {a.projectName}
            {a.modelName && <> · {a.modelName}</>} · {monthLong(a.month)}
          </p>
        </div>
        <div className="shrink-0">
          <StatusPill status={a.status} snoozed={a.snoozed} />
        </div>
      </div>
      {figures.length > 0 && (
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
          {figures.map((f) => (
            <div key={f.label} className="min-w-0">
              <dt className="text-xs text-slate-500 dark:text-slate-400">{f.label}</dt>
              <dd
                className={`font-semibold tabular-nums ${f.tone === "alert" && live ? "text-amber-700 dark:text-amber-300" : ""}`}
              >
                {f.value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{sinceText(a)}</p>
    </article>
  );
}
