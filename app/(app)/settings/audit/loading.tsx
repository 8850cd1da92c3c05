/** Shown while the log loads (navigation stays responsive). */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading the audit log" className="animate-pulse space-y-4">
      <div className="h-24 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
      <div className="h-64 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
    </div>
  );
}
