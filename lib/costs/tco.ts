import { type Decimal, toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { monthlyPlan, type PlanInput, type PlannedMonth } from "./plan";
import { countToDecimal, type TokenCount } from "./token-count";
import { trainingCost } from "./training";

/** A training job: training-file tokens, epochs, and optionally the validation file's tokens. */
export interface TrainingInput {
  tokens: TokenCount;
  epochs: TokenCount;
  validationTokens?: TokenCount;
}

/** Total cost of ownership, every sum exact. */
export interface TotalCostOfOwnership {
  trainingCostUsd: Decimal;
  /** Shown as its own line so users see it was counted and is free: validation files are not billed. */
  validation: { tokens: Decimal; costUsd: Decimal };
  months: PlannedMonth[];
  inferenceTotalUsd: Decimal;
  totalCostUsd: Decimal;
}

/** Training plus every planned month at fine-tuned prices, summed exactly (never from rounded values). */
export function totalCostOfOwnership({ training, plan, prices }: { training: TrainingInput; plan: PlanInput; prices: ModelPrices }): TotalCostOfOwnership {
  const trainingCostUsd = trainingCost({ tokens: training.tokens, epochs: training.epochs, prices });
  const months = monthlyPlan(plan, prices);
  const inferenceTotalUsd = months.reduce((sum, m) => sum.plus(m.costUsd), toDecimal(0));
  return {
    trainingCostUsd,
    validation: { tokens: countToDecimal(training.validationTokens ?? 0, "validationTokens"), costUsd: toDecimal(0) },
    months,
    inferenceTotalUsd,
    totalCostUsd: trainingCostUsd.plus(inferenceTotalUsd),
  };
}
