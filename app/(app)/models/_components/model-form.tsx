"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createModelAction, updateModelAction } from "@/lib/models/actions";
import type { ModelView } from "@/lib/models/queries";
import { formatUsd } from "@/lib/money/decimal";
import { resolveModel } from "@/lib/pricing/model-name";
import type { CatalogModel } from "@/lib/pricing/types";
import { countOrNull, groupDigits, intOrNull, notNumbers, textOrNull, unprefix, usdOrNull } from "./form-values";
import { SelectField } from "@/components/ui/select-field";
import { STATUS_LABELS } from "./status-badge";

export interface ModelFormOptions {
  projects: { id: string; name: string }[];
  catalog: CatalogModel[];
  datasets: { id: string; name: string; baseModelId: string }[];
}

type Hyper = { key: string; value: string };

/** "0.1" → 0.1, "true" → true, "" → null, anything else stays text: the types OpenAI's hyperparameters take. */
function hyperValue(v: string): string | number | boolean | null {
  const s = v.trim();
  if (s === "" || s === "null") return null;
  if (s === "true" || s === "false") return s === "true";
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function hyperRows(h: unknown): Hyper[] {
  if (!h || typeof h !== "object") return [];
  return Object.entries(h).map(([key, value]) => ({ key, value: value === null ? "" : String(value) }));
}

/** The base model an `ft:` id names, when the catalog knows it. */
function inferBase(providerModelId: string, catalog: CatalogModel[]): string | null {
  if (!providerModelId.trim().toLowerCase().startsWith("ft:")) return null;
  try {
    return resolveModel(providerModelId, catalog).id;
  } catch {
    return null;
  }
}

/**
 * Create or edit a fine-tuned model. Uncontrolled inputs handled by hand, so a refused save (field errors, or a
 * conflict with someone else's edit) keeps what was typed. The training cost is priced on the server.
 */
export function ModelForm({ model, options, defaultProjectId }: { model?: ModelView; options: ModelFormOptions; defaultProjectId?: string }) {
  const router = useRouter();
  const [baseModel, setBaseModel] = useState(model?.baseModelId ?? "");
  const [inferred, setInferred] = useState<string | null>(model?.providerModelId ? inferBase(model.providerModelId, options.catalog) : null);
  const [hyper, setHyper] = useState<Hyper[]>(() => {
    const rows = hyperRows(model?.hyperparameters);
    return rows.length ? rows : [{ key: "", value: "" }];
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);

  function onProviderIdChange(value: string) {
    const base = inferBase(value, options.catalog);
    setInferred(base);
    if (base) setBaseModel(base);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const named = hyper.filter((h) => h.key.trim() !== "");
    const input = {
      projectId: String(form.get("projectId") ?? ""),
      displayName: String(form.get("displayName") ?? "").trim(),
      providerModelId: textOrNull(form.get("providerModelId")),
      baseModel: baseModel || undefined,
      status: String(form.get("status")),
      trainingTokens: countOrNull(form.get("trainingTokens")),
      epochs: intOrNull(form.get("epochs")),
      trainedAt: textOrNull(form.get("trainedAt")),
      invoicedTrainingCostUsd: usdOrNull(form.get("invoicedTrainingCostUsd")),
      datasetId: textOrNull(form.get("datasetId")),
      hyperparameters: named.length ? Object.fromEntries(named.map((h) => [h.key.trim(), hyperValue(h.value)])) : null,
      promptTokensFineTuned: intOrNull(form.get("promptTokensFineTuned")),
      promptTokensBase: intOrNull(form.get("promptTokensBase")),
    };
    const local = notNumbers(input, ["epochs", "promptTokensFineTuned", "promptTokensBase"]);
    if (local) {
      setError({ message: "Please correct the highlighted fields.", fields: local });
      return;
    }
    setBusy(true);
    setError(null);
    const result = model ? await updateModelAction({ id: model.id, version: model.version, model: input }) : await createModelAction(input);
    if (!result.ok) {
      setBusy(false);
      setError({ message: result.message, fields: unprefix(result.fields, "model") });
      return;
    }
    router.push(`/models/${result.data.id}`);
    router.refresh();
  }

  const fieldError = (name: string) => error?.fields[name]?.[0];
  const hint = (name: string, text: string) => (fieldError(name) ? undefined : text);

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      {error && <AlertBox>{error.message}</AlertBox>}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-base font-semibold">Model</legend>
        <SelectField label="Project" name="projectId" defaultValue={model?.projectId ?? defaultProjectId ?? options.projects[0]?.id} error={fieldError("projectId")}>
          {options.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field label="Display name" name="displayName" required defaultValue={model?.displayName} error={fieldError("displayName")} autoComplete="off" />
        <div className="sm:col-span-2">
          <Field
            label="Provider model id"
            name="providerModelId"
            placeholder="ft:gpt-4o-mini-2024-07-18:acme:support:AbC123"
            defaultValue={model?.providerModelId ?? ""}
            onChange={(e) => onProviderIdChange(e.target.value)}
            hint={inferred ? `Fine-tune of ${inferred}` : "Empty for a model not trained yet"}
            error={fieldError("providerModelId")}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <SelectField label="Base model" name="baseModel" value={baseModel} onChange={(e) => setBaseModel(e.target.value)} error={fieldError("baseModel")}>
          <option value="">{inferred ? "From the provider model id" : "Pick the base model"}</option>
          {options.catalog.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
              {m.billingUnit === "training_hour" ? " (billed per training hour)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" defaultValue={model?.status ?? "ACTIVE"} error={fieldError("status")}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-base font-semibold">Training</legend>
        <Field label="Training tokens (per epoch)" name="trainingTokens" inputMode="numeric" defaultValue={groupDigits(model?.trainingTokens)} error={fieldError("trainingTokens")} autoComplete="off" />
        <Field label="Epochs" name="epochs" inputMode="numeric" defaultValue={model?.epochs ?? ""} error={fieldError("epochs")} autoComplete="off" />
        <Field
          label="Trained at"
          name="trainedAt"
          type="date"
          defaultValue={model?.trainedAt ?? ""}
          hint={hint("trainedAt", "Prices in force that day give the computed cost")}
          error={fieldError("trainedAt")}
        />
        <Field
          label="Invoiced training cost (USD)"
          name="invoicedTrainingCostUsd"
          inputMode="decimal"
          defaultValue={model?.invoicedTrainingCostUsd ?? ""}
          hint={hint(
            "invoicedTrainingCostUsd",
            model?.trainingCostUsd ? `Computed: ${formatUsd(model.trainingCostUsd)}. The invoiced amount is kept beside it.` : "Optional: what the provider billed",
          )}
          error={fieldError("invoicedTrainingCostUsd")}
          autoComplete="off"
        />
        <div className="sm:col-span-2">
          <SelectField label="Dataset" name="datasetId" defaultValue={model?.datasetId ?? ""} error={fieldError("datasetId")} hint="An analysed training file from Estimate → Analyze">
            <option value="">None</option>
            {options.datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.baseModelId})
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-base font-semibold">Hyperparameters</legend>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Numbers and true/false are stored as such; blank values as null.</p>
        <ul className="mt-3 space-y-2">
          {hyper.map((h, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2">
              <input
                aria-label={`Hyperparameter ${i + 1} name`}
                placeholder="n_epochs"
                value={h.key}
                onChange={(e) => setHyper((rows) => rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
              />
              <input
                aria-label={`Hyperparameter ${i + 1} value`}
                placeholder="3"
                value={h.value}
                onChange={(e) => setHyper((rows) => rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
              />
              <Button type="button" variant="ghost" aria-label={`Remove hyperparameter ${i + 1}`} onClick={() => setHyper((rows) => rows.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <Button type="button" variant="secondary" className="mt-2" onClick={() => setHyper((rows) => [...rows, { key: "", value: "" }])}>
          Add hyperparameter
        </Button>
        {fieldError("hyperparameters") && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{fieldError("hyperparameters")}</p>}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-base font-semibold">Prompt size per request</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400 sm:col-span-2">What the fine-tune saves: its prompt against the longer one the base model would need.</p>
        <Field label="Fine-tuned prompt tokens" name="promptTokensFineTuned" inputMode="numeric" defaultValue={model?.promptTokensFineTuned ?? ""} error={fieldError("promptTokensFineTuned")} autoComplete="off" />
        <Field label="Base model prompt tokens" name="promptTokensBase" inputMode="numeric" defaultValue={model?.promptTokensBase ?? ""} error={fieldError("promptTokensBase")} autoComplete="off" />
      </fieldset>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy}>
          {model ? "Save model" : "Create model"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
