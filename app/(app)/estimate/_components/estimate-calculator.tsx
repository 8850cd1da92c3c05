"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/guards";
import { estimateAction } from "@/lib/estimates/actions";
import { CUSTOM_PRICES, FIELD_PATHS, formFromQuery, formToInput, formToQuery, type CalculatorForm, type FormField } from "@/lib/estimates/form";
import type { CalculatorResult, EstimatorOptions } from "@/lib/estimates/queries";
import { EstimateResults } from "./estimate-results";
import { LifecycleTable } from "./lifecycle-table";
import { PRESETS, type Preset } from "./presets";
import { SelectField } from "@/components/ui/select-field";
import { isShutDownOn, isTrainableOn, parseDay, shortDay } from "@/lib/lifecycle/dates";
import { PROVIDER_IDS, PROVIDERS } from "@/lib/pricing/providers";

type CatalogOption = EstimatorOptions["models"][number];

/** A typed training day when it is a real day, else today: the day the picker's lifecycle marks are read against. */
function dayOrToday(value: string, today: string): string {
  try {
    parseDay(value.trim());
    return value.trim();
  } catch {
    return today;
  }
}

/** The picker's mark for a model's dates on `day`: " — no new jobs after 5 Jan 2027", " — stops 14 Jan 2027". */
function lifecycleMark(m: CatalogOption, day: string): string {
  const l = m.lifecycle;
  if (!l) return "";
  if (l.shutdownOn && isShutDownOn(l.shutdownOn, day)) return ` — shut down ${shortDay(l.shutdownOn)}`;
  if (!isTrainableOn(l, day) && l.trainingEndsOn) return ` — no new jobs after ${shortDay(l.trainingEndsOn)}`;
  if (l.shutdownOn) return ` — stops ${shortDay(l.shutdownOn)}`;
  return "";
}

/** The selected model's dates under the picker, with the provider's page. */
function lifecycleHint(m: CatalogOption | undefined): string | undefined {
  const l = m?.lifecycle;
  if (!l || (!l.trainingEndsOn && !l.shutdownOn)) return undefined;
  const parts = [l.trainingEndsOn ? `New fine-tuning jobs until ${shortDay(l.trainingEndsOn)}` : null, l.shutdownOn ? `stops serving on ${shortDay(l.shutdownOn)}` : null].filter(Boolean);
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${l.sourceUrl ? ` (source: ${l.sourceUrl})` : ""}.`;
}

// Long enough not to recompute on every keystroke, short enough to feel live.
const DEBOUNCE_MS = 500;

const PRICE_LABELS = [
  ["trainingPerMTok", "Training"],
  ["inputPerMTok", "Fine-tuned input"],
  ["cachedInputPerMTok", "Fine-tuned cached input"],
  ["outputPerMTok", "Fine-tuned output"],
  ["baseInputPerMTok", "Base input"],
  ["baseCachedInputPerMTok", "Base cached input"],
  ["baseOutputPerMTok", "Base output"],
  ["hostingPerHourUsd", "Hosting per hour"],
  ["storagePerMonthUsd", "Storage per month"],
] as const;

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

/** "150,000,000" reads as "150M tokens"; nothing for blanks or non-numbers (validation speaks for those). */
function tokensHint(value: string, suffix = "tokens"): string | undefined {
  const digits = value.replace(/[\s,_]/g, "");
  return /^\d+$/.test(digits) && digits.length > 3 ? `${compact.format(Number(digits))} ${suffix}` : undefined;
}

/** The calculator: inputs mirrored into the URL, computed by a server action, results beside the form. */
export function EstimateCalculator({
  options,
  blankForm,
  initialForm,
  initialResult,
}: {
  options: EstimatorOptions;
  blankForm: CalculatorForm;
  initialForm: CalculatorForm;
  initialResult: ActionResult<CalculatorResult> | null;
}) {
  const [form, setForm] = useState(initialForm);
  const [result, setResult] = useState(initialResult);
  const [pending, setPending] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Only the newest request may set the result: an older, slower answer must not overwrite it.
  const latest = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function calculate(next: CalculatorForm) {
    clearTimeout(timer.current);
    // replaceState (which Next's router observes) rather than router.replace: the latter would re-render the server
    // page, which computes the estimate again, on every pause in typing.
    window.history.replaceState(null, "", `${window.location.pathname}?${formToQuery(next)}`);
    const id = ++latest.current;
    setPending(true);
    let answer: ActionResult<CalculatorResult>;
    try {
      answer = await estimateAction(formToInput(next));
    } catch {
      answer = { ok: false, code: "network", message: "The server could not be reached. Check your connection and try again." };
    }
    if (id !== latest.current) return;
    setResult(answer);
    setPending(false);
  }

  function change(field: FormField, value: string) {
    const next = { ...form, [field]: value };
    setForm(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void calculate(next), DEBOUNCE_MS);
  }

  function applyPreset(preset: Preset) {
    // A preset is a scenario, not a date: the training day and first month typed stay.
    const next = { ...formFromQuery(preset.form, blankForm, options.models), trainingOn: form.trainingOn, firstMonth: form.firstMonth };
    setForm(next);
    void calculate(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void calculate(form);
  }

  const fields = result && !result.ok ? (result.fields ?? {}) : {};
  const errorOf = (field: FormField) => fields[FIELD_PATHS[field]]?.[0];
  const custom = form.model === CUSTOM_PRICES;
  const usedPrices = result?.ok ? result.data.estimate.prices : null;
  const per = form.period === "day" ? "day" : "month";
  const trainingDay = dayOrToday(form.trainingOn, options.today);

  const count = (field: FormField, label: string, hint?: string) => (
    <Field
      label={label}
      name={field}
      value={form[field]}
      onChange={(e) => change(field, e.target.value)}
      error={errorOf(field)}
      hint={hint ?? tokensHint(form[field])}
      inputMode="numeric"
      autoComplete="off"
    />
  );
  const decimal = (field: FormField, label: string, hint?: string, placeholder?: string) => (
    <Field
      label={label}
      name={field}
      value={form[field]}
      onChange={(e) => change(field, e.target.value)}
      error={errorOf(field)}
      hint={hint}
      placeholder={placeholder}
      inputMode="decimal"
      autoComplete="off"
    />
  );

  return (
    <div className="space-y-6">
      <section aria-labelledby="presets-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="presets-heading" className="text-sm font-semibold">
          The source article&apos;s scenarios
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Priced with the article&apos;s own figures (price set <code className="font-mono">article-2026</code>), 12 months, no growth or buffer. Their
          break-even inputs (requests per month, a base prompt 4× longer) are our assumption; the article gives none.
        </p>
        <ul className="mt-3 grid gap-3 sm:grid-cols-3">
          {PRESETS.map((preset) => (
            <li key={preset.label}>
              <Button type="button" variant="secondary" onClick={() => applyPreset(preset)}>
                {preset.label}
              </Button>
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{preset.summary}</p>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <form onSubmit={onSubmit} noValidate aria-label="Estimate inputs" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <Section title="Prices">
            <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-1 2xl:grid-cols-2">
              <SelectField
                label="Base model"
                name="model"
                value={form.model}
                onChange={(e) => change("model", e.target.value)}
                error={errorOf("model")}
                hint={lifecycleHint(options.models.find((m) => m.id === form.model))}
              >
                {PROVIDER_IDS.filter((p) => options.models.some((m) => m.provider === p)).map((p) => (
                  <optgroup key={p} label={PROVIDERS[p].name}>
                    {options.models
                      .filter((m) => m.provider === p)
                      .map((m) => (
                        <option key={m.id} value={m.id} disabled={m.billingUnit !== "token"}>
                          {m.provider === "openai" ? (m.aliases[0] ?? m.id) : m.displayName}
                          {m.billingUnit === "token" ? (m.provider === "openai" ? ` (${m.id})` : "") : " — billed per training hour"}
                          {lifecycleMark(m, trainingDay)}
                        </option>
                      ))}
                  </optgroup>
                ))}
                <option value={CUSTOM_PRICES}>Custom prices (type them below)</option>
              </SelectField>
              <SelectField
                label="Price set"
                name="priceSet"
                value={form.priceSet}
                onChange={(e) => change("priceSet", e.target.value)}
                error={errorOf("priceSet")}
                disabled={custom}
              >
                {options.priceSets.map((set) => (
                  <option key={set} value={set}>
                    {set}
                    {set === options.teamPriceSet ? " (your team's)" : ""}
                  </option>
                ))}
              </SelectField>
            </div>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              USD per 1M tokens; hosting per hour a deployment runs, storage per month.{" "}
              {custom ? "Type every token price; cached prices may stay blank (no discount), fixed costs blank (none)." : "Blank uses the catalog price shown; a value overrides it."}
            </p>
            <div className="grid grid-cols-2 gap-3">
              {PRICE_LABELS.map(([field, label]) => (
                <div key={field}>
                  {decimal(field, label, undefined, usedPrices ? (usedPrices[field] ?? (field === "hostingPerHourUsd" || field === "storagePerMonthUsd" ? "none" : "no discount")) : undefined)}
                </div>
              ))}
            </div>
          </Section>

          <Section title="Training">
            <div className="grid grid-cols-2 gap-3">
              {count("trainingTokens", "Training tokens")}
              {count("epochs", "Epochs", "Each epoch bills the file again")}
              <SelectField label="Method" name="trainingMethod" value={form.trainingMethod} onChange={(e) => change("trainingMethod", e.target.value)} error={errorOf("trainingMethod")}>
                <option value="sft">Supervised (SFT)</option>
                <option value="dpo">Preference (DPO)</option>
              </SelectField>
              <SelectField label="Adapter or full" name="fineTuneType" value={form.fineTuneType} onChange={(e) => change("fineTuneType", e.target.value)} error={errorOf("fineTuneType")}>
                <option value="lora">LoRA</option>
                <option value="full">Full</option>
              </SelectField>
              {count("validationTokens", "Validation tokens", tokensHint(form.validationTokens) ?? "Billed where the provider bills them")}
              {count("evaluations", "Evaluations", "Blank: one per epoch")}
              <Field
                label="Training day"
                name="trainingOn"
                type="date"
                value={form.trainingOn}
                onChange={(e) => change("trainingOn", e.target.value)}
                error={errorOf("trainingOn")}
                hint={`Blank: today, ${shortDay(options.today)} (UTC)`}
              />
              <Field
                label="First inference month"
                name="firstMonth"
                value={form.firstMonth}
                onChange={(e) => change("firstMonth", e.target.value)}
                error={errorOf("firstMonth")}
                hint="YYYY-MM; blank: the training month"
                placeholder={trainingDay.slice(0, 7)}
                autoComplete="off"
              />
            </div>
          </Section>

          <Section title="Usage">
            <fieldset>
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Volumes are per</legend>
              <div className="mt-1 flex gap-4">
                {(["day", "month"] as const).map((p) => (
                  <label key={p} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="period" value={p} checked={form.period === p} onChange={() => change("period", p)} />
                    {p === "day" ? "Day" : "Month"}
                  </label>
                ))}
              </div>
              {errorOf("period") && <p className="text-sm text-red-600 dark:text-red-400">{errorOf("period")}</p>}
            </fieldset>
            <div className="grid grid-cols-2 gap-3">
              {count("inputTokens", `Input tokens per ${per}`)}
              {count("cachedInputTokens", `Cached tokens per ${per}`, tokensHint(form.cachedInputTokens) ?? "Part of the input tokens")}
              {count("outputTokens", `Output tokens per ${per}`)}
              {count("daysPerMonth", "Days per month", "Turns daily volumes into months")}
              {decimal("hostingHoursPerMonth", "Hosting hours per month", "A deployment or dedicated endpoint: 730 is always on")}
            </div>
          </Section>

          <Section title="Projection">
            <div className="grid grid-cols-3 gap-3">
              {decimal("monthlyGrowthPct", "Growth %", "Monthly, compounding")}
              {decimal("retryBufferPct", "Retry buffer %")}
              {count("months", "Months")}
            </div>
          </Section>

          <Section title="Break-even against the base model">
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Per request: the base model needs a longer prompt (instructions, examples) for what the fine-tuned one learnt. Leave blank to skip.
            </p>
            <div className="grid grid-cols-2 gap-3">
              {count("basePromptTokens", "Base prompt tokens")}
              {count("fineTunedPromptTokens", "Fine-tuned prompt tokens")}
              {count("requestOutputTokens", "Output tokens per request")}
              {count("requestsPerMonth", "Requests per month", tokensHint(form.requestsPerMonth, "requests"))}
            </div>
          </Section>

          {result && !result.ok && <AlertBox>{result.message}</AlertBox>}
          <Button type="submit" busy={pending} className="w-full">
            {pending ? "Calculating…" : "Calculate"}
          </Button>
        </form>

        <section aria-labelledby="results-heading" aria-busy={pending} className={pending ? "opacity-60 transition-opacity" : "transition-opacity"}>
          <h2 id="results-heading" className="sr-only">
            Results
          </h2>
          <p role="status" className="sr-only">
            {pending ? "Calculating…" : ""}
          </p>
          {result?.ok ? (
            <EstimateResults result={result.data} />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {result ? "Correct the highlighted inputs to see the estimate." : "Pick one of the article's scenarios, or enter training and usage volumes and press Calculate."}
            </p>
          )}
        </section>
      </div>

      <LifecycleTable models={options.models} trainingDay={trainingDay} />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}
