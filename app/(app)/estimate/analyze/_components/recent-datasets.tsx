import { EmptyState } from "@/components/ui/empty-state";
import type { listDatasets } from "@/lib/datasets/queries";
import { toCountableDataset } from "@/lib/datasets/token-counts";
import { formatUsd } from "@/lib/money/decimal";
import { TOKENIZER_IDS } from "@/lib/tokens/tokenizer-ids";
import { CountTokenizersDialog } from "./count-tokenizers-dialog";

type SavedDataset = Awaited<ReturnType<typeof listDatasets>>[number];

const count = new Intl.NumberFormat("en-US");

/** The team's recently saved analyses (a server component: saving revalidates the page, which re-renders it). */
export function RecentDatasets({ datasets, canSave }: { datasets: SavedDataset[]; canSave: boolean }) {
  return (
    <section aria-labelledby="saved-datasets-heading" className="space-y-3">
      <h2 id="saved-datasets-heading" className="text-lg font-semibold">
        Saved datasets
      </h2>
      {datasets.length === 0 ? (
        <EmptyState title="No saved datasets yet">
          Analyze a training file and press Save: its figures (never its data) are kept here, for a fine-tuned model to point to.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">Saved datasets, newest first</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 font-medium">Base model</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Valid examples</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Errors</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Epochs</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Trained tokens</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Training cost</th>
                <th scope="col" className="px-3 py-2 font-medium">Saved</th>
                <th scope="col" className="px-3 py-2 font-medium">Other tokenizers</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {datasets.map((d) => (
                <tr key={d.id} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {d.name}
                    <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{d.fileName}</span>
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{d.baseModelId}</td>
                  <td className="px-3 py-2 text-right">{count.format(d.validExamples)}</td>
                  <td className="px-3 py-2 text-right">{count.format(d.errorCount)}</td>
                  <td className="px-3 py-2 text-right">{d.epochs}</td>
                  <td className="px-3 py-2 text-right">{count.format(d.trainedTokens)}</td>
                  {/* toFixed(): Prisma's Decimal would print small amounts in exponent notation. */}
                  <td className="px-3 py-2 text-right">{d.trainingCostUsd === null ? "—" : formatUsd(d.trainingCostUsd.toFixed())}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{d.createdAt.toISOString().slice(0, 10)}</td>
                  <OtherTokenizersCell dataset={d} canSave={canSave} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The tokenizers the dataset's file has been counted with besides its own, and the way to count more. */
function OtherTokenizersCell({ dataset, canSave }: { dataset: SavedDataset; canSave: boolean }) {
  const countable = toCountableDataset(dataset);
  const counted = TOKENIZER_IDS.filter((id) => id !== dataset.encoding && countable.tokenCounts[id] !== undefined);
  return (
    <td className="px-3 py-2 text-xs">
      <span className="block text-slate-600 dark:text-slate-400">{counted.length === 0 ? "None yet" : counted.join(", ")}</span>
      {canSave && <CountTokenizersDialog dataset={countable} />}
    </td>
  );
}
