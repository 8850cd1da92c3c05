const STYLES: Record<string, string> = {
  PLANNED: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  TRAINING: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
  ACTIVE: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  RETIRED: "bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300",
};

export const STATUS_LABELS: Record<string, string> = { PLANNED: "Planned", TRAINING: "Training", ACTIVE: "Active", RETIRED: "Retired" };

/** A model's lifecycle status as a coloured pill. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.PLANNED}`}>{STATUS_LABELS[status] ?? status}</span>;
}
