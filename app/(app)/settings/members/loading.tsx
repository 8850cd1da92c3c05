/** Shown while the members and invitations load. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-48 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
      <div className="h-32 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" />
    </div>
  );
}
