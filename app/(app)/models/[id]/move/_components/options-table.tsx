"use client";

import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { MigrationOptionsView } from "@/lib/migration/schemas";
import { formatUsd } from "@/lib/money/decimal";

type Option = MigrationOptionsView["options"][number];

function Difference({ usd }: { usd: string }) {
  const negative = usd.startsWith("-");
  const zero = /^-?0(\.0+)?$/.test(usd);
  if (zero) return <span>same</span>;
  return (
    <span className={negative ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
      {negative ? "−" : "+"}
      {formatUsd(negative ? usd.slice(1) : usd)}
      <span className="sr-only">{negative ? " less a month" : " more a month"}</span>
    </span>
  );
}

/** Every figure of one candidate, in words: what it is made of. */
function Explanation({ o }: { o: Option }) {
  const rows: [string, string][] = [
    ["Token ratio", o.explanations.tokenRatio],
    ["Training", o.explanations.training],
    ["Inference a month", o.explanations.inference],
    ["Hosting and storage a month", o.explanations.fixed],
    ["Next 12 months", o.explanations.next12Months],
    ["Against today", o.explanations.monthlyDifference],
  ];
  return (
    <details className="group max-w-md text-xs">
      <summary className="cursor-pointer rounded text-brand-600 hover:underline focus-visible:outline-2 dark:text-brand-400">
        How<span className="sr-only"> {o.displayName} is priced</span>
      </summary>
      <dl className="mt-2 space-y-1.5 whitespace-normal text-left text-slate-700 dark:text-slate-300">
        {rows.map(([label, text]) => (
          <div key={label}>
            <dt className="font-medium">{label}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

const columns: DataTableColumn<Option>[] = [
  {
    key: "candidate",
    header: "Candidate",
    cell: (o) => (
      <div className="min-w-40">
        <div className="font-medium">{o.displayName}</div>
        <div className="text-xs text-slate-500 dark:text-slate-400">
          {o.providerName} · {o.tokenizer}
          {o.teamOwned && " · your team's"}
          {o.estimated && (
            <span className="ml-1 rounded bg-amber-100 px-1 py-0.5 text-[10px] font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200" title="A count or the token ratio is not exact">
              estimated
            </span>
          )}
        </div>
        {o.shutdownOn && <div className="text-xs text-amber-700 dark:text-amber-400">Shuts down {o.shutdownOn}</div>}
      </div>
    ),
    sort: { type: "text", value: (o) => o.displayName },
  },
  { key: "provider", header: "Provider", cell: (o) => o.providerName, sort: { type: "text", value: (o) => o.providerName }, hideOnPhone: true },
  {
    key: "context",
    header: "Context",
    cell: (o) => (o.contextLength === null ? "—" : o.contextLength.toLocaleString("en-US")),
    sort: { type: "number", value: (o) => o.contextLength },
    numeric: true,
    hideOnPhone: true,
  },
  { key: "ratio", header: "Token ratio", cell: (o) => o.tokenRatio, sort: { type: "decimal", value: (o) => o.tokenRatio }, numeric: true, hideOnPhone: true },
  { key: "training", header: "Training", cell: (o) => formatUsd(o.training.totalUsd), sort: { type: "decimal", value: (o) => o.training.totalUsd }, numeric: true },
  { key: "inference", header: "Inference / mo", cell: (o) => formatUsd(o.monthly.inferenceUsd), sort: { type: "decimal", value: (o) => o.monthly.inferenceUsd }, numeric: true, hideOnPhone: true },
  { key: "fixed", header: "Fixed / mo", cell: (o) => formatUsd(o.monthly.fixedUsd), sort: { type: "decimal", value: (o) => o.monthly.fixedUsd }, numeric: true, hideOnPhone: true },
  { key: "next12", header: "Next 12 months", cell: (o) => <span className="font-semibold">{formatUsd(o.next12MonthsUsd)}</span>, sort: { type: "decimal", value: (o) => o.next12MonthsUsd }, numeric: true },
  { key: "difference", header: "vs now / mo", cell: (o) => <Difference usd={o.monthlyDifferenceUsd} />, sort: { type: "decimal", value: (o) => o.monthlyDifferenceUsd }, numeric: true },
  { key: "how", header: "Explanation", cell: (o) => <Explanation o={o} /> },
];

/** The candidates, sortable by any figure, cheapest over the next 12 months first. */
export function OptionsTable({ options }: { options: readonly Option[] }) {
  return (
    <div>
      <p className="mb-2 text-xs text-slate-500 sm:hidden dark:text-slate-400" aria-hidden>
        Scroll the table sideways for more; wider screens show every column.
      </p>
      <DataTable
        rows={options}
        columns={columns}
        rowKey={(o) => o.modelId}
        caption="Candidate base models priced on this model's workload; sortable by each column"
        filterLabel="Find a candidate"
        filterText={(o) => `${o.displayName} ${o.providerName} ${o.tokenizer} ${o.modelId}`}
        initialSort={{ key: "next12", direction: "ascending" }}
        pageSize={25}
        empty="No candidate matches these filters."
      />
    </div>
  );
}
