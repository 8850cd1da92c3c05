import type { EstimatorOptions } from "@/lib/estimates/queries";
import { isShutDownOn, isTrainableOn, shortDay } from "@/lib/lifecycle/dates";
import { PROVIDERS } from "@/lib/pricing/providers";

type Model = EstimatorOptions["models"][number];

/** What a model's dates mean on the training day, in words for the table's last column. */
function status(m: Model, day: string): { label: string; tone: "bad" | "warn" | "ok" } {
  const l = m.lifecycle;
  if (!l || (!l.trainingEndsOn && !l.shutdownOn)) return { label: "No dates published", tone: "ok" };
  if (isShutDownOn(l.shutdownOn, day)) return { label: "Shut down", tone: "bad" };
  if (!isTrainableOn(l, day)) return { label: "No new fine-tuning jobs", tone: "bad" };
  return l.shutdownOn ? { label: "Trainable, retiring", tone: "warn" } : { label: "Trainable", tone: "ok" };
}

const TONE = {
  bad: "text-red-700 dark:text-red-300",
  warn: "text-amber-800 dark:text-amber-200",
  ok: "text-slate-700 dark:text-slate-300",
} as const;

/**
 * Every base model the calculator offers with its lifecycle dates, read against the estimate's training day: which
 * can no longer be trained and which retire, so a comparison across models does not pick one that cannot run.
 */
const rowLabel = (m: EstimatorOptions["models"][number]) => (m.provider === "openai" ? (m.aliases[0] ?? m.id) : (m.displayName ?? m.id));

export function LifecycleTable({ models, trainingDay }: { models: EstimatorOptions["models"]; trainingDay: string }) {
  const rows = models.filter((m) => m.billingUnit === "token");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer font-semibold">Base models&apos; lifecycles on {shortDay(trainingDay)}</summary>
      <div className="mt-2 max-h-96 overflow-y-auto" tabIndex={0} role="region" aria-label="Lifecycle dates by model (scrollable)">
        <table className="w-full text-left">
          <thead className="sticky top-0 bg-white text-slate-500 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-2 font-medium">
                Base model
              </th>
              <th scope="col" className="py-2 font-medium">
                New jobs until
              </th>
              <th scope="col" className="py-2 font-medium">
                Stops serving on
              </th>
              <th scope="col" className="py-2 font-medium">
                On the training day
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => {
              const s = status(m, trainingDay);
              return (
                <tr key={m.id} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1.5 font-normal">
                    {rowLabel(m)}
                    {/* A space, not only a margin: the row's accessible name reads "gpt-4o-mini OpenAI", not one word. */}
                    {!rowLabel(m).includes(PROVIDERS[m.provider].name) && (
                      <>
                        {" "}
                        <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">{PROVIDERS[m.provider].name}</span>
                      </>
                    )}
                  </th>
                  <td className="py-1.5 tabular-nums">{m.lifecycle?.trainingEndsOn ? shortDay(m.lifecycle.trainingEndsOn) : "—"}</td>
                  <td className="py-1.5 tabular-nums">{m.lifecycle?.shutdownOn ? shortDay(m.lifecycle.shutdownOn) : "—"}</td>
                  <td className={`py-1.5 font-medium ${TONE[s.tone]}`}>
                    {s.label}
                    {m.lifecycle?.sourceUrl && (m.lifecycle.trainingEndsOn || m.lifecycle.shutdownOn) && (
                      <a href={m.lifecycle.sourceUrl} className="ml-2 text-xs font-normal text-brand-600 hover:underline dark:text-brand-100" rel="noreferrer" target="_blank">
                        source
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
