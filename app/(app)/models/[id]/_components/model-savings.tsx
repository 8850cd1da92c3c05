import type { Savings } from "@/lib/dashboard/savings";
import { formatUsd, toDecimal } from "@/lib/money/decimal";
import { monthLong } from "../../../alerts/_components/alert-format";

const signed = (v: string) => (toDecimal(v).lt(0) ? `−${formatUsd(toDecimal(v).neg())}` : formatUsd(v));

/** What the fine-tuned model saved (or cost) against its base model with the longer prompt, month by month. */
export function ModelSavings({ savings, promptTokensFineTuned, promptTokensBase }: { savings: Savings | null; promptTokensFineTuned: number | null; promptTokensBase: number | null }) {
  if (!savings) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Enter the prompt tokens per request of this model and of the base model it replaces (Edit) to see what fine-tuning saved against the base model with the longer prompt.
      </p>
    );
  }
  if (savings.months.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No usage recorded yet: savings appear with the first month logged.</p>;
  const net = toDecimal(savings.netUsd);
  const estimated = savings.months.some((m) => m.requestsEstimated);
  return (
    <div>
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Saved on inference</dt>
          <dd className="text-xl font-semibold tabular-nums">{signed(savings.savedUsd)}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Training cost</dt>
          <dd className="text-xl font-semibold tabular-nums">{savings.trainingCostUsd === null ? "—" : formatUsd(savings.trainingCostUsd)}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Net of training</dt>
          <dd className={`text-xl font-semibold tabular-nums ${net.lt(0) ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300"}`}>
            {signed(savings.netUsd)}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        Each request on the base model would carry {promptTokensBase?.toLocaleString("en-US")} prompt tokens instead of {promptTokensFineTuned?.toLocaleString("en-US")}, priced
        uncached at the base prices of its month; output is the same. {net.lt(0) ? "Fine-tuning has not paid for itself yet." : "Fine-tuning has paid for itself."}
        {estimated && " Where requests were not recorded they are estimated as input tokens ÷ the fine-tuned prompt length."}
        {savings.unpricedMonths.length > 0 && ` Left out (no base price in force): ${savings.unpricedMonths.map(monthLong).join(", ")}.`}
      </p>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Savings by month</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">Fine-tuned cost against the base model with the longer prompt, by month</caption>
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Month</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Requests</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Fine-tuned</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Base model</th>
                <th scope="col" className="py-1 text-right font-medium">Saved</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {savings.months.map((m) => (
                <tr key={m.month} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">{monthLong(m.month)}</th>
                  <td className="py-1 pr-3 text-right">
                    {BigInt(m.requests).toLocaleString("en-US")}
                    {m.requestsEstimated && <span title="estimated"> *</span>}
                  </td>
                  <td className="py-1 pr-3 text-right">{formatUsd(m.fineTunedUsd)}</td>
                  <td className="py-1 pr-3 text-right">{m.baseUsd === null ? "—" : formatUsd(m.baseUsd)}</td>
                  <td className="py-1 text-right">{m.savedUsd === null ? "—" : signed(m.savedUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
