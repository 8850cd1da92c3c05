import Link from "next/link";
import { formatUsd } from "@/lib/money/decimal";
import type { listProjects } from "@/lib/projects/queries";

/** Classes of a link that looks like the primary Button. */
export const LINK_BUTTON =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";

type ProjectRow = Awaited<ReturnType<typeof listProjects>>[number];

/** The team's projects, a row each (a server component: mutations revalidate the page). */
export function ProjectsTable({ projects }: { projects: ProjectRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Projects</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Models</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Monthly budget</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Alert threshold</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {projects.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/projects/${p.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
                  {p.name}
                </Link>
                {p.archived && <ArchivedBadge />}
                {p.description && <span className="block max-w-md truncate text-xs font-normal text-slate-500 dark:text-slate-400">{p.description}</span>}
              </th>
              <td className="px-3 py-2 text-right">{p.modelCount}</td>
              <td className="px-3 py-2 text-right">{p.monthlyBudgetUsd === null ? "—" : formatUsd(p.monthlyBudgetUsd)}</td>
              <td className="px-3 py-2 text-right">±{p.deviationThresholdPct}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ArchivedBadge() {
  return <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Archived</span>;
}
