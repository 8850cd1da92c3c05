"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { formatUsd } from "@/lib/money/decimal";
import { commitImportAction, previewImportAction } from "@/lib/imports/actions";
import type { ImportResult } from "@/lib/imports/mutations";
import type { ImportPreview, PreviewRow } from "@/lib/imports/queries";
import { MAX_IMPORT_BYTES, type ImportFormat } from "@/lib/imports/schemas";

const EXPORT_URL = "/api/v1/usage/export.csv";

interface ModelRef {
  id: string;
  displayName: string;
  projectName: string;
  providerModelId: string | null;
}

const FORMATS: { value: ImportFormat; label: string; hint: string; accept: string }[] = [
  { value: "csv", label: "CSV", hint: "month, model, input_tokens, cached_input_tokens, output_tokens, requests, cost_usd", accept: ".csv,text/csv,text/plain" },
  { value: "openai", label: "OpenAI usage export (JSON)", hint: "GET /v1/organization/usage/completions with group_by=model", accept: ".json,application/json" },
];

const CSV_EXAMPLE = `month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd
2026-02,ft:gpt-4o-mini-2024-07-18:acme:support:AbC123,3600000,900000,1200000,7200,2.39
2026-03,ft:gpt-4o-mini-2024-07-18:acme:support:AbC123,2300000,500000,750000,4600,`;

const CHANGE_LABEL: Record<PreviewRow["change"], string> = { new: "New", update: "Replaces stored", same: "Unchanged" };

const count = (v: string | null) => (v === null ? "—" : BigInt(v).toLocaleString("en-US"));
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function formData(format: ImportFormat, file: Blob): FormData {
  const form = new FormData();
  form.set("format", format);
  form.set("file", file);
  return form;
}

/** Choose a file (or paste it), preview every row with its problems and cost, then import all rows or none. */
export function UsageImport({ canWrite, models }: { canWrite: boolean; models: ModelRef[] }) {
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [pasted, setPasted] = useState("");
  // The exact bytes that were previewed: importing sends these, never a file changed since.
  const [checked, setChecked] = useState<{ blob: Blob; format: ImportFormat; preview: ImportPreview } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);

  function reset() {
    setChecked(null);
    setResult(null);
    setError(null);
  }

  async function onCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const blob = file ?? (pasted.trim() ? new Blob([pasted], { type: "text/plain" }) : null);
    if (!blob) return setError("Choose a file or paste its contents.");
    if (blob.size > MAX_IMPORT_BYTES) {
      return setError(`The file is ${(blob.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB (100,000 rows). Split it into smaller files.`);
    }
    setBusy("check");
    try {
      const res = await previewImportAction(formData(format, blob));
      if (res.ok) setChecked({ blob, format, preview: res.data });
      else setError(res.fields?.file?.[0] ?? res.fields?.format?.[0] ?? res.message);
    } catch {
      setError("The file could not be sent. Check your connection and try again.");
    } finally {
      setBusy(null);
    }
  }

  async function onImport() {
    if (!checked) return;
    setBusy("import");
    setError(null);
    try {
      const res = await commitImportAction(formData(checked.format, checked.blob));
      if (res.ok) {
        setResult(res.data);
        setChecked(null);
      } else setError(res.message);
    } catch {
      setError("The import could not be sent. Nothing was written; try again.");
    } finally {
      setBusy(null);
    }
  }

  const current = FORMATS.find((f) => f.value === format)!;

  return (
    <div className="space-y-6">
      <form onSubmit={onCheck} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900" noValidate>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Format</legend>
          <div className="mt-2 flex flex-wrap gap-3">
            {FORMATS.map((f) => (
              <label
                key={f.value}
                className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800"
              >
                <input
                  type="radio"
                  name="format"
                  value={f.value}
                  checked={format === f.value}
                  onChange={() => {
                    setFormat(f.value);
                    reset();
                  }}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium">{f.label}</span>
                  <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{f.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="import-file" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              File
            </label>
            <input
              key={fileKey}
              id="import-file"
              type="file"
              accept={current.accept}
              aria-describedby="import-file-hint"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPasted("");
                reset();
              }}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200 dark:file:bg-slate-800 dark:file:text-slate-100"
            />
            <p id="import-file-hint" className="text-xs text-slate-500 dark:text-slate-400">
              Up to 20 MB or 100,000 rows.
            </p>
          </div>
          <div className="space-y-1">
            <label htmlFor="import-text" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Or paste the contents
            </label>
            <textarea
              id="import-text"
              rows={4}
              value={pasted}
              spellCheck={false}
              placeholder={format === "csv" ? CSV_EXAMPLE : '{ "object": "page", "data": [ … ] }'}
              onChange={(e) => {
                setPasted(e.target.value);
                if (file) {
                  setFile(null);
                  setFileKey((k) => k + 1);
                }
                reset();
              }}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900"
            />
          </div>
        </div>

        {error && <AlertBox>{error}</AlertBox>}
        {canWrite ? (
          <Button type="submit" variant="secondary" busy={busy === "check"} disabled={busy !== null}>
            {busy === "check" ? "Checking…" : "Check file"}
          </Button>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Your role can view usage but not import it.</p>
        )}
      </form>

      {result && (
        <AlertBox tone="info">
          Imported {plural(result.received, "row")}: {result.changed.toLocaleString("en-US")} changed, {result.unchanged.toLocaleString("en-US")} unchanged
          {result.skippedModels > 0 && `; ${plural(result.skippedModels, "unmatched model")} left out`}.{" "}
          <Link href="/usage" className="font-medium underline">
            See usage
          </Link>{" "}
          ·{" "}
          <a href={EXPORT_URL} download className="font-medium underline">
            Download usage CSV
          </a>
        </AlertBox>
      )}

      {checked && <PreviewPanel preview={checked.preview} busy={busy} canWrite={canWrite} onImport={onImport} />}

      <Help models={models} />
    </div>
  );
}

function PreviewPanel({ preview, busy, canWrite, onImport }: { preview: ImportPreview; busy: "check" | "import" | null; canWrite: boolean; onImport: () => void }) {
  const blocked = preview.problemCount > 0 || preview.rowCount === 0;
  const csv = preview.format === "csv";
  return (
    <section aria-labelledby="preview-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h2 id="preview-heading" className="text-base font-semibold">
          Preview
        </h2>
        <p role="status" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {plural(preview.rowCount, "row")} ready ({preview.changes.new} new, {preview.changes.update} replacing stored figures, {preview.changes.same} unchanged)
          {preview.rowCount > 0 && <>, costing {formatUsd(preview.totalCostUsd)}</>}
          {preview.problemCount > 0 && <> · {plural(preview.problemCount, "problem")}</>}
          {preview.unmatched.length > 0 && <> · {plural(preview.unmatched.length, "unmatched model")}</>}
        </p>
      </div>

      {preview.notes.length > 0 && (
        <AlertBox tone="info">
          <ul className="list-disc space-y-1 pl-4">
            {preview.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </AlertBox>
      )}

      {preview.problems.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="pb-2 text-left font-semibold text-red-700 dark:text-red-300">Problems: fix these in the file and check it again</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">Where</th>
                <th scope="col" className="px-3 py-2 text-left">Reason</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((p, i) => (
                <tr key={i} className="border-t border-red-100 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100">
                  <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-medium">
                    {p.label}
                  </th>
                  <td className="px-3 py-1.5">{p.reasons.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problemCount > preview.problems.length && (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">…and {plural(preview.problemCount - preview.problems.length, "more problem")}.</p>
          )}
        </div>
      )}

      {preview.unmatched.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="pb-2 text-left">
              <span className="font-semibold">Models not in your team: not imported</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">Add a model with this provider model id, then check the file again, to import its usage.</span>
            </caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">Model</th>
                <th scope="col" className="px-3 py-2 text-left">Months</th>
                <th scope="col" className="px-3 py-2 text-right">Input</th>
                <th scope="col" className="px-3 py-2 text-right">Cached input</th>
                <th scope="col" className="px-3 py-2 text-right">Output</th>
                <th scope="col" className="px-3 py-2 text-right">Requests</th>
              </tr>
            </thead>
            <tbody>
              {preview.unmatched.map((u) => (
                <tr key={u.model} className="border-t border-slate-100 bg-amber-50 dark:border-slate-800 dark:bg-amber-950/40">
                  <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-medium">{u.model}</th>
                  <td className="px-3 py-1.5">{u.months.join(", ")}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(u.inputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(u.cachedInputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(u.outputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(u.requests)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {preview.rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] text-sm">
            <caption className="pb-2 text-left font-semibold">Rows to import</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
              <tr>
                {csv && <th scope="col" className="px-3 py-2 text-left">Line</th>}
                <th scope="col" className="px-3 py-2 text-left">Month</th>
                <th scope="col" className="px-3 py-2 text-left">Model</th>
                <th scope="col" className="px-3 py-2 text-right">Input</th>
                <th scope="col" className="px-3 py-2 text-right">Cached input</th>
                <th scope="col" className="px-3 py-2 text-right">Output</th>
                <th scope="col" className="px-3 py-2 text-right">Requests</th>
                <th scope="col" className="px-3 py-2 text-right">Invoiced</th>
                <th scope="col" className="px-3 py-2 text-right">Cost</th>
                <th scope="col" className="px-3 py-2 text-left">Change</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={`${r.model}|${r.month}`} className="border-t border-slate-100 dark:border-slate-800">
                  {csv && <td className="px-3 py-1.5 tabular-nums text-slate-500 dark:text-slate-400">{r.line}</td>}
                  <td className="px-3 py-1.5 whitespace-nowrap">
                    {r.month}
                    {r.asOf && <span className="block text-xs text-slate-500 dark:text-slate-400">to {r.asOf}</span>}
                  </td>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    {r.modelName}
                    {r.model !== r.modelName && <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{r.model}</span>}
                  </th>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(r.inputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(r.cachedInputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(r.outputTokens)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{count(r.requests)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{r.invoicedCostUsd === null ? "—" : formatUsd(r.invoicedCostUsd)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums" title={`$${r.costUsd} exactly`}>
                    {formatUsd(r.costUsd)}
                  </td>
                  <td className={`px-3 py-1.5 ${r.change === "update" ? "text-amber-700 dark:text-amber-300" : "text-slate-600 dark:text-slate-400"}`}>{CHANGE_LABEL[r.change]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.rowCount > preview.rows.length && (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Showing the first {preview.rows.length.toLocaleString("en-US")} of {plural(preview.rowCount, "row")}; all of them are imported.</p>
          )}
        </div>
      )}

      {canWrite && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={onImport} disabled={blocked || busy !== null} busy={busy === "import"} aria-describedby={blocked ? "import-blocked" : undefined}>
            {busy === "import" ? "Importing…" : `Import ${plural(preview.rowCount, "row")}`}
          </Button>
          {blocked && (
            <span id="import-blocked" className="text-sm text-slate-600 dark:text-slate-400">
              {preview.problemCount > 0 ? "Fix every problem first: an import writes all rows or none." : "Nothing to import."}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function Help({ models }: { models: ModelRef[] }) {
  return (
    <section className="space-y-3 text-sm text-slate-700 dark:text-slate-300">
      <details className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer font-medium">CSV format</summary>
        <p className="mt-2">
          A header row, then one row per model and month. <code>model</code> is the provider model id (<code>ft:…</code>) or the tunecost model id;{" "}
          <code>cached_input_tokens</code>, <code>requests</code>, <code>cost_usd</code> (the invoiced cost) and <code>as_of</code> (the last day of a month in
          progress) may be left empty or out. Importing a month replaces its stored figures; the same file twice changes nothing.
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">{CSV_EXAMPLE}</pre>
      </details>
      <details className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer font-medium">OpenAI usage export</summary>
        <p className="mt-2">
          Save the JSON of <code className="break-all">GET https://api.openai.com/v1/organization/usage/completions?start_time=…&amp;bucket_width=1d&amp;group_by=model</code>{" "}
          (with an admin key), one page or an array of pages. Daily buckets are summed into calendar months (UTC); usage of models not in your team is listed, not
          imported.
        </p>
      </details>
      <details className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer font-medium">Your models ({models.length})</summary>
        {models.length === 0 ? (
          <p className="mt-2">
            No models yet. <Link href="/models" className="text-brand-600 dark:text-brand-400 underline">Add one</Link> before importing its usage.
          </p>
        ) : (
          <ul className="mt-2 space-y-1">
            {models.map((m) => (
              <li key={m.id}>
                <span className="font-medium">{m.displayName}</span> <span className="text-slate-500 dark:text-slate-400">({m.projectName})</span>:{" "}
                <code className="break-all text-xs">{m.providerModelId ?? m.id}</code>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
