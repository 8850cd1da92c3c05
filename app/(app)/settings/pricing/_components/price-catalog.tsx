"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState, useTransition, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatPriceUsd } from "@/lib/money/decimal";
import { addPriceEntryAction, setPriceSetAction } from "@/lib/pricing/actions";
import type { CatalogView, PriceEntryView } from "@/lib/pricing/queries";

const PRICE_SET_LABELS: Record<string, string> = {
  openai: "OpenAI list prices (mid-2025)",
  "article-2026": "2026 cost guide (article figures)",
};

const COLUMNS = [
  ["trainingPerMTokUsd", "Training"],
  ["inputPerMTokUsd", "FT input"],
  ["cachedInputPerMTokUsd", "FT cached"],
  ["outputPerMTokUsd", "FT output"],
  ["baseInputPerMTokUsd", "Base input"],
  ["baseCachedInputPerMTokUsd", "Base cached"],
  ["baseOutputPerMTokUsd", "Base output"],
] as const;

type PriceKey = (typeof COLUMNS)[number][0] | "trainingPerHourUsd";

function price(v: string | null): string {
  return v === null ? "—" : formatPriceUsd(v);
}

function PriceCells({ entry, hourly }: { entry: PriceEntryView | null; hourly: boolean }) {
  if (!entry) {
    return (
      <td colSpan={COLUMNS.length} className="px-2 py-2 text-slate-500 dark:text-slate-400">
        No price in this price set
      </td>
    );
  }
  if (hourly) {
    return (
      <td colSpan={COLUMNS.length} className="px-2 py-2">
        <span className="font-medium">{price(entry.trainingPerHourUsd)} per training hour</span>{" "}
        <span className="text-slate-500 dark:text-slate-400">— not priced per token</span>
      </td>
    );
  }
  return (
    <>
      {COLUMNS.map(([key]) => (
        <td key={key} className="px-2 py-2 text-right font-mono tabular-nums">
          {price(entry[key])}
        </td>
      ))}
    </>
  );
}

/** The price catalog: prices in force today for this team, their dated history, and (for admins) new dated entries. */
export function PriceCatalog({ view, canManage }: { view: CatalogView; canManage: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [pendingSet, startSetChange] = useTransition();
  const [setError, setSetError] = useState<string | null>(null);

  function changePriceSet(priceSet: string) {
    setSetError(null);
    startSetChange(async () => {
      const result = await setPriceSetAction({ priceSet });
      if (!result.ok) setSetError(result.message);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <section className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <div className="min-w-64 flex-1">
          <h2 className="text-base font-semibold">Price set</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            The named list of published prices your costs use. Your team&apos;s own dated entries apply on top of it. Prices
            are USD per 1M tokens; usage in a month is priced with the prices in force on the first day of that month.
          </p>
        </div>
        <div>
          <label htmlFor="price-set" className="block text-sm font-medium">
            Price set in use
          </label>
          <select
            id="price-set"
            value={view.priceSet}
            disabled={!canManage || pendingSet}
            onChange={(e) => changePriceSet(e.target.value)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {view.priceSets.map((s) => (
              <option key={s} value={s}>
                {PRICE_SET_LABELS[s] ?? s}
              </option>
            ))}
          </select>
          {setError && <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">{setError}</p>}
        </div>
      </section>

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full min-w-[60rem] text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold">Prices in force on {view.today}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400 dark:bg-slate-800/50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">Base model</th>
              <th scope="col" className="px-2 py-2 text-left">Tokenizer · limit</th>
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col" className="px-2 py-2 text-right">
                  {label}
                </th>
              ))}
              <th scope="col" className="px-2 py-2 text-left">Source</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">History</span></th>
            </tr>
          </thead>
          <tbody>
            {view.models.map((m) => {
              const hourly = m.billingUnit === "training_hour";
              return (
                <Fragment key={m.id}>
                  <tr className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <span className="whitespace-nowrap font-mono">{m.id}</span>
                      {m.aliases.length > 0 && <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{m.aliases.join(", ")}</span>}
                    </th>
                    <td className="px-2 py-2 text-slate-600 dark:text-slate-400">
                      {m.encoding}
                      <span className="block text-xs">{m.trainingContextLimit ? `${m.trainingContextLimit.toLocaleString("en-US")} tokens` : "limit unknown"}</span>
                    </td>
                    <PriceCells entry={m.current} hourly={hourly} />
                    <td className="px-2 py-2">
                      {m.current && (
                        <span
                          className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs ${
                            m.current.scope === "team" ? "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
                          }`}
                        >
                          {m.current.scope === "team" ? "Team price" : "Published"}<span className="block">from {m.current.effectiveFrom}</span>
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right">
                      <button
                        type="button"
                        className="text-sm text-brand-600 dark:text-brand-400 hover:underline"
                        aria-expanded={open === m.id}
                        aria-controls={`history-${m.id}`}
                        onClick={() => setOpen((o) => (o === m.id ? null : m.id))}
                      >
                        History ({m.history.length})
                      </button>
                    </td>
                  </tr>
                  {open === m.id && (
                    <tr id={`history-${m.id}`} className="bg-slate-50 dark:bg-slate-800/40">
                      <td colSpan={COLUMNS.length + 4} className="px-3 py-3">
                        <table className="w-full text-sm">
                          <caption className="sr-only">Price history of {m.id}</caption>
                          <thead className="text-xs text-slate-500 dark:text-slate-400">
                            <tr>
                              <th scope="col" className="py-1 text-left">From</th>
                              <th scope="col" className="py-1 text-left">Source</th>
                              {hourly ? (
                                <th scope="col" className="py-1 text-right">Per training hour</th>
                              ) : (
                                COLUMNS.map(([key, label]) => (
                                  <th key={key} scope="col" className="py-1 text-right">
                                    {label}
                                  </th>
                                ))
                              )}
                              <th scope="col" className="py-1 pl-3 text-left">Note</th>
                            </tr>
                          </thead>
                          <tbody>
                            {m.history.map((h) => (
                              <tr key={h.id} className={h.inForce ? "font-medium" : "text-slate-600 dark:text-slate-400"}>
                                <td className="py-1">
                                  {h.effectiveFrom}
                                  {h.inForce && <span className="ml-2 text-xs text-brand-600 dark:text-brand-400">in force</span>}
                                </td>
                                <td className="py-1">{h.scope === "team" ? "Team" : "Published"}</td>
                                {hourly ? (
                                  <td className="py-1 text-right font-mono">{price(h.trainingPerHourUsd)}</td>
                                ) : (
                                  COLUMNS.map(([key]) => (
                                    <td key={key} className="py-1 text-right font-mono tabular-nums">
                                      {price(h[key])}
                                    </td>
                                  ))
                                )}
                                <td className="py-1 pl-3">{h.note}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </section>

      {canManage ? (
        <AddPriceForm view={view} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only admins and owners can add prices.</p>
      )}
    </div>
  );
}

function AddPriceForm({ view }: { view: CatalogView }) {
  const router = useRouter();
  const firstModel = view.models.find((m) => m.billingUnit === "token") ?? view.models[0];
  const [modelId, setModelId] = useState(firstModel?.id ?? "");
  const model = view.models.find((m) => m.id === modelId);
  const hourly = model?.billingUnit === "training_hour";
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: Record<string, string> = {};
    for (const [k, v] of form.entries()) input[k] = String(v);
    for (const key of [...COLUMNS.map(([k]) => k), "trainingPerHourUsd"]) input[key] ??= "";
    setBusy(true);
    setMessage(null);
    setFields({});
    const result = await addPriceEntryAction(input);
    setBusy(false);
    if (!result.ok) {
      setFields(result.fields ?? {});
      setMessage({ tone: "error", text: result.message });
      return;
    }
    setMessage({ tone: "info", text: `Added a price for ${modelId} from ${input.effectiveFrom}.` });
    router.refresh();
  }

  const current = (key: PriceKey) => model?.current?.[key] ?? "";

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-base font-semibold">Add a dated price</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        For a negotiated rate or a published change. It applies to your team from the date on; months before keep their
        prices. Fields start with the prices in force today.
      </p>
      <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate key={modelId}>
        {message && <AlertBox tone={message.tone}>{message.text}</AlertBox>}
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor="field-modelId" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Base model
            </label>
            <select
              id="field-modelId"
              name="modelId"
              value={modelId}
              onChange={(e) => setModelId(e.target.value)}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {view.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                </option>
              ))}
            </select>
          </div>
          <Field label="Effective from" name="effectiveFrom" type="date" required defaultValue={view.today} error={fields.effectiveFrom?.[0]} />
          <Field label="Note" name="note" placeholder="e.g. negotiated rate, contract #123" error={fields.note?.[0]} />
        </div>
        {hourly ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="USD per training hour" name="trainingPerHourUsd" inputMode="decimal" defaultValue={current("trainingPerHourUsd")} error={fields.trainingPerHourUsd?.[0]} />
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-4">
            {COLUMNS.map(([key, label]) => (
              <Field
                key={key}
                label={`${label} (USD / 1M)`}
                name={key}
                inputMode="decimal"
                defaultValue={current(key)}
                hint={key.includes("ached") ? "Empty: no cached discount" : undefined}
                error={fields[key]?.[0]}
              />
            ))}
          </div>
        )}
        <Button type="submit" busy={busy}>
          {busy ? "Adding…" : "Add price"}
        </Button>
      </form>
    </section>
  );
}
