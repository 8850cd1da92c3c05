import Link from "next/link";
import type { ModelView } from "@/lib/models/queries";
import { formatUsd } from "@/lib/money/decimal";
import { StatusBadge } from "./status-badge";

/** Fine-tuned models, a row each; with `showProject`, the project column too (a server component). */
export function ModelsTable({ models, showProject = false }: { models: ModelView[]; showProject?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full min-w-[48rem] text-left text-sm">
        <caption className="sr-only">Fine-tuned models</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            {showProject && <th scope="col" className="px-3 py-2 font-medium">Project</th>}
            <th scope="col" className="px-3 py-2 font-medium">Base model</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Provider model id</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Training cost</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {models.map((m) => (
            <tr key={m.id} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/models/${m.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
                  {m.displayName}
                </Link>
                {m.archived && <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Archived</span>}
              </th>
              {showProject && (
                <td className="px-3 py-2">
                  <Link href={`/projects/${m.projectId}`} className="hover:underline">
                    {m.projectName}
                  </Link>
                </td>
              )}
              <td className="px-3 py-2 font-mono text-xs">{m.baseModelId}</td>
              <td className="px-3 py-2">
                <StatusBadge status={m.status} />
              </td>
              <td className="max-w-64 truncate px-3 py-2 font-mono text-xs" title={m.providerModelId ?? undefined}>
                {m.providerModelId ?? "—"}
              </td>
              <td className="px-3 py-2 text-right">
                <TrainingCost computed={m.trainingCostUsd} invoiced={m.invoicedTrainingCostUsd} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The invoiced amount wins when there is one (it is what was paid); the computed one is kept beside it. */
function TrainingCost({ computed, invoiced }: { computed: string | null; invoiced: string | null }) {
  if (invoiced !== null) {
    return (
      <>
        {formatUsd(invoiced)}
        <span className="block text-xs text-slate-500 dark:text-slate-400">invoiced{computed !== null && ` · ${formatUsd(computed)} computed`}</span>
      </>
    );
  }
  return <>{computed === null ? "—" : formatUsd(computed)}</>;
}
