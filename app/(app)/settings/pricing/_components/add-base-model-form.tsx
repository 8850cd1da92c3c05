"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { createTeamBaseModelAction } from "@/lib/pricing/actions";
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from "@/lib/pricing/providers";
import { TOKENIZER_IDS, TOKENIZER_LABELS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import { CheckboxField, PriceInputs, readPriceInputs } from "./price-inputs";

// Input names carry this prefix: the dated-price form on the same page uses the bare names (and so the same ids).
const P = "new-";

type Billing = "token" | "training_hour";

/** A sensible first tokenizer per provider; the team can pick another. */
const DEFAULT_TOKENIZER: Record<ProviderId, TokenizerId> = {
  openai: "o200k_base",
  "azure-openai": "o200k_base",
  "vertex-ai": "gemini",
  bedrock: "llama3",
  together: "llama3",
  fireworks: "llama3",
  mistral: "llama3",
  "self-hosted": "llama3",
};

/** Adds a base model of the team's own (a self-hosted model on its GPUs, or a provider model the catalog lacks) with its first price. */
export function AddBaseModelForm({ today }: { today: string }) {
  const router = useRouter();
  const headingId = useId();
  const [provider, setProvider] = useState<ProviderId>("self-hosted");
  const [tokenizer, setTokenizer] = useState<TokenizerId>(DEFAULT_TOKENIZER["self-hosted"]);
  const [billing, setBilling] = useState<Billing>("training_hour");
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a success so the form starts empty again.
  const [round, setRound] = useState(0);

  function changeProvider(next: ProviderId) {
    setProvider(next);
    setTokenizer(DEFAULT_TOKENIZER[next]);
    // Self-hosted GPUs are costed by the hour; every provider in the catalog bills fine-tuning per token.
    setBilling(next === "self-hosted" ? "training_hour" : "token");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(`${P}${name}`) ?? "");
    const input = {
      provider,
      displayName: text("displayName"),
      providerModelName: text("providerModelName"),
      tokenizer,
      tokenizerExact: form.get(`${P}tokenizerExact`) === "on",
      trainingContextLimit: text("trainingContextLimit"),
      trainingBilling: billing,
      effectiveFrom: text("effectiveFrom"),
      note: text("note"),
      ...readPriceInputs(form, P),
    };
    setBusy(true);
    setMessage(null);
    setFields({});
    const result = await createTeamBaseModelAction(input);
    setBusy(false);
    if (!result.ok) {
      setFields(result.fields ?? {});
      setMessage({ tone: "error", text: result.message });
      return;
    }
    setMessage({
      tone: "info",
      text: `Added ${input.displayName} (${result.data.id}) under ${PROVIDERS[provider].name}. It can now be picked as a base model.`,
    });
    setRound((r) => r + 1);
    changeProvider(provider);
    router.refresh();
  }

  const err = (name: string) => fields[name]?.[0];
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id={headingId} className="text-base font-semibold">
        Add your own base model
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        A model you run on your own GPUs, or a provider&apos;s model the catalog lacks. Only your team sees it; it can then
        be picked as the base model of a fine-tune and in estimates. A self-hosted model billed per training hour is
        costed from your GPU-hour rates: training hours, and the hours it is served.
      </p>
      <form aria-labelledby={headingId} onSubmit={onSubmit} className="mt-4 space-y-5" noValidate key={round}>
        {message && <AlertBox tone={message.tone}>{message.text}</AlertBox>}
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Provider" name={`${P}provider`} value={provider} onChange={(e) => changeProvider(e.target.value as ProviderId)} error={err("provider")}>
            {PROVIDER_IDS.map((id) => (
              <option key={id} value={id}>
                {PROVIDERS[id].name}
              </option>
            ))}
          </SelectField>
          <Field label="Display name" name={`${P}displayName`} placeholder="e.g. Llama 3.1 8B on our A100s" autoComplete="off" error={err("displayName")} />
          <Field
            label="Provider's model name"
            name={`${P}providerModelName`}
            placeholder="e.g. meta-llama/Llama-3.1-8B-Instruct"
            autoComplete="off"
            hint="As the provider or your registry writes it; no spaces"
            error={err("providerModelName")}
          />
          <SelectField label="Tokenizer" name={`${P}tokenizer`} value={tokenizer} onChange={(e) => setTokenizer(e.target.value as TokenizerId)} error={err("tokenizer")}>
            {TOKENIZER_IDS.map((id) => (
              <option key={id} value={id}>
                {TOKENIZER_LABELS[id]}
              </option>
            ))}
          </SelectField>
          <div className="sm:pt-7">
            <CheckboxField
              name={`${P}tokenizerExact`}
              label="It is the model's own tokenizer"
              hint="Unticked: a stand-in, token counts are marked estimated"
              defaultChecked
              error={err("tokenizerExact")}
            />
          </div>
          <Field
            label="Context limit (tokens per example)"
            name={`${P}trainingContextLimit`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="e.g. 8192"
            hint="Empty: not known"
            error={err("trainingContextLimit")}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Training is billed</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name={`${P}trainingBilling`} value="token" checked={billing === "token"} onChange={() => setBilling("token")} />
              Per token (× epochs)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={`${P}trainingBilling`} value="training_hour" checked={billing === "training_hour"} onChange={() => setBilling("training_hour")} />
              Per training hour (GPU-hours)
            </label>
          </div>
          {err("trainingBilling") && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{err("trainingBilling")}</p>}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Prices effective from" name={`${P}effectiveFrom`} type="date" required defaultValue={today} error={err("effectiveFrom")} />
          <Field label="Price note" name={`${P}note`} placeholder="e.g. internal GPU chargeback 2026" autoComplete="off" error={err("note")} />
        </div>
        <PriceInputs prefix={P} hourly={billing === "training_hour"} selfHosted={provider === "self-hosted"} defaults={null} errors={fields} />
        <Button type="submit" busy={busy}>
          {busy ? "Adding…" : "Add base model"}
        </Button>
      </form>
    </section>
  );
}
