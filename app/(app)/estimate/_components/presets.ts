import { ARTICLE_PRICE_SET } from "@/lib/pricing/seed-catalog";
import type { CalculatorForm } from "@/lib/estimates/form";

/** One of the source article's worked examples, priced with its own price set. */
export interface Preset {
  label: string;
  summary: string;
  /** Overrides of the blank form; `model` is an alias the catalog resolves. */
  form: Partial<CalculatorForm>;
}

// The article gives only training and monthly volumes. The break-even figures split each month into requests of
// 300 in / 900 out (startup) or 150 in / 450 out tokens, so the fine-tuned line meets the article's totals, and give
// the base model a 4× longer prompt: an assumption, shown on the page, not the article's.
const ARTICLE = { priceSet: ARTICLE_PRICE_SET, epochs: "1", period: "month", cachedInputTokens: "", daysPerMonth: "30", monthlyGrowthPct: "0", retryBufferPct: "0", months: "12" };

export const PRESETS: readonly Preset[] = [
  {
    label: "Startup MVP",
    summary: "gpt-4o-mini · 100K training tokens · 0.3M in + 0.9M out a month",
    form: {
      ...ARTICLE,
      model: "gpt-4o-mini",
      trainingTokens: "100000",
      inputTokens: "300000",
      outputTokens: "900000",
      requestsPerMonth: "1000",
      fineTunedPromptTokens: "300",
      basePromptTokens: "1200",
      requestOutputTokens: "900",
    },
  },
  {
    label: "Production app",
    summary: "gpt-4o-mini · 1M training tokens · 150M in + 450M out a month",
    form: {
      ...ARTICLE,
      model: "gpt-4o-mini",
      trainingTokens: "1000000",
      inputTokens: "150000000",
      outputTokens: "450000000",
      requestsPerMonth: "1000000",
      fineTunedPromptTokens: "150",
      basePromptTokens: "600",
      requestOutputTokens: "450",
    },
  },
  {
    label: "Enterprise",
    summary: "gpt-4o · 5M training tokens · 1.5B in + 4.5B out a month",
    form: {
      ...ARTICLE,
      model: "gpt-4o",
      trainingTokens: "5000000",
      inputTokens: "1500000000",
      outputTokens: "4500000000",
      requestsPerMonth: "10000000",
      fineTunedPromptTokens: "150",
      basePromptTokens: "600",
      requestOutputTokens: "450",
    },
  },
];
