import Link from "next/link";
import { shortDay } from "@/lib/lifecycle/dates";
import type { RetiringModel } from "@/lib/lifecycle/queries";

// Server component: the team's models that are about to stop serving, soonest first, each with a way to plan the move.

function DaysLeft({ days }: { days: number }) {
  const tone =
    days <= 14 ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : days <= 60 ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200";
  const text = days > 1 ? `${days} days left` : days === 1 ? "1 day left" : days === 0 ? "shuts down today" : `shut down ${-days} day${days === -1 ? "" : "s"} ago`;
  return <span className={`inline-flex shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${tone}`}>{text}</span>;
}

/** The Retiring panel: every tracked model with a shutdown date within the next months, with days left. */
export function RetiringPanel({ models }: { models: readonly RetiringModel[] }) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Retiring models">
      {models.map((m) => (
        <li key={m.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-3">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium">
              <Link href={`/models/${m.id}`} className="hover:underline">
                {m.name}
              </Link>
              <span className="font-normal text-slate-500 dark:text-slate-400"> · {m.projectName}</span>
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {m.providerName} {m.baseModelName}: {m.daysLeft > 0 ? "stops" : "stopped"} on {shortDay(m.shutdownOn)}
              {m.shutdownSource === "model" ? " (your date)" : m.sourceUrl ? (
                <>
                  {" "}
                  (
                  <a href={m.sourceUrl} className="underline" rel="noreferrer" target="_blank">
                    provider notice
                  </a>
                  )
                </>
              ) : null}
              {m.trainingEndsOn && m.daysLeft > 0 && ` · no new training after ${shortDay(m.trainingEndsOn)}`}
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-3">
            <DaysLeft days={m.daysLeft} />
            {m.movedTo ? (
              <Link href={`/models/${m.movedTo.id}`} className="text-xs text-emerald-700 hover:underline dark:text-emerald-300">
                Move planned → {m.movedTo.name}
              </Link>
            ) : (
              <Link href={`/models/${m.id}/move`} className="text-xs font-medium text-brand-600 hover:underline dark:text-brand-400">
                Plan a move
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
