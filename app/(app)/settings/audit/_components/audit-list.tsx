"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { auditDiff } from "@/lib/audit/diff";
import type { AuditEventView } from "@/lib/audit/queries";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const linkClass = "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

/** The log's entries, newest first, each expandable to its before/after values; paging by links (URL state). */
export function AuditList({
  events,
  filtered,
  newerHref,
  olderHref,
}: {
  events: AuditEventView[];
  filtered: boolean;
  newerHref: string | null;
  olderHref: string | null;
}) {
  if (events.length === 0) {
    return filtered || newerHref ? (
      <EmptyState title="No entries match these filters" action={<Link href="/settings/audit" className={linkClass}>Clear filters</Link>}>
        Try another kind of change, person or a wider date range.
      </EmptyState>
    ) : (
      <EmptyState title="No changes recorded yet">
        When someone in your team edits usage, prices, projects, models, API keys, webhooks or imports a file, the change appears here with
        who made it and the values before and after.
      </EmptyState>
    );
  }
  return (
    <section aria-label="Audit entries" className="space-y-4">
      <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {events.map((e) => (
          <Entry key={e.id} event={e} />
        ))}
      </ol>
      {(newerHref || olderHref) && (
        <nav aria-label="Audit log pages" className="flex flex-wrap justify-between gap-3">
          {newerHref ? <Link href={newerHref} className={linkClass}>← Newest entries</Link> : <span />}
          {olderHref && <Link href={olderHref} className={linkClass}>Older entries →</Link>}
        </nav>
      )}
    </section>
  );
}

function Entry({ event: e }: { event: AuditEventView }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const hasValues = e.before !== null || e.after !== null;
  return (
    <li className="px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium break-words">{e.summary}</p>
          <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={e.createdAt}>{when(e.createdAt)}</time> · <span className="break-all">{e.actorLabel}</span> ·{" "}
            <code className="font-mono">{e.action}</code>
            {e.entityId && (
              <>
                {" "}
                · <span className="sr-only">entity id </span>
                <code className="font-mono break-all">{e.entityId}</code>
              </>
            )}
          </p>
        </div>
        {hasValues && (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-brand-100 dark:hover:bg-slate-800"
          >
            {open ? "Hide changes" : "Show changes"}
            <span className="sr-only">: {e.summary}</span>
          </button>
        )}
      </div>
      {hasValues && (
        <div id={panelId} hidden={!open} className="mt-3 overflow-x-auto">
          {open && <Diff before={e.before} after={e.after} />}
        </div>
      )}
    </li>
  );
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const rows = auditDiff(before, after);
  return (
    <table className="w-full min-w-[20rem] text-left text-sm">
      <caption className="sr-only">Values before and after the change; changed fields are marked</caption>
      <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50 dark:text-slate-400">
        <tr>
          <th scope="col" className="px-3 py-1.5 font-medium">Field</th>
          <th scope="col" className="px-3 py-1.5 font-medium">Before</th>
          <th scope="col" className="px-3 py-1.5 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className={`border-t border-slate-100 dark:border-slate-800 ${r.changed ? "bg-amber-50 dark:bg-amber-950/40" : ""}`}>
            <th scope="row" className="px-3 py-1.5 font-mono text-xs font-normal">
              {r.field}
              {r.changed && <span className="sr-only"> (changed)</span>}
            </th>
            <td className={`px-3 py-1.5 font-mono text-xs break-all ${r.changed ? "text-red-700 line-through decoration-red-400/60 dark:text-red-300" : ""}`}>{r.before ?? "—"}</td>
            <td className={`px-3 py-1.5 font-mono text-xs break-all ${r.changed ? "font-semibold text-emerald-800 dark:text-emerald-300" : ""}`}>{r.after ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
