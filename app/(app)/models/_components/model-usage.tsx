"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatUsd } from "@/lib/money/decimal";
import { putModelUsageAction } from "@/lib/usage/actions";
import type { UsageRow } from "@/lib/usage/write";
import { countOrNull, groupDigits, textOrNull, unprefix, usdOrNull } from "./form-values";

export const SOURCE_LABELS: Record<string, string> = { FORM: "Form", CSV: "CSV import", API: "API", OPENAI: "OpenAI export" };

const FIGURES = ["inputTokens", "cachedInputTokens", "outputTokens", "batchInputTokens", "batchOutputTokens", "hostingHours", "requests", "invoicedCostUsd", "asOf"] as const;
type Figures = Record<(typeof FIGURES)[number], string>;

const BLANK: Figures = Object.fromEntries(FIGURES.map((f) => [f, ""])) as Figures;

function figuresOf(row: UsageRow | undefined): Figures {
  if (!row) return BLANK;
  return {
    inputTokens: groupDigits(row.inputTokens),
    cachedInputTokens: groupDigits(row.cachedInputTokens),
    outputTokens: groupDigits(row.outputTokens),
    batchInputTokens: row.batchInputTokens === "0" ? "" : groupDigits(row.batchInputTokens),
    batchOutputTokens: row.batchOutputTokens === "0" ? "" : groupDigits(row.batchOutputTokens),
    hostingHours: row.hostingHours ?? "",
    requests: groupDigits(row.requests),
    invoicedCostUsd: row.invoicedCostUsd ?? "",
    asOf: row.asOf ?? "",
  };
}

const count = (v: string | null) => (v === null ? "—" : BigInt(v).toLocaleString("en-US"));
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * A model's month-by-month usage and the form that adds or edits a month. The form carries the version of the
 * month it loaded (0 for a new month), so saving over a colleague's newer figures is refused with their name,
 * and the figures typed here stay in the form.
 */
export function ModelUsage({ modelId, rows, currentMonth, canWrite }: { modelId: string; rows: UsageRow[]; currentMonth: string; canWrite: boolean }) {
  const router = useRouter();
  const initial = rows.find((r) => r.month === currentMonth);
  const [month, setMonth] = useState(currentMonth);
  const [figures, setFigures] = useState<Figures>(figuresOf(initial));
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string; fields?: Record<string, string[]> } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function load(nextMonth: string, focus = false) {
    const row = rows.find((r) => r.month === nextMonth);
    setMonth(nextMonth);
    setMessage(null);
    if (row || focus) {
      setFigures(figuresOf(row));
      setVersion(row?.version ?? 0);
    } else {
      setVersion(0); // a month without a record: keep what was typed, it becomes a new record
    }
    if (focus) {
      formRef.current?.scrollIntoView({ block: "nearest" });
      formRef.current?.querySelector<HTMLInputElement>("input[name=inputTokens]")?.focus();
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await putModelUsageAction({
      modelId,
      month,
      expectedVersion: version,
      figures: {
        inputTokens: countOrNull(figures.inputTokens),
        cachedInputTokens: countOrNull(figures.cachedInputTokens) ?? undefined,
        outputTokens: countOrNull(figures.outputTokens),
        batchInputTokens: countOrNull(figures.batchInputTokens) ?? undefined,
        batchOutputTokens: countOrNull(figures.batchOutputTokens) ?? undefined,
        hostingHours: textOrNull(figures.hostingHours.replace(/[\s,_]/g, "")),
        requests: countOrNull(figures.requests),
        invoicedCostUsd: usdOrNull(figures.invoicedCostUsd),
        asOf: textOrNull(figures.asOf),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.message, fields: unprefix(result.fields, "figures") });
      return;
    }
    setVersion(result.data.version);
    setMessage({ tone: "info", text: `Saved ${result.data.month}: ${formatUsd(result.data.costUsd)}.` });
    router.refresh();
  }

  const fieldError = (name: string) => (message?.tone === "error" ? message.fields?.[name]?.[0] : undefined);
  const figureField = (name: keyof Figures, label: string, props: { inputMode?: "numeric" | "decimal"; type?: string; hint?: string } = {}) => (
    <Field
      label={label}
      name={name}
      value={figures[name]}
      onChange={(e) => setFigures((f) => ({ ...f, [name]: e.target.value }))}
      error={fieldError(name)}
      autoComplete="off"
      inputMode={props.inputMode ?? "numeric"}
      type={props.type}
      hint={props.hint}
    />
  );

  return (
    <div className="space-y-4">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
          No usage recorded yet. {canWrite ? "Log a month below, use the Usage page, import a file or send it through the API." : ""}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full min-w-[76rem] text-sm">
            <caption className="sr-only">Usage by month</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">Month</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Input</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Cached</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Output</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Batch in / out</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Requests</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Hosting h</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">of which fixed</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Invoiced</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">As of</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Source</th>
                <th scope="col" className="px-3 py-2 text-left font-medium">Updated</th>
                {canWrite && <th scope="col" className="px-3 py-2"><span className="sr-only">Edit</span></th>}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {rows.map((r) => (
                <tr key={r.month} className={`border-t border-slate-100 dark:border-slate-800 ${r.month === month ? "bg-brand-50/60 dark:bg-slate-800/60" : ""}`}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">{r.month}</th>
                  <td className="px-3 py-2 text-right">{count(r.inputTokens)}</td>
                  <td className="px-3 py-2 text-right">{count(r.cachedInputTokens)}</td>
                  <td className="px-3 py-2 text-right">{count(r.outputTokens)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    {r.batchInputTokens === "0" && r.batchOutputTokens === "0" ? "—" : `${count(r.batchInputTokens)} / ${count(r.batchOutputTokens)}`}
                  </td>
                  <td className="px-3 py-2 text-right">{count(r.requests)}</td>
                  <td className="px-3 py-2 text-right">{r.hostingHours ?? <span className="text-slate-500 dark:text-slate-400">schedule</span>}</td>
                  <td className="px-3 py-2 text-right font-medium">{formatUsd(r.costUsd)}</td>
                  <td className="px-3 py-2 text-right">{r.fixedCostUsd === "0" ? "—" : formatUsd(r.fixedCostUsd)}</td>
                  <td className="px-3 py-2 text-right">{r.invoicedCostUsd === null ? "—" : formatUsd(r.invoicedCostUsd)}</td>
                  <td className="px-3 py-2">{r.asOf ?? <span className="text-slate-500 dark:text-slate-400">complete</span>}</td>
                  <td className="px-3 py-2">{SOURCE_LABELS[r.source] ?? r.source}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-500 dark:text-slate-400">{when(r.updatedAt)}</td>
                  {canWrite && (
                    <td className="px-3 py-2 text-right">
                      <button type="button" className="text-brand-600 hover:underline dark:text-brand-400" onClick={() => load(r.month, true)} aria-label={`Edit ${r.month}`}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canWrite && (
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="usage-form-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <div>
            <h3 id="usage-form-heading" className="text-base font-semibold">
              {version > 0 ? `Edit ${month}` : "Log a month"}
            </h3>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Tokens for the whole calendar month. Cached input is part of input; batch tokens are counted apart. Hosting hours left blank follow
              the model&apos;s schedule. The cost uses the prices in force on the month&apos;s first day.
            </p>
          </div>
          {message && <AlertBox tone={message.tone}>{message.text}</AlertBox>}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Month" name="month" type="month" value={month} onChange={(e) => load(e.target.value)} error={fieldError("month")} required />
            {figureField("inputTokens", "Input tokens")}
            {figureField("cachedInputTokens", "Cached input tokens")}
            {figureField("outputTokens", "Output tokens")}
            {figureField("batchInputTokens", "Batch input tokens", { hint: "Batch API, apart from input" })}
            {figureField("batchOutputTokens", "Batch output tokens")}
            {figureField("hostingHours", "Hosting hours", { inputMode: "decimal", hint: "Blank: the model's schedule" })}
            {figureField("requests", "Requests")}
            {figureField("invoicedCostUsd", "Invoiced cost (USD)", { inputMode: "decimal", hint: "Optional: what the provider billed" })}
            {figureField("asOf", "As of", { type: "date", hint: "For a month still in progress" })}
          </div>
          <Button type="submit" busy={busy}>
            {version > 0 ? "Save month" : "Add month"}
          </Button>
        </form>
      )}
    </div>
  );
}
