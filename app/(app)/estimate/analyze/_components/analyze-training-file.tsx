"use client";

import { useEffect, useRef, useState, type ChangeEvent, type DragEvent, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { PlainPricedModel } from "@/lib/datasets/plain-prices";
import type { CatalogModel } from "@/lib/pricing/types";
import { type AnalysisResult, AnalysisResults } from "./analysis-results";
import type { AnalysisMessage, AnalysisProgress, AnalysisRequest } from "./analyzer.worker";

// The most commonly fine-tuned model, when the catalog has it.
const DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";

type Run =
  | { kind: "idle"; note?: string }
  | { kind: "running"; fileName: string; progress: AnalysisProgress | null }
  | { kind: "done"; result: AnalysisResult }
  | { kind: "failed"; message: string };

const count = new Intl.NumberFormat("en-US");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const fileSize = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : mb(bytes));

function timeLeft(seconds: number | null): string {
  if (seconds === null) return "estimating time left";
  if (seconds < 1) return "almost done";
  if (seconds < 90) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}

/** Epochs as typed: blank means OpenAI's default; otherwise a whole number the save schema accepts (1–100). */
function parseEpochs(text: string): { epochs?: number; error?: string } {
  if (text.trim() === "") return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100) return { error: "Enter a whole number from 1 to 100, or leave it blank" };
  return { epochs: value };
}

function modelLabel(m: CatalogModel): string {
  return m.trainingContextLimit === null
    ? `${m.displayName ?? m.id} — no training context limit in the catalog`
    : `${m.displayName ?? m.id} (${m.encoding}${m.tokenizerExact === false ? ", estimated" : ""}, ${count.format(m.trainingContextLimit)} tokens)`;
}

function ProgressPanel({ run, onCancel }: { run: Extract<Run, { kind: "running" }>; onCancel: () => void }) {
  const p = run.progress;
  const percent = p && p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm font-medium">
          Analyzing <span className="break-all">{run.fileName}</span>…
        </p>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      <div
        role="progressbar"
        aria-label="Analysis progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={p ? `${percent}%, ${mb(p.bytesRead)} of ${mb(p.totalBytes)}` : "Loading the tokenizer"}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm tabular-nums text-slate-600 dark:text-slate-400">
        {p
          ? `${mb(p.bytesRead)} of ${mb(p.totalBytes)} · ${count.format(p.examples)} examples · ${
              p.bytesPerSecond === null ? "—" : `${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s`
            } · ${timeLeft(p.secondsLeft)}`
          : "Loading the tokenizer…"}
      </p>
    </div>
  );
}

/** Pick a base model and a file; the file is analysed in a Web Worker and never leaves the browser. */
export function AnalyzeTrainingFile({ models, canSave }: { models: PlainPricedModel[]; canSave: boolean }) {
  const usable = models.filter((m) => m.model.trainingContextLimit !== null);
  const [modelId, setModelId] = useState(() => (usable.find((m) => m.model.id === DEFAULT_MODEL) ?? usable[0])?.model.id ?? "");
  const [epochsText, setEpochsText] = useState("");
  const [epochsError, setEpochsError] = useState<string | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const worker = useRef<Worker | null>(null);
  const running = run.kind === "running";

  // A worker left running after the page is gone would keep reading the file.
  useEffect(() => () => worker.current?.terminate(), []);

  function stopWorker() {
    worker.current?.terminate();
    worker.current = null;
  }

  function analyse(target: File) {
    const model = usable.find((m) => m.model.id === modelId)?.model;
    const { epochs, error } = parseEpochs(epochsText);
    setEpochsError(error);
    if (!model || model.trainingContextLimit === null || error) return;
    stopWorker();
    const w = new Worker(new URL("./analyzer.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    setRun({ kind: "running", fileName: target.name, progress: null });
    w.onmessage = (event: MessageEvent<AnalysisMessage>) => {
      const message = event.data;
      if (message.type === "progress") {
        setRun({ kind: "running", fileName: target.name, progress: message.progress });
        return;
      }
      stopWorker();
      if (message.type === "failed") {
        setRun({ kind: "failed", message: message.message });
        return;
      }
      const { report, exampleTokens, sha256 } = message;
      setRun({ kind: "done", result: { report, exampleTokens, sha256, fileName: target.name, fileBytes: target.size, model, file: target } });
    };
    w.onerror = (event) => {
      stopWorker();
      setRun({ kind: "failed", message: event.message || "The analysis stopped unexpectedly." });
    };
    const request: AnalysisRequest = {
      file: target,
      encoding: model.encoding,
      contextLimit: model.trainingContextLimit,
      ...(epochs === undefined ? {} : { epochs }),
      ...(model.tokenizerExact === false ? { tokenizerExact: false } : {}),
      ...(model.minExamples ? { minExamples: model.minExamples } : {}),
      ...(model.maxEpochs ? { maxEpochs: model.maxEpochs } : {}),
    };
    w.postMessage(request);
  }

  function cancel() {
    stopWorker();
    setRun({ kind: "idle", note: "Cancelled. Nothing was analyzed; choose a file to start again." });
  }

  function choose(picked: File | undefined) {
    if (!picked) return;
    setFile(picked);
    analyse(picked);
  }

  function onInputChange(event: ChangeEvent<HTMLInputElement>) {
    choose(event.target.files?.[0]);
    // Cleared so that picking the same file again (after editing it) is a change too.
    event.target.value = "";
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (!running) choose(event.dataTransfer.files[0]);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) analyse(file);
  }

  const select =
    "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900";

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="space-y-1">
            <label htmlFor="base-model" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Base model
            </label>
            <select id="base-model" value={modelId} disabled={running} onChange={(e) => setModelId(e.target.value)} className={select}>
              {models.map(({ model }) => (
                <option key={model.id} value={model.id} disabled={model.trainingContextLimit === null}>
                  {modelLabel(model)}
                </option>
              ))}
            </select>
            <p className="text-xs text-slate-500 dark:text-slate-400">Its tokenizer and context limit come from the price catalog.</p>
          </div>
          <Field
            label="Epochs"
            name="epochs"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            placeholder="Default"
            value={epochsText}
            disabled={running}
            onChange={(e) => setEpochsText(e.target.value)}
            error={epochsError}
            hint="Blank: OpenAI's default for the number of examples."
          />
        </div>

        {/* The label is the drop zone, so the real file input is the one tab stop and Enter or Space opens the picker. */}
        <label
          htmlFor="training-file"
          onDragOver={(e) => {
            e.preventDefault();
            if (!running) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 ${
            dragging
              ? "border-brand-500 bg-brand-50 dark:bg-slate-800"
              : "border-slate-300 hover:border-brand-500 dark:border-slate-700"
          } ${running ? "pointer-events-none opacity-60" : ""}`}
        >
          <span className="text-sm font-medium">Training file (JSONL)</span>
          <span className="text-sm text-slate-600 dark:text-slate-400">
            Drop it here, or <span className="text-brand-600 underline dark:text-brand-100">choose a file</span>
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{file ? `Last chosen: ${file.name} (${fileSize(file.size)})` : "Read in your browser; never uploaded."}</span>
          <input id="training-file" type="file" accept=".jsonl,.ndjson,.json,.txt" disabled={running} onChange={onInputChange} className="sr-only" />
        </label>

        {file && !running && (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="secondary">
              Analyze again
            </Button>
            <span className="text-xs text-slate-500 dark:text-slate-400">with the model and epochs above</span>
          </div>
        )}
      </form>

      {run.kind === "idle" && run.note && <AlertBox tone="info">{run.note}</AlertBox>}
      {run.kind === "failed" && <AlertBox>Could not analyze the file: {run.message}</AlertBox>}
      {run.kind === "running" && <ProgressPanel run={run} onCancel={cancel} />}
      {run.kind === "done" && <AnalysisResults result={run.result} models={models} canSave={canSave} />}
    </div>
  );
}
