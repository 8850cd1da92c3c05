"use client";

import { useState, useTransition, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveDatasetAction } from "@/lib/datasets/actions";
import type { SaveDatasetInput } from "@/lib/datasets/schemas";
import type { CountableDataset } from "@/lib/datasets/token-counts";
import type { AnalysisResult } from "./analysis-results";
import { CountOtherTokenizers } from "./count-other-tokenizers";

type Outcome = { ok: true; message: string; id: string } | { ok: false; message: string; fields: Record<string, string[]> };

/** The saved dataset as the tokenizer counter needs it: the analysis's own figures, under the id the server gave. */
function toCountable(id: string, name: string, { report, fileName, fileBytes, sha256 }: AnalysisResult): CountableDataset {
  const { total, billedPerEpoch, assistant } = report.tokens;
  return {
    id,
    name,
    fileName,
    fileBytes,
    fileSha256: sha256,
    format: report.format,
    encoding: report.encoding,
    contextLimit: report.tokens.limit,
    validExamples: report.validExamples,
    tokenCounts: { [report.encoding]: { total, billedPerEpoch, assistant } },
  };
}

/** The figures the server stores (it re-prices them): never the file's content. */
function toSaveInput(name: string, { report, fileName, fileBytes, sha256, model }: AnalysisResult): SaveDatasetInput {
  return {
    name,
    fileName,
    fileBytes,
    fileSha256: sha256,
    baseModel: model.id,
    format: report.format,
    examples: report.examples,
    validExamples: report.validExamples,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    encoding: report.encoding,
    tokens: report.tokens,
    epochs: report.epochs,
    epochsSource: report.epochsSource,
    trainedTokens: report.trainedTokens,
    summary: {
      errorCounts: report.errorCounts as Record<string, number>,
      warningCounts: report.warningCounts as Record<string, number>,
      histogram: report.histogram,
    },
  };
}

/** Saves the analysis as a dataset record; saving the same file, model and epochs again changes nothing. */
export function SaveDatasetForm({ result, canSave }: { result: AnalysisResult; canSave: boolean }) {
  const [name, setName] = useState(() => result.fileName.replace(/\.(jsonl|ndjson|json|txt)$/i, "") || result.fileName);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startSave] = useTransition();

  function save(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    startSave(async () => {
      const res = await saveDatasetAction(toSaveInput(name, result));
      if (!res.ok) setOutcome({ ok: false, message: res.message, fields: res.fields ?? {} });
      else if (res.data.created) setOutcome({ ok: true, id: res.data.id, message: `Saved “${name.trim()}”. It is in the list of saved datasets below.` });
      else setOutcome({ ok: true, id: res.data.id, message: "Already saved: this file, base model and epochs are in the list below. Nothing changed." });
    });
  }

  return (
    <section aria-labelledby="save-heading" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="save-heading" className="text-base font-semibold">
        Save the figures
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Stores the counts and the training cost — not the file — as a dataset a fine-tuned model can point to.
      </p>
      {canSave ? (
        <form onSubmit={save} noValidate className="mt-4 space-y-3">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <div className="sm:w-96">
              <Field label="Dataset name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={outcome?.ok === false ? outcome.fields.name?.[0] : undefined} required maxLength={120} />
            </div>
            <Button type="submit" busy={pending} className="sm:mt-6">
              Save
            </Button>
          </div>
          {outcome && (outcome.ok ? <AlertBox tone="info">{outcome.message}</AlertBox> : <AlertBox>{outcome.message}</AlertBox>)}
        </form>
      ) : (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Your role can view analyses but not save them.</p>
      )}
      {canSave && outcome?.ok && result.file && (
        <section aria-labelledby="count-tokenizers-heading" className="mt-5 border-t border-slate-100 pt-4 dark:border-slate-800">
          <h3 id="count-tokenizers-heading" className="text-sm font-semibold">
            Count with other tokenizers
          </h3>
          <div className="mt-2">
            <CountOtherTokenizers key={outcome.id} dataset={toCountable(outcome.id, name.trim(), result)} file={result.file} />
          </div>
        </section>
      )}
    </section>
  );
}
