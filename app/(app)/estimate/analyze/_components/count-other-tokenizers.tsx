"use client";

import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { saveTokenCountsAction } from "@/lib/datasets/actions";
import { type CountableDataset, otherTokenizers, type TokenCounts, type TokenFigures } from "@/lib/datasets/token-counts";
import { FORMATS, type Format } from "@/lib/tokens/example-common";
import { TOKENIZER_LABELS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import type { TokenCountMessage, TokenCountRequest } from "./token-counts.worker";

// Shown to the user exactly so (the e2e test and the API say the same).
const WRONG_FILE = "This is not the file the dataset was analysed from";

type StepState = { state: "waiting" } | { state: "loading" } | { state: "reading"; percent: number } | { state: "done"; figures: TokenFigures };
type Run =
  | { kind: "idle" }
  | { kind: "running"; hashPercent: number | null; steps: Partial<Record<TokenizerId, StepState>>; saving: boolean }
  | { kind: "done"; message: string }
  | { kind: "failed"; message: string };

const count = new Intl.NumberFormat("en-US");
const ratio = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** Runs one worker request to its end; the worker is ended after it, which frees the tokenizer it loaded. */
function runWorker(request: TokenCountRequest, onMessage: (m: TokenCountMessage) => void, register: (w: Worker | null) => void): Promise<TokenCountMessage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./token-counts.worker.ts", import.meta.url), { type: "module" });
    register(worker);
    const end = () => {
      worker.terminate();
      register(null);
    };
    worker.onmessage = (event: MessageEvent<TokenCountMessage>) => {
      const m = event.data;
      if (m.type === "failed") {
        end();
        reject(new Error(m.message));
      } else if (m.type === "hashed" || m.type === "counted") {
        end();
        resolve(m);
      } else onMessage(m);
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(event.message || "Counting stopped unexpectedly."));
    };
    worker.postMessage(request);
  });
}

/** The figures each tokenizer gave, with the ratio to the dataset's own count. */
export function TokenCountsTable({ dataset }: { dataset: Pick<CountableDataset, "encoding" | "tokenCounts"> }) {
  const own = dataset.tokenCounts[dataset.encoding as TokenizerId];
  const rows = (Object.entries(dataset.tokenCounts) as [TokenizerId, TokenFigures][]).sort(([a], [b]) => (a === dataset.encoding ? -1 : b === dataset.encoding ? 1 : 0));
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Token counts by tokenizer</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
        <tr>
          <th scope="col" className="px-2 py-1 font-medium">Tokenizer</th>
          <th scope="col" className="px-2 py-1 text-right font-medium">Total</th>
          <th scope="col" className="px-2 py-1 text-right font-medium">Billed per epoch</th>
          <th scope="col" className="px-2 py-1 text-right font-medium">× own</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map(([id, f]) => (
          <tr key={id} className="border-t border-slate-100 dark:border-slate-800">
            <th scope="row" className="px-2 py-1 font-normal">
              {TOKENIZER_LABELS[id]}
              {id === dataset.encoding && <span className="ml-1 text-slate-500 dark:text-slate-400">(own)</span>}
            </th>
            <td className="px-2 py-1 text-right">{count.format(f.total)}</td>
            <td className="px-2 py-1 text-right">{count.format(f.billedPerEpoch)}</td>
            <td className="px-2 py-1 text-right">{own && own.total > 0 ? ratio.format(f.total / own.total) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Counts a saved dataset's file with other tokenizers in the browser, one Web Worker per tokenizer (so only one is
 * loaded at a time), then saves the figures. `file`: the file just analysed; without it the user picks it again, and
 * its SHA-256 must be the dataset's. Cancel ends the running worker; nothing is saved unless every count finished.
 */
export function CountOtherTokenizers({ dataset, file: givenFile }: { dataset: CountableDataset; file?: File }) {
  const id = useId();
  const choices = otherTokenizers(dataset.encoding);
  const [picked, setPicked] = useState<TokenizerId[]>(() => {
    const notYet = choices.filter((t) => dataset.tokenCounts[t] === undefined);
    return notYet.length > 0 ? notYet : choices;
  });
  const [file, setFile] = useState<File | null>(givenFile ?? null);
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const [counts, setCounts] = useState(dataset.tokenCounts);
  const worker = useRef<Worker | null>(null);
  const cancelled = useRef(false);
  const status = useRef<HTMLDivElement>(null);
  const running = run.kind === "running";

  // A worker left running after the dialog or page is gone would keep reading the file.
  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    if (run.kind === "done" || run.kind === "failed") status.current?.focus();
  }, [run.kind]);

  const register = (w: Worker | null) => {
    worker.current = w;
  };

  async function start(target: File, tokenizers: TokenizerId[]) {
    cancelled.current = false;
    const steps = Object.fromEntries(tokenizers.map((t) => [t, { state: "waiting" }])) as Partial<Record<TokenizerId, StepState>>;
    let current: Extract<Run, { kind: "running" }> = { kind: "running", hashPercent: 0, steps, saving: false };
    const update = (next: Partial<Extract<Run, { kind: "running" }>>) => {
      current = { ...current, ...next };
      if (!cancelled.current) setRun(current);
    };
    update({});
    try {
      if (target.size !== dataset.fileBytes) throw new Error(`${WRONG_FILE} (${count.format(target.size)} bytes, not ${count.format(dataset.fileBytes)}).`);
      const hashed = await runWorker({ kind: "hash", file: target }, (m) => m.type === "progress" && update({ hashPercent: percentOf(m) }), register);
      if (hashed.type !== "hashed" || hashed.sha256 !== dataset.fileSha256) throw new Error(`${WRONG_FILE} (its SHA-256 differs).`);
      update({ hashPercent: null });

      const found: TokenCounts = {};
      let validExamples = dataset.validExamples;
      const format = (FORMATS as readonly string[]).includes(dataset.format) ? (dataset.format as Format) : undefined;
      for (const tokenizer of tokenizers) {
        if (cancelled.current) return;
        update({ steps: { ...current.steps, [tokenizer]: { state: "loading" } } });
        const request: TokenCountRequest = { kind: "count", file: target, tokenizer, contextLimit: dataset.contextLimit, ...(format ? { format } : {}) };
        const done = await runWorker(
          request,
          (m) => {
            if (m.type === "loaded") update({ steps: { ...current.steps, [tokenizer]: { state: "reading", percent: 0 } } });
            if (m.type === "progress") update({ steps: { ...current.steps, [tokenizer]: { state: "reading", percent: percentOf(m) } } });
          },
          register,
        );
        if (done.type !== "counted") throw new Error("Counting stopped unexpectedly.");
        validExamples = done.validExamples;
        found[tokenizer] = done.figures;
        update({ steps: { ...current.steps, [tokenizer]: { state: "done", figures: done.figures } } });
      }
      if (cancelled.current) return;
      update({ saving: true });
      const res = await saveTokenCountsAction({ datasetId: dataset.id, fileSha256: dataset.fileSha256, validExamples, counts: found });
      if (cancelled.current) return;
      if (!res.ok) throw new Error(res.message);
      setCounts(res.data.tokenCounts);
      setRun({
        kind: "done",
        message: res.data.changed ? `Saved the counts of ${tokenizers.length} tokenizer${tokenizers.length === 1 ? "" : "s"}.` : "These counts were saved already. Nothing changed.",
      });
    } catch (error) {
      if (!cancelled.current) setRun({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  function cancel() {
    cancelled.current = true;
    worker.current?.terminate();
    worker.current = null;
    setRun({ kind: "failed", message: "Cancelled. Nothing was saved." });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file && picked.length > 0) void start(file, picked);
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    setFile(chosen);
    if (picked.length > 0) void start(chosen, picked);
  }

  const toggle = (t: TokenizerId, on: boolean) => setPicked((p) => (on ? choices.filter((c) => c === t || p.includes(c)) : p.filter((c) => c !== t)));

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Counts <span className="font-medium text-slate-800 dark:text-slate-200">{dataset.fileName}</span> again with each tokenizer, in your browser, with
        the dataset&apos;s format and its {count.format(dataset.contextLimit)}-token limit, so the figures compare with its own {dataset.encoding} count. Only
        the figures are saved, never the file.
      </p>
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <fieldset disabled={running} className="space-y-1">
          <legend className="text-sm font-medium">Tokenizers</legend>
          {choices.map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={picked.includes(t)} onChange={(e) => toggle(t, e.target.checked)} className="size-4" />
              {TOKENIZER_LABELS[t]}
              {counts[t] !== undefined && <span className="text-xs text-slate-500 dark:text-slate-400">(counted)</span>}
            </label>
          ))}
        </fieldset>
        {givenFile ? (
          <Button type="submit" disabled={running || picked.length === 0}>
            Count with {picked.length} tokenizer{picked.length === 1 ? "" : "s"}
          </Button>
        ) : (
          <div className="space-y-1">
            <label htmlFor={`${id}-file`} className="block text-sm font-medium">
              The training file again
            </label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".jsonl,.ndjson,.json,.txt"
              disabled={running || picked.length === 0}
              onChange={onFile}
              className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-700 dark:file:bg-slate-900"
            />
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Pick the file the dataset was analysed from ({count.format(dataset.fileBytes)} bytes); counting starts at once. Read in your browser; never uploaded.
            </p>
          </div>
        )}
      </form>

      {run.kind === "running" && (
        <div className="space-y-2" aria-live="polite">
          <div className="flex items-center justify-between gap-3">
            <p className="text-sm font-medium">{run.hashPercent !== null ? `Checking the file… ${run.hashPercent}%` : run.saving ? "Saving the figures…" : "Counting…"}</p>
            {/* Once the figures are on their way to the server, cancelling could not undo the save. */}
            {!run.saving && (
              <Button variant="secondary" onClick={cancel}>
                Cancel
              </Button>
            )}
          </div>
          <ol className="space-y-2">
            {(Object.entries(run.steps) as [TokenizerId, StepState][]).map(([t, step]) => {
              const percent = step.state === "done" ? 100 : step.state === "reading" ? step.percent : 0;
              const text =
                step.state === "waiting" ? "waiting" : step.state === "loading" ? "loading the tokenizer" : step.state === "reading" ? `${percent}%` : `${count.format(step.figures.total)} tokens`;
              return (
                <li key={t} className="text-sm">
                  <div className="flex justify-between gap-3">
                    <span>{TOKENIZER_LABELS[t]}</span>
                    <span className="tabular-nums text-slate-600 dark:text-slate-400">{text}</span>
                  </div>
                  <div
                    role="progressbar"
                    aria-label={`Counting with ${TOKENIZER_LABELS[t]}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    aria-valuetext={text}
                    className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
                  >
                    <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      )}
      <div ref={status} tabIndex={-1} className="outline-none">
        {run.kind === "done" && <AlertBox tone="info">{run.message}</AlertBox>}
        {run.kind === "failed" && <AlertBox>{run.message}</AlertBox>}
      </div>
      {Object.keys(counts).length > 1 && <TokenCountsTable dataset={{ encoding: dataset.encoding, tokenCounts: counts }} />}
    </div>
  );
}

function percentOf(m: { bytesRead: number; totalBytes: number }): number {
  return m.totalBytes > 0 ? Math.floor((m.bytesRead / m.totalBytes) * 100) : 100;
}
