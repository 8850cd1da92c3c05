import type { ReactNode } from "react";
import type { BaseModelComparison } from "@/lib/estimates/comparison";
import type { CalculatorResult } from "@/lib/estimates/queries";
import { shortDay } from "@/lib/lifecycle/dates";
import { formatPriceUsd, formatUsd, roundUsd, toDecimal } from "@/lib/money/decimal";
import { CostChart } from "./cost-chart";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** A cost rounded to cents for reading, with the exact amount alongside whenever rounding changed it. */
function Usd({ value }: { value: string }) {
  const exact = !toDecimal(value).eq(toDecimal(roundUsd(value)));
  return (
    <>
      {formatUsd(value)}
      {exact && <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">exact {`$${value}`}</span>}
    </>
  );
}

/** Months to break even, to a precision worth reading: "0.015", "13.4". */
function readableMonths(months: string): string {
  const d = toDecimal(months);
  return (d.lt(1) ? d.toSignificantDigits(2) : d.toDecimalPlaces(1)).toFixed();
}

const count = (value: string | number) => BigInt(value).toLocaleString("en-US");

/** "December 2026". */
function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** A lifecycle warning: not an error (the estimate stands), but it must not be missed. */
function Warning({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p role="status" data-testid={testId} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      {children}
    </p>
  );
}

/** Totals, the break-even panel, the chart and the month-by-month table for one computed estimate. */
export function EstimateResults({ result }: { result: CalculatorResult }) {
  const { estimate, comparison } = result;
  const { lifecycle } = estimate;
  const n = estimate.months.length;
  // Months on or after the shutdown stay in the "as entered" figures; "until shutdown" is shown beside them, never
  // instead, and the warning above names the months that cannot happen (lib/estimates/lifecycle.ts).
  const cut = lifecycle.untilShutdown;
  const shutdownOn = lifecycle.model?.shutdownOn ?? null;
  const figures = 3 + (estimate.fixedMonthlyUsd !== "0" ? 1 : 0) + (cut ? 1 : 0);
  return (
    <div className="space-y-6">
      {lifecycle.warnings.map((w) => (
        <Warning key={w.code} testId="lifecycle-warning">
          {w.message}
        </Warning>
      ))}
      <dl className={`grid gap-3 ${figures > 3 ? "sm:grid-cols-2 2xl:grid-cols-4" : "sm:grid-cols-3"}`}>
        <Figure label="Training cost" testId="training-cost">
          <Usd value={estimate.trainingCostUsd} />
          {estimate.trainingMinimumTopUpUsd !== "0" && (
            <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">incl. {formatUsd(estimate.trainingMinimumTopUpUsd)} to the provider&apos;s minimum charge</span>
          )}
          {estimate.validationCostUsd !== "0" && (
            <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">incl. {formatUsd(estimate.validationCostUsd)} of billed validation</span>
          )}
        </Figure>
        <Figure label="Month 1 inference" testId="month-one-cost">
          <Usd value={estimate.monthlyCostUsd} />
        </Figure>
        {estimate.fixedMonthlyUsd !== "0" && (
          <Figure label="Fixed costs each month" testId="fixed-monthly-cost">
            <Usd value={estimate.fixedMonthlyUsd} />
            <span className="mt-1 block text-xs font-normal text-slate-500 dark:text-slate-400">hosting and storage</span>
          </Figure>
        )}
        <Figure label={cut ? `${n}-month total as entered` : `${n}-month total`} testId="total-cost" note={cut ? "includes months that cannot happen" : undefined}>
          <Usd value={estimate.totalCostUsd} />
        </Figure>
        {cut && shutdownOn && (
          <Figure
            label={`Until shutdown on ${shortDay(shutdownOn)}`}
            testId="total-until-shutdown"
            note={cut.lastMonth === 0 ? "no month can happen" : `training and months 1–${cut.lastMonth}, a partial month by its days`}
          >
            <Usd value={cut.totalCostUsd} />
          </Figure>
        )}
      </dl>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {estimate.catalog ? (
          <>
            Priced as <code className="font-mono">{estimate.catalog.model}</code> from the <code className="font-mono">{estimate.catalog.priceSet}</code> price set
            {estimate.catalog.source === "team" ? ", with your team's own price" : ""}, in force today.
          </>
        ) : (
          "Priced with the prices you typed."
        )}{" "}
        Trained on {shortDay(lifecycle.trainingOn)}; month 1 is {monthName(lifecycle.firstMonth)}. Totals are exact sums, rounded to cents only here.
      </p>

      {comparison ? (
        <>
          <BreakEvenPanel comparison={comparison} />
          <section aria-labelledby="chart-heading" className={card}>
            <h3 id="chart-heading" className="text-sm font-semibold">
              Cumulative cost: fine-tuned vs base model
            </h3>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">At a steady {count(comparison.requestsPerMonth)} requests a month, with the per-request figures above.</p>
            <CostChart comparison={comparison} />
          </section>
        </>
      ) : (
        <p className={`${card} text-sm text-slate-600 dark:text-slate-400`}>Fill in the break-even inputs to compare with the base model and chart both.</p>
      )}

      <section aria-labelledby="months-heading" className={card}>
        <h3 id="months-heading" className="text-sm font-semibold">
          Month by month
        </h3>
        <div className="mt-2 max-h-96 overflow-y-auto" tabIndex={0} role="region" aria-label="Month by month (scrollable)">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-white text-slate-500 dark:text-slate-400 dark:bg-slate-900">
              <tr>
                <th scope="col" className="py-2 font-medium">
                  Month
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Inference
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Fixed
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Total so far, with training
                </th>
                {cut && (
                  <th scope="col" className="py-2 text-right font-medium">
                    Until shutdown
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {estimate.months.map((m, i) => {
                const served = lifecycle.months[i];
                const none = cut !== null && served?.servingDays === 0;
                const partial = cut !== null && served !== undefined && served.servingDays > 0 && served.servingDays < served.daysInMonth;
                return (
                  <tr key={m.index} className={`border-t border-slate-100 dark:border-slate-800 ${none ? "text-slate-500 dark:text-slate-400" : ""}`}>
                    <th scope="row" className="py-1.5 font-normal">
                      {m.index}
                      {served && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{monthName(served.month)}</span>}
                      {none && <span className="ml-2 text-xs font-medium">cannot happen</span>}
                      {partial && served && <span className="ml-2 text-xs font-medium">partial: {served.servingDays} of {served.daysInMonth} days</span>}
                    </th>
                    <td className="py-1.5 text-right">{formatUsd(m.inferenceUsd)}</td>
                    <td className="py-1.5 text-right">{m.fixedUsd === "0" ? "—" : formatUsd(m.fixedUsd)}</td>
                    <td className="py-1.5 text-right">{formatUsd(result.cumulativeCostsUsd[i] ?? "0")}</td>
                    {cut && <td className="py-1.5 text-right">{formatUsd(cut.months[i]?.costUsd ?? "0")}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <details className={`${card} text-sm`}>
        <summary className="cursor-pointer font-semibold">Prices used (USD per 1M tokens)</summary>
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
          {(
            [
              ["Training", estimate.prices.trainingPerMTok],
              ["Fine-tuned input", estimate.prices.inputPerMTok],
              ["Fine-tuned cached", estimate.prices.cachedInputPerMTok],
              ["Fine-tuned output", estimate.prices.outputPerMTok],
              ["Base input", estimate.prices.baseInputPerMTok],
              ["Base cached", estimate.prices.baseCachedInputPerMTok],
              ["Base output", estimate.prices.baseOutputPerMTok],
              ["Hosting per hour", estimate.prices.hostingPerHourUsd],
              ["Storage per month", estimate.prices.storagePerMonthUsd],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
              <dd className="tabular-nums">{value === null ? (label.startsWith("Hosting") || label.startsWith("Storage") ? "none" : "no discount") : formatPriceUsd(value)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

/** A headline figure; `note` qualifies it outside the figure itself, so the figure's text stays the amount alone. */
function Figure({ label, testId, note, children }: { label: string; testId: string; note?: string; children: ReactNode }) {
  return (
    <div className={card}>
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd data-testid={testId} className="mt-1 text-2xl font-semibold tabular-nums">
        {children}
      </dd>
      {note && <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{note}</dd>}
    </div>
  );
}

function BreakEvenPanel({ comparison }: { comparison: BaseModelComparison }) {
  const { outcome } = comparison;
  return (
    <section aria-labelledby="break-even-heading" className={card}>
      <h3 id="break-even-heading" className="text-sm font-semibold">
        Break-even
      </h3>
      <p data-testid="break-even" className="mt-1 text-lg font-semibold">
        {outcome.kind === "recovers"
          ? `Recovers the training cost after ${count(outcome.requestsToRecover)} requests ≈ ${readableMonths(outcome.months)} months`
          : "Never recovers the training cost"}
      </p>
      {outcome.kind === "never" && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{outcome.reason}.</p>}
      {comparison.shutdown?.warning && (
        <div className="mt-2">
          <Warning testId="break-even-shutdown">{comparison.shutdown.warning}</Warning>
        </div>
      )}
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Per request: fine-tuned {formatPriceUsd(comparison.fineTunedRequestUsd)}, base model with the longer prompt {formatPriceUsd(comparison.baseRequestUsd)}
        {outcome.kind === "recovers" ? `, saving ${formatPriceUsd(comparison.savingsPerRequestUsd)}.` : "."}
      </p>
    </section>
  );
}
