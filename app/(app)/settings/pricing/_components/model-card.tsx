"use client";

import { useId, useState, type ReactNode } from "react";
import type { CatalogView, PriceEntryView } from "@/lib/pricing/queries";
import type { PriceField } from "@/lib/pricing/schemas";
import { TOKENIZER_LABELS } from "@/lib/tokens/tokenizer-ids";
import { Badge, PER_HOUR, PER_MONTH, PER_MTOK, price, SourceRef, Unit } from "./format";

/** One base model of the catalog view, with the row in force today and its history. */
export type CatalogEntry = CatalogView["models"][number];

type UnitSpec = { visual: string; spoken: string };

/** Label, exact price (or a word) and unit of one line of a price group. */
interface PriceLine {
  label: string;
  value: string;
  unit?: UnitSpec;
}

const UNVERIFIED_TEXT = "Not confirmed on the provider's own page: the best figure found. Check the source before relying on it.";

function line(label: string, entry: PriceEntryView, key: PriceField, unit?: UnitSpec): PriceLine {
  return { label, value: price(entry[key]), unit: entry[key] === null ? undefined : unit };
}

function PriceGroup({ title, lines, empty }: { title: string; lines: PriceLine[]; empty?: ReactNode }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</p>
      {lines.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <dl className="mt-1 space-y-0.5 text-sm">
          {lines.map((l) => (
            <div key={l.label} className="flex items-baseline justify-between gap-3">
              <dt className="text-slate-600 dark:text-slate-400">{l.label}</dt>
              <dd className="whitespace-nowrap text-right font-mono tabular-nums">
                {l.value}
                {l.unit && <Unit {...l.unit} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** Today's prices of a model in four groups: training, the fine-tuned model's inference, the base model's, fixed costs. */
function PriceSummary({ entry, hourly }: { entry: PriceEntryView; hourly: boolean }) {
  const training: PriceLine[] = [];
  if (hourly) {
    training.push(line("Per training hour", entry, "trainingPerHourUsd", PER_HOUR));
  } else {
    const full = entry.trainingFullPerMTokUsd !== null;
    const dpoFull = entry.trainingDpoFullPerMTokUsd !== null;
    training.push(line(full ? "SFT (LoRA)" : "SFT", entry, "trainingPerMTokUsd", PER_MTOK));
    if (full) training.push(line("SFT, full", entry, "trainingFullPerMTokUsd", PER_MTOK));
    if (entry.trainingDpoPerMTokUsd !== null) training.push(line(dpoFull ? "DPO (LoRA)" : "DPO", entry, "trainingDpoPerMTokUsd", PER_MTOK));
    if (dpoFull) training.push(line("DPO, full", entry, "trainingDpoFullPerMTokUsd", PER_MTOK));
  }
  if (entry.minTrainingChargeUsd !== null) training.push(line("Minimum per job", entry, "minTrainingChargeUsd"));
  if (!hourly) training.push({ label: "Validation tokens", value: entry.validationBilled ? "billed" : "free" });

  const inference: PriceLine[] = hourly
    ? []
    : [
        line("Input", entry, "inputPerMTokUsd", PER_MTOK),
        entry.cachedInputPerMTokUsd === null ? { label: "Cached input", value: "no discount" } : line("Cached input", entry, "cachedInputPerMTokUsd", PER_MTOK),
        line("Output", entry, "outputPerMTokUsd", PER_MTOK),
        ...(entry.batchInputPerMTokUsd !== null ? [line("Batch input", entry, "batchInputPerMTokUsd", PER_MTOK)] : []),
        ...(entry.batchOutputPerMTokUsd !== null ? [line("Batch output", entry, "batchOutputPerMTokUsd", PER_MTOK)] : []),
      ];
  const base: PriceLine[] = hourly
    ? []
    : [
        line("Input", entry, "baseInputPerMTokUsd", PER_MTOK),
        entry.baseCachedInputPerMTokUsd === null ? { label: "Cached input", value: "no discount" } : line("Cached input", entry, "baseCachedInputPerMTokUsd", PER_MTOK),
        line("Output", entry, "baseOutputPerMTokUsd", PER_MTOK),
      ];
  const fixed: PriceLine[] = [
    ...(entry.hostingPerHourUsd !== null ? [line("Hosting", entry, "hostingPerHourUsd", PER_HOUR)] : []),
    ...(entry.storagePerMonthUsd !== null ? [line("Storage", entry, "storagePerMonthUsd", PER_MONTH)] : []),
  ];
  const hosted = entry.hostingPerHourUsd !== null || entry.storagePerMonthUsd !== null;

  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <PriceGroup title="Training" lines={training} />
      <PriceGroup
        title="Fine-tuned inference"
        lines={inference}
        empty={<>Billed per training hour — not priced per token{hosted ? "; a month costs its fixed costs." : "; each month needs the invoiced cost."}</>}
      />
      {!hourly && <PriceGroup title="Base model" lines={base} />}
      <PriceGroup title="Fixed costs" lines={fixed} empty="No hosting or storage fee" />
    </div>
  );
}

/** Where today's figures come from: the team's own row, or the published one with its source, check date and status. */
function SourceLine({ entry, explainId }: { entry: PriceEntryView; explainId: string }) {
  if (entry.scope === "team") {
    return (
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <Badge tone="team">Your team&apos;s price</Badge>
        <span>from {entry.effectiveFrom}</span>
        {entry.note && <span className="break-words">· {entry.note}</span>}
      </p>
    );
  }
  return (
    <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge>Published</Badge>
        <span>from {entry.effectiveFrom}</span>
        {entry.sourceUrl && (
          <span className="min-w-0">
            · Source: <SourceRef url={entry.sourceUrl} />
          </span>
        )}
        {entry.checkedOn && <span>· checked {entry.checkedOn}</span>}
        {entry.verified === false && (
          <span aria-describedby={explainId}>
            <Badge tone="warning" title={UNVERIFIED_TEXT}>
              <span aria-hidden>⚠</span> Unverified
            </Badge>
          </span>
        )}
      </p>
      {entry.verified === false && (
        <p id={explainId} className="text-amber-900 dark:text-amber-200">
          {UNVERIFIED_TEXT}
        </p>
      )}
      {entry.note && (
        // Seed notes say what was converted, what "hosting" means here and what is missing: long, so folded.
        <details>
          <summary className="cursor-pointer text-brand-700 dark:text-brand-400">About these figures</summary>
          <p className="mt-1 break-words">{entry.note}</p>
        </details>
      )}
    </div>
  );
}

function modelFacts(m: CatalogEntry, today: string): string[] {
  const facts = [
    `Tokenizer: ${TOKENIZER_LABELS[m.encoding] ?? m.encoding}${m.tokenizerExact === false ? " — estimated counts (a stand-in for the model's own)" : ""}`,
    m.trainingContextLimit ? `Context: ${m.trainingContextLimit.toLocaleString("en-US")} tokens per example` : "Context limit unknown",
  ];
  if (m.maxEpochs) facts.push(`Up to ${m.maxEpochs} epochs`);
  if (m.minExamples) facts.push(`At least ${m.minExamples} examples`);
  const life = m.lifecycle;
  if (life?.trainingEndsOn) facts.push(`${life.trainingEndsOn < today ? "Training ended" : "Training ends"} ${life.trainingEndsOn}`);
  if (life?.shutdownOn) facts.push(`${life.shutdownOn < today ? "Shut down" : "Shutdown"} ${life.shutdownOn}`);
  if (life?.replacement) facts.push(`Replacement: ${life.replacement}`);
  return facts;
}

/** A base model: its tokenizer, limits and lifecycle, today's prices with their source, and the dated history. */
export function ModelCard({ model: m, today }: { model: CatalogEntry; today: string }) {
  const [open, setOpen] = useState(false);
  const uid = useId();
  const hourly = m.billingUnit === "training_hour";
  const name = m.displayName ?? m.id;
  return (
    <article aria-labelledby={name === m.id ? `${uid}-name` : `${uid}-name ${uid}-id`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 id={`${uid}-name`} className="break-words font-semibold">
            {name}
          </h4>
          {name !== m.id && (
            <p id={`${uid}-id`} className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">
              {m.id}
            </p>
          )}
          {m.aliases.length > 0 && <p className="break-all text-xs text-slate-500 dark:text-slate-400">Also: {m.aliases.join(", ")}</p>}
        </div>
        {m.teamId && <Badge tone="team">Your team&apos;s model</Badge>}
      </header>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {modelFacts(m, today).map((f) => (
          <li key={f}>{f}</li>
        ))}
        {m.lifecycle?.sourceUrl && (m.lifecycle.trainingEndsOn || m.lifecycle.shutdownOn) && (
          <li className="min-w-0">
            Lifecycle source: <SourceRef url={m.lifecycle.sourceUrl} />
          </li>
        )}
      </ul>
      {m.current ? (
        <>
          <PriceSummary entry={m.current} hourly={hourly} />
          <SourceLine entry={m.current} explainId={`${uid}-unverified`} />
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No price in this price set{m.teamId || m.provider === "self-hosted" ? ": add your team's rate with “Add a dated price” below." : "."}
        </p>
      )}
      <div>
        <button
          type="button"
          className="text-sm text-brand-700 hover:underline dark:text-brand-400"
          aria-expanded={open}
          aria-controls={`${uid}-history`}
          onClick={() => setOpen((o) => !o)}
        >
          History ({m.history.length})
        </button>
        {open && <HistoryTable id={`${uid}-history`} model={m} hourly={hourly} />}
      </div>
    </article>
  );
}

interface HistoryColumn {
  label: string;
  cell: (h: PriceEntryView) => string;
}

const TOKEN_COLUMNS: [PriceField, string][] = [
  ["trainingPerMTokUsd", "Training"],
  ["trainingFullPerMTokUsd", "SFT full"],
  ["trainingDpoPerMTokUsd", "DPO"],
  ["trainingDpoFullPerMTokUsd", "DPO full"],
  ["inputPerMTokUsd", "FT input"],
  ["cachedInputPerMTokUsd", "FT cached"],
  ["outputPerMTokUsd", "FT output"],
  ["batchInputPerMTokUsd", "Batch in"],
  ["batchOutputPerMTokUsd", "Batch out"],
  ["baseInputPerMTokUsd", "Base input"],
  ["baseCachedInputPerMTokUsd", "Base cached"],
  ["baseOutputPerMTokUsd", "Base output"],
];
// Shown whatever the history holds; the others only when some row of the history has them (keeps the table narrow).
const ALWAYS = new Set<PriceField>(["trainingPerMTokUsd", "inputPerMTokUsd", "cachedInputPerMTokUsd", "outputPerMTokUsd", "baseInputPerMTokUsd", "baseCachedInputPerMTokUsd", "baseOutputPerMTokUsd"]);
const ANY_UNIT_COLUMNS: [PriceField, string][] = [
  ["minTrainingChargeUsd", "Min / job"],
  ["hostingPerHourUsd", "Hosting / h"],
  ["storagePerMonthUsd", "Storage / mo"],
];

function historyColumns(history: PriceEntryView[], hourly: boolean): HistoryColumn[] {
  const used = (key: PriceField) => history.some((h) => h[key] !== null);
  const money = ([key, label]: [PriceField, string]): HistoryColumn => ({ label, cell: (h) => price(h[key]) });
  const cols: HistoryColumn[] = hourly
    ? [money(["trainingPerHourUsd", "Per training hour"])]
    : TOKEN_COLUMNS.filter(([key]) => ALWAYS.has(key) || used(key)).map(money);
  if (!hourly && history.some((h) => h.validationBilled)) cols.push({ label: "Validation", cell: (h) => (h.validationBilled ? "billed" : "free") });
  cols.push(...ANY_UNIT_COLUMNS.filter(([key]) => used(key)).map(money));
  return cols;
}

function HistoryTable({ id, model: m, hourly }: { id: string; model: CatalogEntry; hourly: boolean }) {
  const cols = historyColumns(m.history, hourly);
  return (
    <div id={id} className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-2 dark:bg-slate-800/40">
      <table className="w-full text-sm">
        <caption className="sr-only">Price history of {m.id}</caption>
        <thead className="text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-3 text-left">From</th>
            <th scope="col" className="py-1 pr-3 text-left">Source</th>
            {cols.map((c) => (
              <th key={c.label} scope="col" className="whitespace-nowrap px-2 py-1 text-right">
                {c.label}
              </th>
            ))}
            <th scope="col" className="py-1 pl-3 text-left">Note</th>
          </tr>
        </thead>
        <tbody>
          {m.history.map((h) => (
            <tr key={h.id} className={h.inForce ? "font-medium" : "text-slate-600 dark:text-slate-400"}>
              <td className="whitespace-nowrap py-1 pr-3">
                {h.effectiveFrom}
                {h.inForce && <span className="ml-2 text-xs text-brand-700 dark:text-brand-400">in force</span>}
              </td>
              <td className="whitespace-nowrap py-1 pr-3">
                {h.scope === "team" ? "Team" : "Published"}
                {h.checkedOn && <span className="block text-xs">checked {h.checkedOn}</span>}
                {h.verified === false && <span className="block text-xs">unverified</span>}
              </td>
              {cols.map((c) => (
                <td key={c.label} className="whitespace-nowrap px-2 py-1 text-right font-mono tabular-nums">
                  {c.cell(h)}
                </td>
              ))}
              <td className="min-w-48 py-1 pl-3">{h.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
