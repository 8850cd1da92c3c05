"use client";

import { useMemo, type ReactNode } from "react";
import { compareTrainingCosts, type TrainingCostRow } from "@/lib/datasets/cost-report";
import { fromPlainPricedModel, type PlainPricedModel } from "@/lib/datasets/plain-prices";
import { formatUsd } from "@/lib/money/decimal";
import type { CatalogModel } from "@/lib/pricing/types";
import type { AnalysisError, AnalysisReport, AnalysisWarning } from "@/lib/tokens";
import { FORMAT_LABELS } from "@/lib/tokens/example-common";
import { SaveDatasetForm } from "./save-dataset-form";
import { TokenHistogram } from "./token-histogram";

/** A finished analysis of one file for one base model. */
export interface AnalysisResult {
  report: AnalysisReport;
  exampleTokens: Uint32Array;
  sha256: string;
  fileName: string;
  fileBytes: number;
  model: CatalogModel;
  /** The file itself (in this browser only), to count it with other tokenizers once saved. */
  file?: File;
}

// The report keeps the first 1,000 issues of each kind; a page of more than this is unreadable.
const ISSUES_SHOWN = 100;

const count = new Intl.NumberFormat("en-US");
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const n = (v: number | null) => (v === null ? "—" : count.format(v));

const card = "rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";
const th = "px-3 py-2 font-medium";

function Stat({ term, children, hint }: { term: string; children: ReactNode; hint?: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{children}</dd>
      {hint && <dd className="text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}

function costText(row: TrainingCostRow | undefined): string {
  if (!row) return "—";
  return row.trainingCostUsd === null ? (row.note ?? "—") : formatUsd(row.trainingCostUsd);
}

function Summary({ result, chosen }: { result: AnalysisResult; chosen: TrainingCostRow | undefined }) {
  const { report, model } = result;
  const t = report.tokens;
  return (
    <section aria-labelledby="summary-heading" className={card}>
      <h2 id="summary-heading" className="text-base font-semibold">
        Summary
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        <span className="font-medium text-slate-800 dark:text-slate-200">{result.fileName}</span> with{" "}
        <span className="font-mono">{model.id}</span> ({FORMAT_LABELS[report.format] ?? report.format} format, counted with {report.tokenizerLabel}
        {report.countsEstimated ? <strong className="font-semibold"> — estimated</strong> : ""}, examples truncated at {count.format(t.limit)} tokens).
      </p>
      {report.fileWarnings.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm text-amber-800 dark:text-amber-300" data-testid="file-warnings">
          {report.fileWarnings.map((w) => (
            <li key={w.code}>⚠ {w.message}</li>
          ))}
        </ul>
      )}
      {report.notes.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs text-slate-500 dark:text-slate-400">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        <Stat term="Valid examples" hint={`of ${count.format(report.examples)} examples`}>
          {count.format(report.validExamples)}
        </Stat>
        <Stat term="Errors">{count.format(report.errorCount)}</Stat>
        <Stat term="Warnings">{count.format(report.warningCount)}</Stat>
        <Stat term="Total tokens" hint={`mean ${t.mean === null ? "—" : oneDecimal.format(t.mean)}`}>
          {count.format(t.total)}
        </Stat>
        <Stat term="Min / max">
          {n(t.min)} / {n(t.max)}
        </Stat>
        <Stat term="p50 / p90">
          {n(t.p50)} / {n(t.p90)}
        </Stat>
        <Stat term="Over the limit" hint={`billed at ${count.format(t.limit)} tokens each`}>
          {count.format(t.overLimitExamples)}
        </Stat>
        <Stat term="Epochs" hint={report.epochsSource === "default" ? "OpenAI's default for this many examples" : "as given"}>
          {report.epochs}
        </Stat>
        <Stat term="Billed per epoch">{count.format(t.billedPerEpoch)}</Stat>
        <Stat term="Trained tokens" hint="epochs × billed per epoch">
          {count.format(report.trainedTokens)}
        </Stat>
        <Stat term="Training cost" hint={model.id}>
          {costText(chosen)}
        </Stat>
      </dl>
    </section>
  );
}

function Issues({ kind, total, issues }: { kind: "Errors" | "Warnings"; total: number; issues: (AnalysisError | AnalysisWarning)[] }) {
  if (total === 0) return null;
  const shown = issues.slice(0, ISSUES_SHOWN);
  const withColumn = kind === "Errors";
  return (
    <section aria-labelledby={`${kind}-heading`} className={card}>
      <h2 id={`${kind}-heading`} className="text-base font-semibold">
        {kind} <span className="font-normal text-slate-500 dark:text-slate-400">({count.format(total)})</span>
      </h2>
      {total > shown.length && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Showing the first {count.format(shown.length)} of {count.format(total)}.
        </p>
      )}
      <div className="mt-3 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={`${kind} by line (scrollable)`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{kind} by line</caption>
          <thead className="sticky top-0 bg-white text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-900">
            <tr>
              <th scope="col" className={`${th} text-right`}>Line</th>
              {withColumn && <th scope="col" className={`${th} text-right`}>Column</th>}
              <th scope="col" className={th}>Code and message</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((issue, i) => (
              <tr key={`${issue.line}-${issue.code}-${i}`} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-1.5 text-right tabular-nums">{count.format(issue.line)}</td>
                {withColumn && <td className="px-3 py-1.5 text-right tabular-nums">{issue.column ?? ""}</td>}
                {/* Code above message rather than beside it: a long code would squeeze the message on a phone. */}
                <td className="px-3 py-1.5">
                  <code className="block break-all text-xs text-slate-500 dark:text-slate-400">{issue.code}</code>
                  {issue.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CostComparison({ rows, others, chosenId, encoding }: { rows: TrainingCostRow[]; others: CatalogModel[]; chosenId: string; encoding: string }) {
  return (
    <section aria-labelledby="comparison-heading" className={card}>
      <h2 id="comparison-heading" className="text-base font-semibold">
        Training cost by base model
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Prices in force today for your team. Each model truncates examples at its own context limit.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Training cost by base model</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className={th}>Base model</th>
              <th scope="col" className={`${th} text-right`}>Context limit</th>
              <th scope="col" className={`${th} text-right`}>Billed per epoch</th>
              <th scope="col" className={`${th} text-right`}>Epochs</th>
              <th scope="col" className={`${th} text-right`}>Trained tokens</th>
              <th scope="col" className={`${th} text-right`}>Training cost</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((r) => (
              <tr
                key={r.modelId}
                aria-current={r.modelId === chosenId ? "true" : undefined}
                className="border-t border-slate-100 aria-[current]:bg-brand-50 dark:border-slate-800 dark:aria-[current]:bg-slate-800"
              >
                <th scope="row" className="px-3 py-2 font-mono text-xs font-normal">
                  {r.modelId}
                  {r.modelId === chosenId && <span className="ml-2 font-sans text-slate-600 dark:text-slate-400">(chosen)</span>}
                </th>
                <td className="px-3 py-2 text-right">{n(r.contextLimit)}</td>
                <td className="px-3 py-2 text-right">{count.format(r.billedPerEpoch)}</td>
                <td className="px-3 py-2 text-right">{r.epochs}</td>
                <td className="px-3 py-2 text-right">{count.format(r.trainedTokens)}</td>
                <td className={`px-3 py-2 text-right ${r.trainingCostUsd === null ? "text-slate-500 dark:text-slate-400" : "font-medium"}`}>{costText(r)}</td>
              </tr>
            ))}
            {others.map((m) => (
              <tr key={m.id} className="border-t border-slate-100 text-slate-500 dark:text-slate-400 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 font-mono text-xs font-normal">
                  {m.id}
                </th>
                <td colSpan={5} className="px-3 py-2">
                  Counts with {m.encoding}, not {encoding}
                  {m.trainingContextLimit === null ? "; no training context limit in the catalog to analyze with." : " — analyze again with that model to compare."}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Everything an analysis found: summary, errors and warnings by line, the histogram, costs, and saving the figures. */
export function AnalysisResults({ result, models, canSave }: { result: AnalysisResult; models: PlainPricedModel[]; canSave: boolean }) {
  const { report } = result;
  const rows = useMemo(
    () => compareTrainingCosts(report, result.exampleTokens, models.map(fromPlainPricedModel)),
    [report, result.exampleTokens, models],
  );
  const others = models.filter((m) => m.model.encoding !== report.encoding).map((m) => m.model);
  const chosen = rows.find((r) => r.modelId === result.model.id);
  return (
    <div className="space-y-6">
      <Summary result={result} chosen={chosen} />
      <Issues kind="Errors" total={report.errorCount} issues={report.errors} />
      <Issues kind="Warnings" total={report.warningCount} issues={report.warnings} />
      <section aria-labelledby="histogram-heading" className={card}>
        <h2 id="histogram-heading" className="mb-3 text-base font-semibold">
          Tokens per example
        </h2>
        {report.validExamples > 0 ? (
          <TokenHistogram histogram={report.histogram} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No valid example to chart.</p>
        )}
      </section>
      <CostComparison rows={rows} others={others} chosenId={result.model.id} encoding={report.encoding} />
      <SaveDatasetForm key={`${result.sha256}-${result.model.id}-${report.epochs}`} result={result} canSave={canSave} />
    </div>
  );
}
