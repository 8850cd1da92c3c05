import type { AlertDetail, AlertEventView } from "@/lib/alerts/schemas";
import { eventFigures, formatInstant, snoozeEndText } from "./alert-format";

const DOT: Record<AlertEventView["type"], string> = {
  opened: "bg-amber-500",
  reopened: "bg-amber-500",
  updated: "bg-slate-400",
  acknowledged: "bg-brand-500",
  snoozed: "bg-slate-400",
  resolved: "bg-emerald-500",
};

function title(e: AlertEventView): string {
  const by = e.actor ? ` by ${e.actor.name}` : "";
  switch (e.type) {
    case "opened":
      return "Opened";
    case "reopened":
      return "Reopened: the condition returned";
    case "updated":
      return "Figures updated";
    case "acknowledged":
      return `Acknowledged${e.actor ? by : " through the API"}`;
    case "snoozed": {
      const until = typeof e.data?.until === "string" ? ` until ${snoozeEndText(e.data.until)}` : "";
      return `Snoozed${by}${until}`;
    }
    case "resolved":
      return typeof e.data?.reason === "string" ? "Resolved" : "Resolved: back within bounds";
  }
}

/** The alert's history, oldest first, as a timeline: what changed, who did it, the note and the figures at the time. */
export function AlertHistory({ alert }: { alert: Pick<AlertDetail, "events" | "kind" | "threshold"> }) {
  if (alert.events.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No history recorded.</p>;
  return (
    <ol aria-label="History, oldest first" className="ml-1.5 space-y-4 border-l border-slate-200 pl-5 dark:border-slate-700">
      {alert.events.map((e) => {
        const figures = eventFigures(alert.kind, alert.threshold, e.data).slice(0, 3);
        const note = e.type === "acknowledged" && typeof e.data?.note === "string" && e.data.note !== "" ? e.data.note : null;
        const reason = e.type === "resolved" && typeof e.data?.reason === "string" ? e.data.reason : null;
        return (
          <li key={e.id} className="relative">
            <span aria-hidden className={`absolute -left-[1.65rem] top-1.5 size-2.5 rounded-full ring-4 ring-white dark:ring-slate-900 ${DOT[e.type]}`} />
            <p className="text-sm font-medium">{title(e)}</p>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              <time dateTime={e.createdAt}>{formatInstant(e.createdAt)}</time>
            </p>
            {reason && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{reason}</p>}
            {figures.length > 0 && (
              <p className="mt-1 text-sm tabular-nums text-slate-600 dark:text-slate-400">
                {figures.map((f) => `${f.label} ${f.value}`).join(" · ")}
              </p>
            )}
            {note && (
              <blockquote className="mt-1.5 whitespace-pre-line break-words border-l-2 border-brand-500 pl-3 text-sm italic text-slate-700 dark:text-slate-300">
                {note}
              </blockquote>
            )}
          </li>
        );
      })}
    </ol>
  );
}
