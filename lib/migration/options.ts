import { FIXED_COST_SCALE, monthCost, trainingJobCost, type HostingSchedule } from "@/lib/costs";
import { addMonths, monthRange } from "@/lib/forecast/month";
import { daysBetween, servingDays } from "@/lib/lifecycle/dates";
import { Decimal, formatPriceUsd, formatUsd, toDecimal, toDecimalString } from "@/lib/money/decimal";
import { providerName } from "@/lib/pricing/providers";
import type { ModelPrices } from "@/lib/pricing/types";

// Pure: prices one fine-tune's observed workload on every candidate base model (issue #15, the migration planner).
// No Prisma, no framework. Money stays Decimal until the result, where it becomes exact decimal strings.
//
// Rules that shape the figures (docs/decisions/019-migration-planner.md):
// - Token ratio = the dataset counted with the candidate's tokenizer ÷ counted with the current model's, rounded half-up
//   to RATIO_SCALE decimals (the one rounding step of volumes: a measured ratio is not more precise than that).
// - Training = the dataset's billed tokens per epoch under the candidate's tokenizer × epochs at the candidate's rate
//   of the model's method and type, validation where billed, topped up to the minimum charge (trainingJobCost).
// - A month = the observed monthly averages × the ratio, priced by monthCost for a whole month (storage in full).
// - Hosting hours of a candidate that bills hosting: the model's observed average hosting hours when it recorded any,
//   else its schedule's hours in a typical month (ALWAYS_ON 730 h = 24 × 365 ÷ 12, BUSINESS_HOURS 174 h =
//   8 × 261 weekdays ÷ 12), and ALWAYS_ON when the schedule is NONE: a provider that bills hosting (Azure
//   deployments, Together / Fireworks dedicated endpoints, Bedrock provisioned throughput) serves a fine-tune only while
//   it is deployed.
// - Next 12 months = training + 12 × the month. Difference = the candidate's month − the current model's observed
//   average month (negative: the move saves money).
// - Cost until shutdown = the current model's observed average month × Σ (days it still serves ÷ days in the month),
//   from today (included) to the day before its shutdown, rounded half-up to FIXED_COST_SCALE (10) places.

/** Decimals kept of the token ratio between two tokenizers. */
export const RATIO_SCALE = 6;
/** Hours of a typical month for a hosting schedule (see the rules above). */
export const TYPICAL_MONTH_HOURS: Readonly<Record<HostingSchedule, number>> = { none: 0, always_on: 730, business_hours: 174 };
/** Months the "next 12 months" total covers. */
export const HORIZON_MONTHS = 12;

/** Counts of one training file under one tokenizer. */
export interface TokenizerCounts {
  total: bigint;
  billedPerEpoch: bigint;
  assistant: bigint;
}

/** The model's saved dataset: its own counts (under `encoding`) and the same file under other tokenizers. */
export interface DatasetCounts {
  encoding: string;
  own: TokenizerCounts;
  epochs: number;
  /** Dataset.tokenCounts: exact counts under other tokenizers; absent ones are estimated. */
  byTokenizer: Readonly<Record<string, TokenizerCounts>>;
}

/** The model being moved off. */
export interface CurrentModel {
  id: string;
  displayName: string;
  baseModelId: string;
  provider: string;
  encoding: string;
  tokenizerExact: boolean;
  /** The model's own shutdown date, else its base model's (modelLifecycle); null: none known. */
  shutdownOn: string | null;
  trainingTokens: bigint | null;
  epochs: number | null;
  method: "sft" | "dpo" | "rft";
  fineTuneType: "lora" | "full";
  validationTokens: bigint | null;
  evaluations: number | null;
  hostingSchedule: HostingSchedule;
  dataset: DatasetCounts | null;
}

/** One month of the model's recorded usage (a window month with no record counts as zero). */
export interface WindowRecord {
  month: string;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  batchInputTokens: bigint;
  batchOutputTokens: bigint;
  hostingHours: Decimal | null;
  costUsd: Decimal;
  fixedCostUsd: Decimal;
}

/** Monthly averages over the window, exact Decimals. */
export interface Workload {
  from: string;
  to: string;
  months: number;
  /** Months of the window with a usage record. */
  recordedMonths: number;
  inputTokens: Decimal;
  cachedInputTokens: Decimal;
  outputTokens: Decimal;
  batchInputTokens: Decimal;
  batchOutputTokens: Decimal;
  /** Average hours entered on the records; null when no record of the window gives hours. */
  hostingHours: Decimal | null;
  costUsd: Decimal;
  fixedCostUsd: Decimal;
}

/** A candidate base model and the prices in force for the team today (null: none in the team's price set). */
export interface Candidate {
  id: string;
  provider: string;
  displayName: string;
  encoding: string;
  tokenizerExact: boolean;
  trainingContextLimit: number | null;
  maxEpochs: number | null;
  billingUnit: "token" | "training_hour";
  teamOwned: boolean;
  /** The candidate's own shutdown day, if announced. */
  shutdownOn: string | null;
  prices: ModelPrices | null;
}

/** A priced candidate; every money value an exact decimal string. */
export interface MigrationOption {
  modelId: string;
  displayName: string;
  provider: string;
  providerName: string;
  tokenizer: string;
  contextLength: number | null;
  teamOwned: boolean;
  /** The candidate's announced shutdown day: a move target that retires within the horizon needs another move. */
  shutdownOn: string | null;
  /** True when a count or the ratio is not exact (no recount under this tokenizer, or a stand-in tokenizer). */
  estimated: boolean;
  tokenRatio: string;
  tokenRatioExact: boolean;
  training: {
    tokensPerEpoch: string;
    epochs: number;
    trainedTokens: string;
    rateField: string;
    rate: string;
    validationUsd: string;
    minimumTopUpUsd: string;
    totalUsd: string;
  };
  monthly: {
    inputTokens: string;
    cachedInputTokens: string;
    outputTokens: string;
    batchInputTokens: string;
    batchOutputTokens: string;
    inferenceUsd: string;
    hostingHours: string;
    hostingUsd: string;
    storageUsd: string;
    fixedUsd: string;
    totalUsd: string;
  };
  next12MonthsUsd: string;
  /** The parts of next12MonthsUsd, for the stacked chart: training + 12 × inference + 12 × fixed. */
  next12Months: { trainingUsd: string; inferenceUsd: string; fixedUsd: string };
  /** monthly.totalUsd − the current model's observed month: negative saves money. */
  monthlyDifferenceUsd: string;
  explanations: { tokenRatio: string; training: string; inference: string; fixed: string; next12Months: string; monthlyDifference: string };
}

/** A candidate that could not be priced, and why. */
export interface UnpricedCandidate {
  modelId: string;
  displayName: string;
  provider: string;
  reason: string;
}

/** The current model's side of the comparison. */
export interface CurrentSummary {
  modelId: string;
  displayName: string;
  baseModelId: string;
  provider: string;
  shutdownOn: string | null;
  /** Days from today to the shutdown day (0 once it has shut down); null without a date. */
  daysUntilShutdown: number | null;
  monthlyUsd: string;
  monthlyInferenceUsd: string;
  monthlyFixedUsd: string;
  /** Null without a shutdown date (it would have no end). */
  costUntilShutdownUsd: string | null;
  explanations: { monthly: string; costUntilShutdown: string };
}

export interface MigrationPlan {
  today: string;
  window: { from: string; to: string; months: number; recordedMonths: number };
  workload: { inputTokens: string; cachedInputTokens: string; outputTokens: string; batchInputTokens: string; batchOutputTokens: string; hostingHours: string | null };
  current: CurrentSummary;
  options: MigrationOption[];
  unpriced: UnpricedCandidate[];
}

/** Monthly averages of the window's records: Σ ÷ months in the window (a month without a record counts as zero). */
export function averageWorkload(records: readonly WindowRecord[], window: { from: string; to: string }): Workload {
  const months = monthRange(window.from, window.to);
  if (months.length === 0) throw new RangeError(`The window ${window.from}…${window.to} has no month`);
  const inWindow = records.filter((r) => months.includes(r.month));
  const sum = (pick: (r: WindowRecord) => Decimal | bigint) => inWindow.reduce((acc, r) => acc.plus(toDecimal(pick(r))), toDecimal(0));
  const n = months.length;
  const withHours = inWindow.filter((r) => r.hostingHours !== null);
  return {
    from: window.from,
    to: window.to,
    months: n,
    recordedMonths: inWindow.length,
    inputTokens: sum((r) => r.inputTokens).div(n),
    cachedInputTokens: sum((r) => r.cachedInputTokens).div(n),
    outputTokens: sum((r) => r.outputTokens).div(n),
    batchInputTokens: sum((r) => r.batchInputTokens).div(n),
    batchOutputTokens: sum((r) => r.batchOutputTokens).div(n),
    hostingHours: withHours.length === 0 ? null : sum((r) => r.hostingHours ?? toDecimal(0)).div(n),
    costUsd: sum((r) => r.costUsd).div(n),
    fixedCostUsd: sum((r) => r.fixedCostUsd).div(n),
  };
}

/** The last `count` complete months before today's: lastCompleteMonths("2026-12-07", 3) → 2026-09…2026-11. */
export function lastCompleteMonths(today: string, count = 3): { from: string; to: string } {
  const to = addMonths(today.slice(0, 7), -1);
  return { from: addMonths(to, -(count - 1)), to };
}

/** The dataset's counts under a tokenizer, and whether they were counted with it (exact) or stand in for it. */
function countsFor(dataset: DatasetCounts, tokenizer: string): { counts: TokenizerCounts; counted: boolean } {
  if (tokenizer === dataset.encoding) return { counts: dataset.own, counted: true };
  const other = dataset.byTokenizer[tokenizer];
  if (other) return { counts: other, counted: true };
  return { counts: dataset.own, counted: false };
}

const str = toDecimalString;
const tokensText = (d: Decimal) => toDecimalString(d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
/** A count for the explanations: whole tokens, grouped ("33,000,000"). */
const shown = (n: bigint | Decimal) => (typeof n === "bigint" ? n : BigInt(tokensText(n))).toLocaleString("en-US");

/** Prices the workload on every candidate; `today` is "YYYY-MM-DD". Options come cheapest (next 12 months) first. */
export function planMigration(input: { today: string; current: CurrentModel; workload: Workload; candidates: readonly Candidate[] }): MigrationPlan {
  const { today, current, workload } = input;
  const zero = toDecimal(0);
  const monthlyFixed = workload.fixedCostUsd;
  const monthlyInference = workload.costUsd.minus(monthlyFixed);
  const currentSummary = summarizeCurrent(current, workload, today, monthlyInference, monthlyFixed);
  const options: MigrationOption[] = [];
  const unpriced: UnpricedCandidate[] = [];
  // A typical whole month for monthCost: storage in full, no as-of day; its length does not matter (hours are given).
  const referenceMonth = addMonths(today.slice(0, 7), 1);

  for (const c of input.candidates) {
    const skip = (reason: string) => unpriced.push({ modelId: c.id, displayName: c.displayName, provider: c.provider, reason });
    if (!c.prices) {
      skip("No price in force today in your team's price set.");
      continue;
    }
    if (c.billingUnit === "training_hour" || c.prices.billingUnit !== "token") {
      skip("Training is billed per hour here, not per token: enter the expected hours on the Estimate page.");
      continue;
    }
    if (current.method === "rft") {
      skip("Reinforcement fine-tuning is billed per training hour: the planner cannot re-count it.");
      continue;
    }

    // $0 tokens and no fixed rate: the catalog lists no serving price (a base served only on a dedicated endpoint whose
    // rate is unknown). Listing it as the cheapest option would mislead.
    const p = c.prices;
    if (p.inputPerMTok.isZero() && p.outputPerMTok.isZero() && !p.hostingPerHourUsd && !p.storagePerMonthUsd) {
      skip("No serving price listed (its tokens cost $0 and no hosting fee is given): enter a team price to compare it.");
      continue;
    }

    // Tokens under the candidate's tokenizer.
    let tokensPerEpoch: bigint;
    let ratio = toDecimal(1);
    let ratioExact: boolean;
    let ratioText: string;
    const sameTokenizer = c.encoding === current.encoding;
    if (current.dataset) {
      const mine = countsFor(current.dataset, current.encoding);
      const theirs = countsFor(current.dataset, c.encoding);
      tokensPerEpoch = theirs.counts.billedPerEpoch;
      if (sameTokenizer) {
        ratioExact = true;
        ratioText = `Same tokenizer as ${current.baseModelId} (${c.encoding}): ratio 1.`;
      } else if (mine.counted && theirs.counted && mine.counts.total > 0n) {
        ratio = toDecimal(theirs.counts.total).div(toDecimal(mine.counts.total)).toDecimalPlaces(RATIO_SCALE, Decimal.ROUND_HALF_UP);
        ratioExact = true;
        ratioText = `The dataset counts ${shown(theirs.counts.total)} tokens with ${c.encoding} and ${shown(mine.counts.total)} with ${current.encoding}: ratio ${str(ratio)} (rounded to ${RATIO_SCALE} decimals), applied to every volume.`;
      } else {
        ratioExact = false;
        ratioText = `The dataset was not counted with ${c.encoding}: ratio 1 assumed and the stored ${current.encoding} count used (estimated).`;
      }
    } else {
      tokensPerEpoch = current.trainingTokens ?? 0n;
      ratioExact = sameTokenizer;
      ratioText = sameTokenizer
        ? `Same tokenizer as ${current.baseModelId} (${c.encoding}): ratio 1.`
        : `No saved dataset to re-count: ratio 1 assumed and the model's stored training tokens used (estimated).`;
    }
    const estimated = !ratioExact || !c.tokenizerExact || !current.tokenizerExact;
    if (ratioExact && (!c.tokenizerExact || !current.tokenizerExact)) ratioText += ` ${c.tokenizerExact ? current.encoding : c.encoding} stands in for a tokenizer no package ships, so counts are estimated.`;

    // Training.
    const wantedEpochs = current.epochs ?? current.dataset?.epochs ?? 1;
    const epochs = c.maxEpochs !== null && wantedEpochs > c.maxEpochs ? c.maxEpochs : wantedEpochs;
    const validationTokens = current.validationTokens === null ? 0n : BigInt(tokensText(toDecimal(current.validationTokens).times(ratio)));
    let job;
    try {
      job = trainingJobCost(
        {
          tokens: tokensPerEpoch,
          epochs,
          method: current.method,
          fineTuneType: current.fineTuneType,
          validationTokens,
          evaluations: current.evaluations ?? undefined,
        },
        c.prices,
      );
    } catch (e) {
      skip((e as Error).message);
      continue;
    }

    // One month of the workload on the candidate.
    const scaled = {
      inputTokens: workload.inputTokens.times(ratio),
      cachedInputTokens: workload.cachedInputTokens.times(ratio),
      outputTokens: workload.outputTokens.times(ratio),
      batchInputTokens: workload.batchInputTokens.times(ratio),
      batchOutputTokens: workload.batchOutputTokens.times(ratio),
    };
    const billsHosting = c.prices.hostingPerHourUsd !== null && c.prices.hostingPerHourUsd !== undefined;
    const { hours, hoursText } = hostingHoursFor(current, workload, billsHosting);
    let month;
    try {
      month = monthCost({ ...scaled, hostingHours: hours }, c.prices, { month: referenceMonth });
    } catch (e) {
      skip((e as Error).message);
      continue;
    }
    const inferenceUsd = month.usageUsd;
    const fixedUsd = month.fixedUsd;
    const monthTotal = inferenceUsd.plus(fixedUsd);
    const next12 = job.totalUsd.plus(monthTotal.times(HORIZON_MONTHS));
    const difference = monthTotal.minus(workload.costUsd);

    const epochsNote = epochs !== wantedEpochs ? ` (${wantedEpochs} wanted; ${c.displayName} allows at most ${c.maxEpochs})` : "";
    const trainingText =
      `${shown(tokensPerEpoch)} tokens per epoch${current.dataset ? (countsFor(current.dataset, c.encoding).counted ? ` counted with ${c.encoding}` : " (stored count, estimated)") : " (the model's stored count)"}` +
      ` × ${epochs} epochs${epochsNote} × ${formatRate(job.rate)} per 1M (${job.rateField})` +
      (job.validationUsd.gt(0) ? ` + validation ${formatUsd(job.validationUsd)}` : "") +
      (job.minimumTopUpUsd.gt(0) ? ` + ${formatUsd(job.minimumTopUpUsd)} to reach the ${formatUsd(c.prices.minTrainingChargeUsd ?? zero)} minimum per job` : "") +
      ` = ${formatUsd(job.totalUsd)}.`;
    const inferenceText =
      `${shown(scaled.inputTokens)} input (${shown(scaled.cachedInputTokens)} cached) and ${shown(scaled.outputTokens)} output tokens a month` +
      (scaled.batchInputTokens.plus(scaled.batchOutputTokens).gt(0) ? `, ${shown(scaled.batchInputTokens)} / ${shown(scaled.batchOutputTokens)} batch` : "") +
      ` at the fine-tuned prices ${formatRate(c.prices.inputPerMTok)} / ${formatRate(c.prices.cachedInputPerMTok ?? c.prices.inputPerMTok)} cached / ${formatRate(c.prices.outputPerMTok)} per 1M = ${formatUsd(inferenceUsd)}.`;
    const fixedParts: string[] = [];
    if (billsHosting) fixedParts.push(`hosting ${str(month.hostingHours)} h × ${formatRate(c.prices.hostingPerHourUsd ?? zero)} = ${formatUsd(month.hostingUsd)} (${hoursText})`);
    if (c.prices.storagePerMonthUsd) fixedParts.push(`storage ${formatUsd(month.storageUsd)} a month`);
    const fixedText = fixedParts.length === 0 ? "No hosting or storage fee listed." : `${capitalize(fixedParts.join("; "))}.`;

    options.push({
      modelId: c.id,
      displayName: c.displayName,
      provider: c.provider,
      providerName: providerName(c.provider),
      tokenizer: c.encoding,
      contextLength: c.trainingContextLimit,
      teamOwned: c.teamOwned,
      shutdownOn: c.shutdownOn,
      estimated,
      tokenRatio: str(ratio),
      tokenRatioExact: ratioExact,
      training: {
        tokensPerEpoch: tokensPerEpoch.toString(),
        epochs,
        trainedTokens: str(job.trainedTokens),
        rateField: job.rateField,
        rate: str(job.rate),
        validationUsd: str(job.validationUsd),
        minimumTopUpUsd: str(job.minimumTopUpUsd),
        totalUsd: str(job.totalUsd),
      },
      monthly: {
        inputTokens: str(scaled.inputTokens),
        cachedInputTokens: str(scaled.cachedInputTokens),
        outputTokens: str(scaled.outputTokens),
        batchInputTokens: str(scaled.batchInputTokens),
        batchOutputTokens: str(scaled.batchOutputTokens),
        inferenceUsd: str(inferenceUsd),
        hostingHours: str(month.hostingHours),
        hostingUsd: str(month.hostingUsd),
        storageUsd: str(month.storageUsd),
        fixedUsd: str(fixedUsd),
        totalUsd: str(monthTotal),
      },
      next12MonthsUsd: str(next12),
      next12Months: { trainingUsd: str(job.totalUsd), inferenceUsd: str(inferenceUsd.times(HORIZON_MONTHS)), fixedUsd: str(fixedUsd.times(HORIZON_MONTHS)) },
      monthlyDifferenceUsd: str(difference),
      explanations: {
        tokenRatio: ratioText,
        training: trainingText,
        inference: inferenceText,
        fixed: fixedText,
        next12Months: `Training ${formatUsd(job.totalUsd)} + 12 × ${formatUsd(monthTotal)} a month = ${formatUsd(next12)}.`,
        monthlyDifference:
          `${formatUsd(monthTotal)} a month against ${formatUsd(workload.costUsd)} observed on ${current.baseModelId}: ` +
          (difference.isZero() ? "the same." : difference.lt(0) ? `${formatUsd(difference.negated())} less.` : `${formatUsd(difference)} more.`),
      },
    });
  }
  options.sort((a, b) => toDecimal(a.next12MonthsUsd).comparedTo(toDecimal(b.next12MonthsUsd)) || a.modelId.localeCompare(b.modelId));
  return {
    today,
    window: { from: workload.from, to: workload.to, months: workload.months, recordedMonths: workload.recordedMonths },
    workload: {
      inputTokens: str(workload.inputTokens),
      cachedInputTokens: str(workload.cachedInputTokens),
      outputTokens: str(workload.outputTokens),
      batchInputTokens: str(workload.batchInputTokens),
      batchOutputTokens: str(workload.batchOutputTokens),
      hostingHours: workload.hostingHours === null ? null : str(workload.hostingHours),
    },
    current: currentSummary,
    options,
    unpriced,
  };
}

/** The hours a candidate's hosting fee is billed for in a typical month (rule at the top of the file). */
function hostingHoursFor(current: CurrentModel, workload: Workload, billsHosting: boolean): { hours: Decimal; hoursText: string } {
  if (!billsHosting) return { hours: toDecimal(0), hoursText: "" };
  if (workload.hostingHours !== null && workload.hostingHours.gt(0)) {
    return { hours: workload.hostingHours, hoursText: "the model's average recorded hosting hours" };
  }
  if (current.hostingSchedule === "business_hours") {
    return { hours: toDecimal(TYPICAL_MONTH_HOURS.business_hours), hoursText: "business hours: 8 h × 261 weekdays ÷ 12" };
  }
  const why = current.hostingSchedule === "always_on" ? "always on" : "always on, since this provider serves a fine-tune only while it is deployed";
  return { hours: toDecimal(TYPICAL_MONTH_HOURS.always_on), hoursText: `${why}: 24 h × 365 ÷ 12` };
}

function summarizeCurrent(current: CurrentModel, workload: Workload, today: string, monthlyInference: Decimal, monthlyFixed: Decimal): CurrentSummary {
  const monthlyText = `Average of ${workload.months} months (${workload.from} to ${workload.to}, ${workload.recordedMonths} with usage recorded): ${formatUsd(workload.costUsd)} a month, ${formatUsd(monthlyFixed)} of it hosting and storage.`;
  if (current.shutdownOn === null) {
    return {
      modelId: current.id,
      displayName: current.displayName,
      baseModelId: current.baseModelId,
      provider: current.provider,
      shutdownOn: null,
      daysUntilShutdown: null,
      monthlyUsd: str(workload.costUsd),
      monthlyInferenceUsd: str(monthlyInference),
      monthlyFixedUsd: str(monthlyFixed),
      costUntilShutdownUsd: null,
      explanations: { monthly: monthlyText, costUntilShutdown: "No shutdown date is known for this model." },
    };
  }
  const days = Math.max(0, daysBetween(today, current.shutdownOn));
  // Σ over the months from today's to the shutdown's of the share of each month still served.
  let share = toDecimal(0);
  const thisMonth = today.slice(0, 7);
  const parts: string[] = [];
  if (days > 0) {
    for (const m of monthRange(thisMonth, current.shutdownOn.slice(0, 7))) {
      const serving = servingDays(m, current.shutdownOn);
      // In today's month only the days from today on are still to pay.
      const served = m === thisMonth ? Math.max(0, serving.days - (Number(today.slice(8, 10)) - 1)) : serving.days;
      if (served === 0) continue;
      share = share.plus(toDecimal(served).div(serving.of));
      parts.push(`${served}/${serving.of} of ${m}`);
    }
  }
  const cost = workload.costUsd.times(share).toDecimalPlaces(FIXED_COST_SCALE, Decimal.ROUND_HALF_UP);
  return {
    modelId: current.id,
    displayName: current.displayName,
    baseModelId: current.baseModelId,
    provider: current.provider,
    shutdownOn: current.shutdownOn,
    daysUntilShutdown: days,
    monthlyUsd: str(workload.costUsd),
    monthlyInferenceUsd: str(monthlyInference),
    monthlyFixedUsd: str(monthlyFixed),
    costUntilShutdownUsd: str(cost),
    explanations: {
      monthly: monthlyText,
      costUntilShutdown:
        days === 0
          ? `Shut down on ${current.shutdownOn}: nothing more to pay.`
          : `${formatUsd(workload.costUsd)} a month × (${parts.join(" + ")}) until it shuts down on ${current.shutdownOn} (${days} days) = ${formatUsd(cost)}.`,
    },
  };
}

/** The plan volumes a move carries: the observed averages × the ratio, rounded half-up to whole tokens. */
export function plannedVolumes(option: Pick<MigrationOption, "monthly">): { inputTokens: bigint; cachedInputTokens: bigint; outputTokens: bigint } {
  const whole = (v: string) => BigInt(tokensText(toDecimal(v)));
  // Batch traffic has no column in a usage plan: it is planned with the normal traffic (never under-stated).
  const input = whole(option.monthly.inputTokens) + whole(option.monthly.batchInputTokens);
  const cached = whole(option.monthly.cachedInputTokens);
  return { inputTokens: input, cachedInputTokens: cached > input ? input : cached, outputTokens: whole(option.monthly.outputTokens) + whole(option.monthly.batchOutputTokens) };
}

const formatRate = (d: Decimal) => formatPriceUsd(d);

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first month a move can start: the month after today's. */
export function earliestSwitchMonth(today: string): string {
  return addMonths(today.slice(0, 7), 1);
}
