/** Placeholder cards while a page of alerts loads. */
export function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading alerts" className="animate-pulse space-y-3">
      {[0, 1, 2].map((i) => (
        <div key={i} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="h-4 w-56 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
          <div className="mt-2 h-3 w-40 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {[0, 1, 2, 3].map((j) => (
              <div key={j} className="h-8 rounded bg-slate-100 dark:bg-slate-800/60" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
