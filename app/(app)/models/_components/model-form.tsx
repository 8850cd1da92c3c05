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
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from "@/lib/pricing/providers";
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
  const [provider, setProvider] = useState<ProviderId | "">(() => options.catalog.find((m) => m.id === model?.baseModelId)?.provider ?? "");
  const [method, setMethod] = useState<string>(model?.trainingMethod ?? "SFT");
  const selected = options.catalog.find((m) => m.id === baseModel);
  const shownProvider = provider || selected?.provider || "";
  const providerInfo = shownProvider ? PROVIDERS[shownProvider] : null;
  const hourBilled = selected?.billingUnit === "training_hour" || method === "RFT";
  const usedProviders = PROVIDER_IDS.filter((id) => options.catalog.some((m) => m.provider === id));
  const [inferred, setInferred] = useState<string | null>(model?.providerModelId ? inferBase(model.providerModelId, options.catalog) : null);
  const [hyper, setHyper] = useState<Hyper[]>(() => {
    const rows = hyperRows(model?.hyperparameters);
    return rows.length ? rows : [{ key: "", value: "" }];
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);

  function onProviderIdChange(value: string) {
    const found = inferBase(value, options.catalog);
    // A provider already picked wins: an id naming another provider's model is the server's to refuse, with its reason.
    const base = found && (!provider || options.catalog.find((m) => m.id === found)?.provider === provider) ? found : null;
    setInferred(base);
    if (base) {
      setBaseModel(base);
      setProvider(options.catalog.find((m) => m.id === base)?.provider ?? "");
    }
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
      trainingMethod: String(form.get("trainingMethod") ?? "SFT"),
      fineTuneType: String(form.get("fineTuneType") ?? "LORA"),
      validationTokens: countOrNull(form.get("validationTokens")),
      evaluations: intOrNull(form.get("evaluations")),
      trainingHours: usdOrNull(form.get("trainingHours")),
      hostingSchedule: String(form.get("hostingSchedule") ?? "NONE"),
      trainedAt: textOrNull(form.get("trainedAt")),
      shutdownOn: textOrNull(form.get("shutdownOn")),
      invoicedTrainingCostUsd: usdOrNull(form.get("invoicedTrainingCostUsd")),
      datasetId: textOrNull(form.get("datasetId")),
      hyperparameters: named.length ? Object.fromEntries(named.map((h) => [h.key.trim(), hyperValue(h.value)])) : null,
      promptTokensFineTuned: intOrNull(form.get("promptTokensFineTuned")),
      promptTokensBase: intOrNull(form.get("promptTokensBase")),
    };
    const local = notNumbers(input, ["epochs", "evaluations", "promptTokensFineTuned", "promptTokensBase"]);
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
        <SelectField
          label="Provider"
          name="provider"
          value={shownProvider}
          onChange={(e) => {
            const next = e.target.value as ProviderId | "";
            setProvider(next);
            if (next && selected && selected.provider !== next) setBaseModel("");
          }}
          hint="Narrows the base models to one provider's"
        >
          <option value="">Any provider</option>
          {usedProviders.map((id) => (
            <option key={id} value={id}>
              {PROVIDERS[id].name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Base model" name="baseModel" value={baseModel} onChange={(e) => setBaseModel(e.target.value)} error={fieldError("baseModel")}>
          <option value="">{inferred ? "From the provider model id" : "Pick the base model"}</option>
          {usedProviders
            .filter((id) => !provider || id === provider)
            .map((id) => (
              <optgroup key={id} label={PROVIDERS[id].name}>
                {options.catalog
                  .filter((m) => m.provider === id)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.displayName ?? m.id}
                      {m.billingUnit === "training_hour" ? " (training billed per hour)" : ""}
                      {m.teamId ? " (your team's)" : ""}
                    </option>
                  ))}
              </optgroup>
            ))}
        </SelectField>
        <div className="sm:col-span-2">
          <Field
            label="Provider model id"
            name="providerModelId"
            placeholder={providerInfo?.modelIdExample ?? PROVIDERS.openai.modelIdExample}
            defaultValue={model?.providerModelId ?? ""}
            onChange={(e) => onProviderIdChange(e.target.value)}
            hint={hint("providerModelId", inferred ? `Fine-tune of ${inferred}` : `${providerInfo ? `${providerInfo.name}: ${providerInfo.modelIdHint}. ` : ""}Empty for a model not trained yet`)}
            error={fieldError("providerModelId")}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
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
        <SelectField label="Training method" name="trainingMethod" value={method} onChange={(e) => setMethod(e.target.value)} error={fieldError("trainingMethod")}>
          <option value="SFT">Supervised (SFT)</option>
          <option value="DPO">Preference (DPO)</option>
          <option value="RFT">Reinforcement (RFT, billed per hour)</option>
        </SelectField>
        <SelectField
          label="Adapter or full"
          name="fineTuneType"
          defaultValue={model?.fineTuneType ?? "LORA"}
          error={fieldError("fineTuneType")}
          hint={hint("fineTuneType", "Providers such as Together price full fine-tuning apart from LoRA")}
        >
          <option value="LORA">LoRA adapter</option>
          <option value="FULL">Full fine-tune</option>
        </SelectField>
        <Field
          label="Validation tokens"
          name="validationTokens"
          inputMode="numeric"
          defaultValue={groupDigits(model?.validationTokens)}
          hint={hint("validationTokens", "Billed × evaluations where the provider bills them (Together)")}
          error={fieldError("validationTokens")}
          autoComplete="off"
        />
        <Field
          label="Evaluations"
          name="evaluations"
          inputMode="numeric"
          defaultValue={model?.evaluations ?? ""}
          hint={hint("evaluations", "Blank: one per epoch")}
          error={fieldError("evaluations")}
          autoComplete="off"
        />
        {hourBilled && (
          <Field
            label="Training hours"
            name="trainingHours"
            inputMode="decimal"
            defaultValue={model?.trainingHours ?? ""}
            hint={hint("trainingHours", "This job is billed per training hour")}
            error={fieldError("trainingHours")}
            autoComplete="off"
          />
        )}
        <Field
          label="Trained at"
          name="trainedAt"
          type="date"
          defaultValue={model?.trainedAt ?? ""}
          hint={hint("trainedAt", "Prices in force that day give the computed cost")}
          error={fieldError("trainedAt")}
        />
        <Field
          label="Shutdown date — blank uses the base model's"
          name="shutdownOn"
          type="date"
          defaultValue={model?.shutdownOn ?? ""}
          hint={hint(
            "shutdownOn",
            selected?.lifecycle?.shutdownOn
              ? `The base model shuts down on ${selected.lifecycle.shutdownOn}; set a date only if this fine-tune stops earlier or later`
              : "The base model has no announced shutdown date",
          )}
          error={fieldError("shutdownOn")}
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

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-base font-semibold">Hosting</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400 sm:col-span-2">
          Deployments, dedicated endpoints and provisioned units bill per hour while they run. A month&apos;s hours come from its usage record when entered there,
          otherwise from this schedule, counted from the training day.
        </p>
        <SelectField label="Hosting schedule" name="hostingSchedule" defaultValue={model?.hostingSchedule ?? "NONE"} error={fieldError("hostingSchedule")}>
          <option value="NONE">None (serverless, or hours entered per month)</option>
          <option value="ALWAYS_ON">Always on (24 h a day)</option>
          <option value="BUSINESS_HOURS">Business hours (8 h a weekday, UTC)</option>
        </SelectField>
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
