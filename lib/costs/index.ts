export { breakEven, type BreakEven, type BreakEvenInput } from "./break-even";
export { computeEstimate, type Estimate } from "./estimate";
export { inferenceCost, type InferenceCost, type InferenceVolumes } from "./inference";
export { monthlyPlan, type PlanInput, type PlannedMonth } from "./plan";
export { estimateInputSchema, priceOverridesSchema, usageSchema, type EstimateInput, type EstimateRequest } from "./schemas";
export { totalCostOfOwnership, type TotalCostOfOwnership, type TrainingInput } from "./tco";
export type { TokenCount, TokenVolume } from "./token-count";
export { billedTokensPerEpoch, defaultEpochs, trainingCost } from "./training";
