"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { addPriceEntryAction } from "@/lib/pricing/actions";
import type { CatalogView } from "@/lib/pricing/queries";
import type { CatalogEntry } from "./model-card";
import { PriceInputs, readPriceInputs } from "./price-inputs";

/** How a model is named in a picker: its display name, and its id when that differs. */
export function modelOptionLabel(m: CatalogEntry): string {
  const name = m.displayName ?? m.id;
  return name === m.id ? m.id : `${name} (${m.id})`;
}

/** A dated team price on any base model the team sees, with every component the catalog prices. */
export function AddPriceForm({ view, groups }: { view: CatalogView; groups: { id: string; name: string; models: CatalogEntry[] }[] }) {
  const router = useRouter();
  const headingId = useId();
  const firstModel = view.models.find((m) => m.billingUnit === "token") ?? view.models[0];
  const [modelId, setModelId] = useState(firstModel?.id ?? "");
  const model = view.models.find((m) => m.id === modelId);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      modelId,
      effectiveFrom: String(form.get("effectiveFrom") ?? ""),
      note: String(form.get("note") ?? ""),
      ...readPriceInputs(form, ""),
    };
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

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={headingId} className="text-base font-semibold">
        Add a dated price
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        For a negotiated rate, a published change or your own GPU rate. It applies to your team from the date on and
        replaces every component of the published row; months before keep their prices. Fields start with the prices in
        force today.
      </p>
      {/* Re-keyed per model so the inputs start from that model's prices in force. */}
      <form aria-labelledby={headingId} onSubmit={onSubmit} className="mt-4 space-y-5" noValidate key={modelId}>
        {message && <AlertBox tone={message.tone}>{message.text}</AlertBox>}
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Base model" name="modelId" value={modelId} onChange={(e) => setModelId(e.target.value)} error={fields.modelId?.[0]}>
            {groups
              .filter((g) => g.models.length > 0)
              .map((g) => (
                <optgroup key={g.id} label={g.name}>
                  {g.models.map((m) => (
                    <option key={m.id} value={m.id}>
                      {modelOptionLabel(m)}
                    </option>
                  ))}
                </optgroup>
              ))}
          </SelectField>
          <Field label="Effective from" name="effectiveFrom" type="date" required defaultValue={view.today} error={fields.effectiveFrom?.[0]} />
          <Field label="Note" name="note" placeholder="e.g. negotiated rate, contract #123" error={fields.note?.[0]} />
        </div>
        {model && (
          <PriceInputs
            prefix=""
            hourly={model.billingUnit === "training_hour"}
            selfHosted={model.provider === "self-hosted"}
            defaults={model.current}
            errors={fields}
          />
        )}
        <Button type="submit" busy={busy}>
          {busy ? "Adding…" : "Add price"}
        </Button>
      </form>
    </section>
  );
}
