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

/** The days of a month a model still serves: `days` of the month's `of` days. */
export interface ServedShare {
  days: number;
  of: number;
}

/** What the planned months cost when each is cut to the days the model still serves. */
export interface CostUntilShutdown {
  months: { index: number; inferenceUsd: Decimal; fixedUsd: Decimal; costUsd: Decimal }[];
  inferenceTotalUsd: Decimal;
  fixedTotalUsd: Decimal;
  /** Training plus the served months. */
  totalCostUsd: Decimal;
}

/**
 * The TCO "until shutdown": month i's inference and fixed costs × days served ÷ days in the month (a month after the
 * shutdown costs nothing, the shutdown month its share). Volumes are spread evenly over a month, and hosting and
 * storage stop with the model. A partial month's ÷ days is the one rounding step (40 significant digits); whole and
 * empty months stay exact. `shares[i]` belongs to `months[i]`; a missing share means the whole month.
 */
export function costUntilShutdown(
  tco: { trainingCostUsd: DecimalInput; months: readonly { index: number; inferenceUsd: DecimalInput; fixedUsd: DecimalInput }[] },
  shares: readonly ServedShare[],
): CostUntilShutdown {
  const scale = (value: DecimalInput, share: ServedShare | undefined) => {
    const v = toDecimal(value);
    if (share === undefined || share.days === share.of) return v;
    if (!Number.isInteger(share.days) || share.days < 0 || share.days > share.of) throw new RangeError(`Served days must be 0..${share.of}, got ${share.days}`);
    return share.days === 0 ? toDecimal(0) : v.times(share.days).div(share.of);
  };
  const months = tco.months.map((m, i) => {
    const inferenceUsd = scale(m.inferenceUsd, shares[i]);
    const fixedUsd = scale(m.fixedUsd, shares[i]);
    return { index: m.index, inferenceUsd, fixedUsd, costUsd: inferenceUsd.plus(fixedUsd) };
  });
  const inferenceTotalUsd = months.reduce((sum, m) => sum.plus(m.inferenceUsd), toDecimal(0));
  const fixedTotalUsd = months.reduce((sum, m) => sum.plus(m.fixedUsd), toDecimal(0));
  return { months, inferenceTotalUsd, fixedTotalUsd, totalCostUsd: toDecimal(tco.trainingCostUsd).plus(inferenceTotalUsd).plus(fixedTotalUsd) };
}
