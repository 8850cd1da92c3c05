export { baselineExpectation, expectation, type ActualMonth, type Expectation, type ExpectationInput, type ForecastKind } from "./expectation";
export { budgetCrossings, DEFAULT_BUDGET_THRESHOLDS, deviates, deviationPct, outsideInterval } from "./deviation";
export { addMonths, compareMonths, daysInMonth, monthOf, monthOrdinal, monthRange, monthsBetween, parseMonth } from "./month";
export { asOfDayInMonth, paceProjection } from "./pace";
export { planProjection, type PricesForMonth, type UsagePlanInput } from "./plan";
export { NORMAL_Q90, studentTQ90 } from "./student-t";
export {
  estimateToDecimalString,
  PREDICTION_LEVEL,
  TREND_MAX_OBSERVATIONS,
  TREND_MIN_OBSERVATIONS,
  trendForecast,
  type MonthlyCost,
  type TrendForecast,
  type TrendMethod,
  type TrendOptions,
} from "./trend";
