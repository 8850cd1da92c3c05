import { isTrainableOn, type CatalogLifecycle } from "@/lib/lifecycle/dates";

/**
 * The Estimate page's inputs as typed (strings, so a half-typed value survives and the URL can carry it), their URL
 * query form, and their translation to the calculator's input. Shared by the server page and the client form.
 */
export interface CalculatorForm {
  /** A catalog model id, or CUSTOM_PRICES. */
  model: string;
  priceSet: string;
  trainingPerMTok: string;
  inputPerMTok: string;
  cachedInputPerMTok: string;
  outputPerMTok: string;
  baseInputPerMTok: string;
  baseCachedInputPerMTok: string;
  baseOutputPerMTok: string;
  hostingPerHourUsd: string;
  storagePerMonthUsd: string;
  trainingTokens: string;
  epochs: string;
  trainingMethod: string;
  fineTuneType: string;
  validationTokens: string;
  evaluations: string;
  /** "YYYY-MM-DD"; blank: today (UTC), decided by the server. */
  trainingOn: string;
  /** "YYYY-MM"; blank: the training day's month. */
  firstMonth: string;
  hostingHoursPerMonth: string;
  period: string;
  inputTokens: string;
  cachedInputTokens: string;
  outputTokens: string;
  daysPerMonth: string;
  monthlyGrowthPct: string;
  retryBufferPct: string;
  months: string;
  basePromptTokens: string;
  fineTunedPromptTokens: string;
  requestOutputTokens: string;
  requestsPerMonth: string;
}

export type FormField = keyof CalculatorForm;

export const CUSTOM_PRICES = "custom";

export const PRICE_FIELDS = [
  "trainingPerMTok",
  "inputPerMTok",
  "cachedInputPerMTok",
  "outputPerMTok",
  "baseInputPerMTok",
  "baseCachedInputPerMTok",
  "baseOutputPerMTok",
  "hostingPerHourUsd",
  "storagePerMonthUsd",
] as const satisfies readonly FormField[];

const BREAK_EVEN_FIELDS = ["basePromptTokens", "fineTunedPromptTokens", "requestOutputTokens", "requestsPerMonth"] as const satisfies readonly FormField[];

/** Where the calculator's validation puts each form field's errors (zod's dotted paths). */
export const FIELD_PATHS: Record<FormField, string> = {
  model: "baseModel",
  priceSet: "priceSet",
  ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, `prices.${f}`])) as Record<(typeof PRICE_FIELDS)[number], string>),
  trainingTokens: "training.tokens",
  epochs: "training.epochs",
  trainingMethod: "training.method",
  fineTuneType: "training.fineTuneType",
  validationTokens: "training.validationTokens",
  evaluations: "training.evaluations",
  trainingOn: "trainingOn",
  firstMonth: "firstMonth",
  hostingHoursPerMonth: "hostingHoursPerMonth",
  period: "usage.period",
  inputTokens: "usage.inputTokens",
  cachedInputTokens: "usage.cachedInputTokens",
  outputTokens: "usage.outputTokens",
  daysPerMonth: "daysPerMonth",
  monthlyGrowthPct: "monthlyGrowthPct",
  retryBufferPct: "retryBufferPct",
  months: "months",
  basePromptTokens: "breakEven.basePromptTokens",
  fineTunedPromptTokens: "breakEven.fineTunedPromptTokens",
  requestOutputTokens: "breakEven.outputTokens",
  requestsPerMonth: "breakEven.requestsPerMonth",
};

/** A blank calculator on `model` priced from `priceSet`, with the engine's defaults filled in so they are visible. */
export function defaultForm(model: string, priceSet: string): CalculatorForm {
  return {
    model,
    priceSet,
    ...(Object.fromEntries(PRICE_FIELDS.map((f) => [f, ""])) as Record<(typeof PRICE_FIELDS)[number], string>),
    trainingTokens: "",
    epochs: "3",
    trainingMethod: "sft",
    fineTuneType: "lora",
    validationTokens: "",
    evaluations: "",
    trainingOn: "",
    firstMonth: "",
    hostingHoursPerMonth: "",
    period: "month",
    inputTokens: "",
    cachedInputTokens: "",
    outputTokens: "",
    daysPerMonth: "30",
    monthlyGrowthPct: "0",
    retryBufferPct: "0",
    months: "12",
    basePromptTokens: "",
    fineTunedPromptTokens: "",
    requestOutputTokens: "",
    requestsPerMonth: "",
  };
}

/**
 * The model a blank calculator starts on: `preferred` (an id or alias) while it can be trained on `today`, else the first
 * per-token model that can, so a blank page never opens on a refusal.
 */
export function defaultModelId(
  models: readonly { id: string; aliases: readonly string[]; billingUnit: string; lifecycle: Pick<CatalogLifecycle, "trainingEndsOn" | "shutdownOn"> | null }[],
  preferred: string,
  today: string,
): string {
  const trainable = models.filter((m) => m.billingUnit === "token" && (m.lifecycle === null || isTrainableOn(m.lifecycle, today)));
  return (trainable.find((m) => m.id === preferred || m.aliases.includes(preferred)) ?? trainable[0])?.id ?? preferred;
}

type Query = Record<string, string | string[] | undefined>;

/** True when the URL carries at least one calculator input, i.e. it is a shared or reloaded estimate. */
export function hasFormInputs(query: Query, defaults: CalculatorForm): boolean {
  return Object.keys(defaults).some((key) => typeof query[key] === "string");
}

/** The form a URL describes: its values over `defaults`; a model alias selects its catalog id. */
export function formFromQuery(query: Query, defaults: CalculatorForm, models: readonly { id: string; aliases: readonly string[] }[]): CalculatorForm {
  const form = { ...defaults };
  for (const key of Object.keys(defaults) as FormField[]) {
    const value = query[key];
    if (typeof value === "string") form[key] = value;
  }
  const name = form.model.toLowerCase();
  form.model = models.find((m) => m.id.toLowerCase() === name || m.aliases.some((a) => a.toLowerCase() === name))?.id ?? form.model;
  return form;
}

/** The URL query for a form: every filled field, so a shared link reproduces the estimate even if defaults change. */
export function formToQuery(form: CalculatorForm): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value.trim() !== "") params.set(key, value.trim());
  return params.toString();
}

/**
 * The calculator input for a form. Counts accept "1,000,000"; anything that is not a number is passed on as typed so
 * the server's validation names the field, and blanks are left out so defaults (or "Required") apply.
 */
export function formToInput(form: CalculatorForm): Record<string, unknown> {
  const custom = form.model === CUSTOM_PRICES;
  const prices = Object.fromEntries(PRICE_FIELDS.flatMap((f) => (form[f].trim() === "" ? [] : [[f, form[f].trim()]])));
  const wantsBreakEven = BREAK_EVEN_FIELDS.some((f) => form[f].trim() !== "");
  return {
    baseModel: custom ? undefined : text(form.model),
    priceSet: custom ? undefined : text(form.priceSet),
    prices: Object.keys(prices).length > 0 ? prices : undefined,
    training: {
      tokens: count(form.trainingTokens),
      epochs: count(form.epochs),
      method: text(form.trainingMethod),
      fineTuneType: text(form.fineTuneType),
      validationTokens: count(form.validationTokens),
      evaluations: count(form.evaluations),
    },
    trainingOn: text(form.trainingOn),
    firstMonth: text(form.firstMonth),
    hostingHoursPerMonth: text(form.hostingHoursPerMonth.replace(/[\s,_]/g, "")),
    usage: {
      period: form.period,
      inputTokens: count(form.inputTokens),
      cachedInputTokens: count(form.cachedInputTokens),
      outputTokens: count(form.outputTokens),
    },
    months: count(form.months),
    daysPerMonth: count(form.daysPerMonth),
    monthlyGrowthPct: text(form.monthlyGrowthPct),
    retryBufferPct: text(form.retryBufferPct),
    breakEven: wantsBreakEven
      ? {
          basePromptTokens: count(form.basePromptTokens),
          fineTunedPromptTokens: count(form.fineTunedPromptTokens),
          outputTokens: count(form.requestOutputTokens),
          requestsPerMonth: count(form.requestsPerMonth),
        }
      : undefined,
  };
}

function text(value: string): string | undefined {
  const v = value.trim();
  return v === "" ? undefined : v;
}

function count(value: string): number | string | undefined {
  const v = value.replace(/[\s,_]/g, "");
  if (v === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : value.trim();
}
