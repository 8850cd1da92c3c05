"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { formatUsd } from "@/lib/money/decimal";
import { saveUsageGridAction } from "@/lib/usage/actions";
import { groupDigits } from "../../models/_components/form-values";
import type { UsageRow } from "@/lib/usage/write";

export interface GridModel {
  id: string;
  displayName: string;
  projectName: string;
  status: string;
  record: UsageRow | null;
}

const CELLS = [
  ["inputTokens", "Input"],
  ["cachedInputTokens", "Cached"],
  ["outputTokens", "Output"],
  ["batchInputTokens", "Batch in"],
  ["batchOutputTokens", "Batch out"],
  ["requests", "Requests"],
  ["hostingHours", "Hosting h"],
] as const;
/** Cells holding an hour figure (a decimal), not a token count. */
const DECIMAL_CELLS: ReadonlySet<Cell> = new Set(["hostingHours"]);
type Cell = (typeof CELLS)[number][0];
type Values = Record<Cell, string>;

interface RowState {
  values: Values;
  /** What is stored, to tell changed rows from untouched ones. */
  saved: Values;
  record: UsageRow | null;
  error: { message: string; fields: Record<string, string[]> } | null;
}

const digits = (v: string) => v.replace(/[\s,_]/g, "");
const storedOf = (r: UsageRow | null): Values => ({
  inputTokens: r?.inputTokens ?? "",
  cachedInputTokens: r?.cachedInputTokens ?? "",
  outputTokens: r?.outputTokens ?? "",
  // Zero batch tokens show as empty, like an untyped cell: most models have none.
  batchInputTokens: r && r.batchInputTokens !== "0" ? r.batchInputTokens : "",
  batchOutputTokens: r && r.batchOutputTokens !== "0" ? r.batchOutputTokens : "",
  requests: r?.requests ?? "",
  hostingHours: r?.hostingHours ?? "",
});
/** Stored counts shown with thousands separators, which is how they are read and typed. */
const valuesOf = (r: UsageRow | null): Values => {
  const stored = storedOf(r);
  return Object.fromEntries(CELLS.map(([c]) => [c, DECIMAL_CELLS.has(c) ? stored[c] : groupDigits(stored[c])])) as Values;
};
const changed = (s: RowState) => CELLS.some(([c]) => digits(s.values[c]) !== s.saved[c]);

/**
 * The month × model grid. "Save all" (or Enter in any cell) sends only the changed rows, each with the version it
 * was loaded with; each row comes back saved or with its own error, and failed rows keep what was typed.
 */
export function UsageGrid({ month, models, canWrite }: { month: string; models: GridModel[]; canWrite: boolean }) {
  const [rows, setRows] = useState<Record<string, RowState>>(() =>
    Object.fromEntries(models.map((m) => [m.id, { values: valuesOf(m.record), saved: storedOf(m.record), record: m.record, error: null }])),
  );
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const dirty = models.filter((m) => rows[m.id] && changed(rows[m.id]!));

  function edit(id: string, cell: Cell, value: string) {
    setRows((all) => ({ ...all, [id]: { ...all[id]!, values: { ...all[id]!.values, [cell]: value } } }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (dirty.length === 0) {
      setSummary({ tone: "info", text: "Nothing changed." });
      return;
    }
    setBusy(true);
    setSummary(null);
    const result = await saveUsageGridAction({
      month,
      rows: dirty.map((m) => {
        const { values, record } = rows[m.id]!;
        const count = (c: Cell) => digits(values[c]) || null;
        return {
          modelId: m.id,
          expectedVersion: record?.version ?? 0,
          figures: {
            inputTokens: count("inputTokens"),
            cachedInputTokens: count("cachedInputTokens") ?? undefined,
            outputTokens: count("outputTokens"),
            batchInputTokens: count("batchInputTokens") ?? undefined,
            batchOutputTokens: count("batchOutputTokens") ?? undefined,
            requests: count("requests"),
            hostingHours: count("hostingHours"),
            // Not columns of the grid: send back what is stored so a save here never clears them.
            invoicedCostUsd: record?.invoicedCostUsd ?? null,
            asOf: record?.asOf ?? null,
          },
        };
      }),
    });
    setBusy(false);
    if (!result.ok) {
      setSummary({ tone: "error", text: result.message });
      return;
    }
    setRows((all) => {
      const next = { ...all };
      for (const r of result.data) {
        const prev = next[r.modelId]!;
        next[r.modelId] = r.ok
          ? { values: valuesOf(r.row), saved: storedOf(r.row), record: r.row, error: null }
          : { ...prev, error: { message: r.message, fields: r.fields ?? {} } };
      }
      return next;
    });
    const failed = result.data.filter((r) => !r.ok).length;
    const saved = result.data.length - failed;
    setSummary(
      failed
        ? { tone: "error", text: `${saved} row${saved === 1 ? "" : "s"} saved; ${failed} not saved — see the message in ${failed === 1 ? "its row" : "each row"}.` }
        : { tone: "info", text: `Saved ${saved} row${saved === 1 ? "" : "s"} for ${month}.` },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Usage for ${month}`} className="space-y-4">
      {summary && <AlertBox tone={summary.tone}>{summary.text}</AlertBox>}
      <div>
        <h2 id="grid-heading" className="text-base font-semibold">
          {month}: tokens for the whole month
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Cached input is part of input; batch tokens are counted apart from input and output. Hosting hours left blank follow the model&apos;s schedule.
          Tab moves between cells; Enter saves.
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table aria-labelledby="grid-heading" className="w-full min-w-[62rem] text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800">
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left font-medium dark:bg-slate-800">Model</th>
              {CELLS.map(([c, label]) => (
                <th key={c} scope="col" className="px-2 py-2 text-right font-medium">
                  {label}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {models.map((m) => {
              const row = rows[m.id]!;
              const isDirty = changed(row);
              return (
                <tr key={m.id} className={`border-t border-slate-100 align-top dark:border-slate-800 ${row.error ? "bg-red-50 dark:bg-red-950" : isDirty ? "bg-amber-50 dark:bg-amber-950" : "bg-white dark:bg-slate-900"}`}>
                  {/* Sticky so the model stays in view while a phone scrolls the cells sideways. */}
                  <th scope="row" className="sticky left-0 w-48 bg-inherit px-3 py-2 text-left font-medium">
                    <Link href={`/models/${m.id}`} className="text-brand-600 hover:underline dark:text-brand-400">
                      {m.displayName}
                    </Link>
                    <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{m.projectName}</span>
                    {row.error && (
                      <span role="alert" className="mt-1 block max-w-xs text-xs font-normal text-red-700 dark:text-red-300">
                        {row.error.message}
                        {Object.entries(row.error.fields).map(([field, messages]) => (
                          <span key={field} className="block">
                            {CELLS.find(([c]) => c === field)?.[1] ?? field}: {messages[0]}
                          </span>
                        ))}
                      </span>
                    )}
                  </th>
                  {CELLS.map(([c, label]) => (
                    <td key={c} className="px-2 py-2">
                      <input
                        aria-label={
                          c === "requests" ? `${m.displayName} requests` : c === "hostingHours" ? `${m.displayName} hosting hours` : `${m.displayName} ${label.toLowerCase()} tokens`
                        }
                        aria-invalid={row.error?.fields[c] ? true : undefined}
                        inputMode={DECIMAL_CELLS.has(c) ? "decimal" : "numeric"}
                        autoComplete="off"
                        readOnly={!canWrite}
                        value={row.values[c]}
                        onChange={(e) => edit(m.id, c, e.target.value)}
                        className={`w-full min-w-24 rounded-md border bg-white px-2 py-1.5 text-right text-sm dark:bg-slate-900 ${
                          row.error?.fields[c] ? "border-red-500" : "border-slate-300 dark:border-slate-700"
                        }`}
                      />
                    </td>
                  ))}
                  <td className="whitespace-nowrap px-3 pb-2 pt-3.5 text-right">
                    {row.record ? formatUsd(row.record.costUsd) : <span className="text-slate-500 dark:text-slate-400">—</span>}
                    {row.record && row.record.fixedCostUsd !== "0" && (
                      <span className="block text-xs text-slate-500 dark:text-slate-400">incl. {formatUsd(row.record.fixedCostUsd)} fixed</span>
                    )}
                    {row.record?.asOf && <span className="block text-xs text-slate-500 dark:text-slate-400">as of {row.record.asOf}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canWrite ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={busy}>
            Save all
          </Button>
          <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {dirty.length === 0 ? "No unsaved changes" : `${dirty.length} row${dirty.length === 1 ? "" : "s"} changed`}
          </span>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Your role can view usage; members, admins and owners can enter it.</p>
      )}
    </form>
  );
}
