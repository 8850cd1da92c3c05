"use client";

import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { ProjectModelRow } from "@/lib/dashboard/queries";
import { Decimal, formatUsd, toDecimal } from "@/lib/money/decimal";
import { StatusBadge } from "../../../models/_components/status-badge";

const usd = (v: string | null) => (v === null ? "—" : formatUsd(v));

function Change({ pct }: { pct: string | null }) {
  if (pct === null) return <>—</>;
  const d = toDecimal(pct).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  const up = d.gt(0);
  return <span className={up ? "text-red-700 dark:text-red-300" : d.lt(0) ? "text-emerald-700 dark:text-emerald-300" : ""}>{`${up ? "+" : ""}${d.toFixed(1)}%`}</span>;
}

/** The project's models: sortable, filterable, paged, each with a 12-month sparkline. */
export function ProjectModelsTable({ models, firstMonth, lastMonth }: { models: ProjectModelRow[]; firstMonth: string; lastMonth: string }) {
  const columns: DataTableColumn<ProjectModelRow>[] = [
    {
      key: "name",
      header: "Model",
      sort: { type: "text", value: (m) => m.name },
      cell: (m) => (
        <span className="flex flex-wrap items-center gap-2">
          <Link href={`/models/${m.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-400">
            {m.name}
          </Link>
          {m.archived && <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">Archived</span>}
        </span>
      ),
    },
    { key: "status", header: "Status", hideOnPhone: true, sort: { type: "text", value: (m) => m.status }, cell: (m) => <StatusBadge status={m.status} /> },
    {
      key: "trend",
      header: "12 months",
      hideOnPhone: true,
      cell: (m) => <Sparkline values={m.months} label={`${m.name}: monthly cost from ${firstMonth} to ${lastMonth}`} />,
    },
    { key: "current", header: "This month", numeric: true, sort: { type: "decimal", value: (m) => m.currentUsd }, cell: (m) => usd(m.currentUsd) },
    { key: "previous", header: "Last month", numeric: true, hideOnPhone: true, sort: { type: "decimal", value: (m) => m.previousUsd }, cell: (m) => usd(m.previousUsd) },
    { key: "change", header: "Change", numeric: true, hideOnPhone: true, sort: { type: "decimal", value: (m) => m.changePct }, cell: (m) => <Change pct={m.changePct} /> },
    { key: "total", header: "12-month total", numeric: true, sort: { type: "decimal", value: (m) => m.totalUsd }, cell: (m) => formatUsd(m.totalUsd) },
  ];
  return (
    <DataTable
      rows={models}
      columns={columns}
      rowKey={(m) => m.id}
      caption="The project's fine-tuned models and their cost"
      filterLabel="Filter models"
      filterText={(m) => `${m.name} ${m.status} ${m.baseModelId}`}
      initialSort={{ key: "total", direction: "descending" }}
      pageSize={10}
    />
  );
}
