import { type Decimal, type DecimalInput, toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { monthlyPlan, type PlanInput, type PlannedMonth } from "./plan";
import { countToDecimal, type TokenCount } from "./token-count";
import { trainingJobCost, type FineTuneType, type TrainingJobCost } from "./training";

/** A training job: training-file tokens, epochs, and optionally the validation file's tokens. */
export interface TrainingInput {
  tokens: TokenCount;
  epochs: TokenCount;
  validationTokens?: TokenCount;
  evaluations?: TokenCount;
  method?: "sft" | "dpo";
  fineTuneType?: FineTuneType;
}

/** What a fine-tune costs each month just for existing: hosting hours × the hourly rate, plus storage. */
export interface FixedMonthly {
  hostingHours?: DecimalInput;
}

/** A projected month with its inference and fixed parts; costUsd is their sum. */
export type TcoMonth = PlannedMonth & { inferenceUsd: Decimal; fixedUsd: Decimal };

/** Total cost of ownership, every sum exact. */
export interface TotalCostOfOwnership {
  trainingCostUsd: Decimal;
  /** The training job's parts (rate used, validation, minimum charge). */
  training: TrainingJobCost;
  /** Shown as its own line: free where the provider does not bill validation files (OpenAI), billed where it does (Together). */
  validation: { tokens: Decimal; costUsd: Decimal };
  /** Hosting and storage per month: the same every month (a deployment's hours do not grow with traffic). */
  fixedMonthlyUsd: Decimal;
  months: TcoMonth[];
  inferenceTotalUsd: Decimal;
  fixedTotalUsd: Decimal;
  totalCostUsd: Decimal;
}

/** Training plus every planned month at fine-tuned prices, summed exactly (never from rounded values). */
export function totalCostOfOwnership({
  training,
  plan,
  prices,
  fixed = {},
}: {
  training: TrainingInput;
  plan: PlanInput;
  prices: ModelPrices;
  fixed?: FixedMonthly;
}): TotalCostOfOwnership {
  const job = trainingJobCost(
    {
      tokens: training.tokens,
      epochs: training.epochs,
      method: training.method ?? "sft",
      fineTuneType: training.fineTuneType ?? "lora",
      validationTokens: training.validationTokens,
      evaluations: training.evaluations,
    },
    prices,
  );
  const hostingHours = toDecimal(fixed.hostingHours ?? 0);
  if (hostingHours.lt(0)) throw new RangeError("hostingHours must not be negative");
  const fixedMonthlyUsd = hostingHours.times(prices.hostingPerHourUsd ?? 0).plus(prices.storagePerMonthUsd ?? 0);
  const months = monthlyPlan(plan, prices).map((m): TcoMonth => ({ ...m, inferenceUsd: m.costUsd, fixedUsd: fixedMonthlyUsd, costUsd: m.costUsd.plus(fixedMonthlyUsd) }));
  const inferenceTotalUsd = months.reduce((sum, m) => sum.plus(m.inferenceUsd), toDecimal(0));
  const fixedTotalUsd = fixedMonthlyUsd.times(months.length);
  return {
    trainingCostUsd: job.totalUsd,
    training: job,
    validation: { tokens: countToDecimal(training.validationTokens ?? 0, "validationTokens"), costUsd: job.validationUsd },
    fixedMonthlyUsd,
    months,
    inferenceTotalUsd,
    fixedTotalUsd,
    totalCostUsd: job.totalUsd.plus(inferenceTotalUsd).plus(fixedTotalUsd),
  };
}
