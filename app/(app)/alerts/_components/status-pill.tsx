import type { AlertStatus } from "@/lib/alerts/schemas";
import { STATUS_LABELS } from "./alert-format";

const STYLES: Record<AlertStatus, string> = {
  OPEN: "bg-amber-100 text-amber-900 dark:bg-amber-900/70 dark:text-amber-100",
  ACKNOWLEDGED: "bg-brand-100 text-brand-700 dark:bg-slate-700 dark:text-slate-100",
  RESOLVED: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/70 dark:text-emerald-100",
};

/** An alert's state as a coloured pill, with "Snoozed" beside it while notifications are silenced. */
export function StatusPill({ status, snoozed = false }: { status: AlertStatus; snoozed?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{STATUS_LABELS[status]}</span>
      {snoozed && status !== "RESOLVED" && (
        <span className="whitespace-nowrap rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          Snoozed
        </span>
      )}
    </span>
  );
}
