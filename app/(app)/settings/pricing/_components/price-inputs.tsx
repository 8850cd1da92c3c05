"use client";

import type { ReactNode } from "react";
import { Field, fieldIds } from "@/components/ui/field";
import { PRICE_FIELDS, type PriceField } from "@/lib/pricing/schemas";

/** Starting values of the inputs: the row in force today, or nothing for a new model. */
export type PriceDefaults = (Partial<Record<PriceField, string | null>> & { validationBilled?: boolean }) | null;

/** A checkbox with its label beside it, hint and error wired like `Field`'s. */
export function CheckboxField({ name, label, hint, error, defaultChecked }: { name: string; label: string; hint?: string; error?: string; defaultChecked?: boolean }) {
  const { id, describedBy } = fieldIds(name, error, hint);
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="size-4 rounded border-slate-300 dark:border-slate-600"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-300">
          {label}
        </label>
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 space-y-3">
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
    </fieldset>
  );
}

/**
 * Every component of a team price row, grouped as the catalog shows them. Input names carry `prefix` so two forms on
 * one page never share an element id; errors are looked up by the schema's own field names.
 */
export function PriceInputs({
  prefix,
  hourly,
  selfHosted,
  defaults,
  errors,
}: {
  prefix: string;
  hourly: boolean;
  selfHosted: boolean;
  defaults: PriceDefaults;
  errors: Record<string, string[]>;
}) {
  const field = (key: PriceField, label: string, hint?: string) => (
    <Field
      key={key}
      label={label}
      name={`${prefix}${key}`}
      inputMode="decimal"
      autoComplete="off"
      defaultValue={defaults?.[key] ?? ""}
      hint={hint}
      error={errors[key]?.[0]}
    />
  );
  return (
    <div className="space-y-5">
      <Group legend="Training">
        {hourly ? (
          field("trainingPerHourUsd", "USD per training hour", selfHosted ? "What a training GPU-hour costs you" : undefined)
        ) : (
          <>
            {field("trainingPerMTokUsd", "Training (USD / 1M)", "Supervised; LoRA where full is priced apart")}
            {field("trainingFullPerMTokUsd", "Full fine-tuning (USD / 1M)", "Empty: not priced apart")}
            {field("trainingDpoPerMTokUsd", "DPO (USD / 1M)", "Empty: billed at the training rate")}
            {field("trainingDpoFullPerMTokUsd", "DPO full (USD / 1M)", "Empty: not priced apart")}
          </>
        )}
        {field("minTrainingChargeUsd", "Minimum per job (USD)", "Empty: no minimum")}
        {!hourly && (
          <CheckboxField
            name={`${prefix}validationBilled`}
            label="Validation tokens are billed"
            hint="At the training rate, once per evaluation"
            defaultChecked={defaults?.validationBilled ?? false}
            error={errors.validationBilled?.[0]}
          />
        )}
      </Group>
      {!hourly && (
        <Group legend="Fine-tuned model inference">
          {field("inputPerMTokUsd", "FT input (USD / 1M)")}
          {field("cachedInputPerMTokUsd", "FT cached (USD / 1M)", "Empty: no cached discount")}
          {field("outputPerMTokUsd", "FT output (USD / 1M)")}
          {field("batchInputPerMTokUsd", "Batch input (USD / 1M)", "Empty: batch costs the normal price")}
          {field("batchOutputPerMTokUsd", "Batch output (USD / 1M)", "Empty: batch costs the normal price")}
        </Group>
      )}
      {!hourly && (
        <Group legend="Base model inference">
          {field("baseInputPerMTokUsd", "Base input (USD / 1M)")}
          {field("baseCachedInputPerMTokUsd", "Base cached (USD / 1M)", "Empty: no cached discount")}
          {field("baseOutputPerMTokUsd", "Base output (USD / 1M)")}
        </Group>
      )}
      <Group legend="Fixed costs">
        {field("hostingPerHourUsd", "Hosting (USD / hour)", selfHosted ? "What a serving GPU-hour costs you" : "Per hour a deployment runs; empty: none")}
        {field("storagePerMonthUsd", "Storage (USD / month)", "Per fine-tuned model; empty: none")}
      </Group>
    </div>
  );
}

/** The price components of a submitted form, keyed as the schema names them (absent inputs as empty strings). */
export function readPriceInputs(form: FormData, prefix: string): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const key of PRICE_FIELDS) out[key] = String(form.get(`${prefix}${key}`) ?? "");
  out.validationBilled = form.get(`${prefix}validationBilled`) === "on";
  return out;
}
