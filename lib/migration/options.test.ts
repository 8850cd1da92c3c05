import { describe, expect, it } from "vitest";
import { toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { averageWorkload, lastCompleteMonths, planMigration, plannedVolumes, type Candidate, type CurrentModel, type WindowRecord } from "./options";

const d = toDecimal;

function card(modelId: string, p: { training: string; input: string; cached: string | null; output: string; hosting?: string; storage?: string; minimum?: string }): ModelPrices {
  return {
    modelId,
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: d(p.training),
    inputPerMTok: d(p.input),
    cachedInputPerMTok: p.cached === null ? null : d(p.cached),
    outputPerMTok: d(p.output),
    baseInputPerMTok: d(p.input),
    baseCachedInputPerMTok: null,
    baseOutputPerMTok: d(p.output),
    hostingPerHourUsd: p.hosting ? d(p.hosting) : null,
    storagePerMonthUsd: p.storage ? d(p.storage) : null,
    minTrainingChargeUsd: p.minimum ? d(p.minimum) : null,
  };
}

function candidate(id: string, provider: string, encoding: string, prices: ModelPrices | null, extra: Partial<Candidate> = {}): Candidate {
  return { id, provider, displayName: id, encoding, tokenizerExact: true, trainingContextLimit: 65_536, maxEpochs: null, billingUnit: "token", teamOwned: false, shutdownOn: null, prices, ...extra };
}

// The model: a gpt-4o-mini fine-tune (o200k_base), 1,000,000 billed tokens per epoch × 3 epochs, no hosting schedule.
// Its dataset counts 1,200,000 tokens (1,000,000 billed per epoch) with o200k_base and 1,320,000 (1,100,000 billed)
// with llama3.
const current: CurrentModel = {
  id: "m1",
  displayName: "Support bot",
  baseModelId: "gpt-4o-mini-2024-07-18",
  provider: "openai",
  encoding: "o200k_base",
  tokenizerExact: true,
  shutdownOn: "2027-01-14",
  trainingTokens: 1_000_000n,
  epochs: 3,
  method: "sft",
  fineTuneType: "lora",
  validationTokens: null,
  evaluations: null,
  hostingSchedule: "none",
  dataset: {
    encoding: "o200k_base",
    own: { total: 1_200_000n, billedPerEpoch: 1_000_000n, assistant: 400_000n },
    epochs: 3,
    byTokenizer: { llama3: { total: 1_320_000n, billedPerEpoch: 1_100_000n, assistant: 440_000n } },
  },
};

// Three months on gpt-4o-mini ($0.30 / $0.15 cached / $1.20 per 1M fine-tuned): Σ 90M input (18M cached), 27M output.
// Averages: 30M input, 6M cached, 9M output. A month: 24M × 0.30 + 6M × 0.15 + 9M × 1.20 = 7.2 + 0.9 + 10.8 = $18.90,
// so the three records cost 17.90 + 18.90 + 19.90 = $56.70, average $18.90.
const rec = (month: string, input: bigint, cached: bigint, output: bigint, cost: string): WindowRecord => ({
  month,
  inputTokens: input,
  cachedInputTokens: cached,
  outputTokens: output,
  batchInputTokens: 0n,
  batchOutputTokens: 0n,
  hostingHours: null,
  costUsd: d(cost),
  fixedCostUsd: d(0),
});
const records = [
  rec("2026-09", 28_000_000n, 6_000_000n, 9_000_000n, "17.9"),
  rec("2026-10", 30_000_000n, 6_000_000n, 9_000_000n, "18.9"),
  rec("2026-11", 32_000_000n, 6_000_000n, 9_000_000n, "19.9"),
  rec("2026-08", 999_000_000n, 0n, 0n, "999"), // outside the window: ignored
];

const llama = candidate("together:llama", "together", "llama3", card("together:llama", { training: "0.48", input: "0.20", cached: null, output: "0.60" }));
const azure = candidate("azure-openai:gpt-4.1-mini", "azure-openai", "o200k_base", card("azure-openai:gpt-4.1-mini", { training: "5", input: "0.80", cached: "0.20", output: "3.20", hosting: "1.70" }));
const mistral = candidate("mistral:nemo", "mistral", "qwen3", card("mistral:nemo", { training: "1", input: "0.20", cached: null, output: "0.20", minimum: "4", storage: "2" }), { tokenizerExact: false });

function plan(candidates: Candidate[], today = "2026-12-07") {
  const window = lastCompleteMonths(today);
  return planMigration({ today, current, workload: averageWorkload(records, window), candidates });
}

describe("lastCompleteMonths", () => {
  it("is the three months before today's", () => {
    expect(lastCompleteMonths("2026-12-07")).toEqual({ from: "2026-09", to: "2026-11" });
    expect(lastCompleteMonths("2027-01-31", 2)).toEqual({ from: "2026-11", to: "2026-12" });
  });
});

describe("averageWorkload", () => {
  it("divides by the months of the window, a month without a record counting as zero", () => {
    const w = averageWorkload(records.slice(1, 2), { from: "2026-09", to: "2026-11" });
    expect(w.recordedMonths).toBe(1);
    expect(w.inputTokens.toFixed()).toBe("10000000"); // 30M ÷ 3
    expect(w.costUsd.toFixed()).toBe("6.3"); // 18.90 ÷ 3
    expect(w.hostingHours).toBeNull();
  });
});

describe("planMigration", () => {
  it("re-counts with a different tokenizer and scales volumes by the measured ratio", () => {
    const [o] = plan([llama]).options;
    // Ratio 1,320,000 ÷ 1,200,000 = 1.1, exact (both counts measured).
    expect(o?.tokenRatio).toBe("1.1");
    expect(o?.tokenRatioExact).toBe(true);
    expect(o?.estimated).toBe(false);
    // Training: 1,100,000 llama3 tokens × 3 epochs × $0.48 / 1M = $1.584.
    expect(o?.training.tokensPerEpoch).toBe("1100000");
    expect(o?.training.totalUsd).toBe("1.584");
    // Month: 33M input, 6.6M cached, 9.9M output. No cached price → cached at the input price:
    // 33M × 0.20 + 9.9M × 0.60 = 6.60 + 5.94 = $12.54; no fixed costs.
    expect(o?.monthly.inputTokens).toBe("33000000");
    expect(o?.monthly.cachedInputTokens).toBe("6600000");
    expect(o?.monthly.outputTokens).toBe("9900000");
    expect(o?.monthly.inferenceUsd).toBe("12.54");
    expect(o?.monthly.fixedUsd).toBe("0");
    // Next 12 months: 1.584 + 12 × 12.54 = 1.584 + 150.48 = $152.064. Difference: 12.54 − 18.90 = −$6.36.
    expect(o?.next12MonthsUsd).toBe("152.064");
    expect(o?.next12Months).toEqual({ trainingUsd: "1.584", inferenceUsd: "150.48", fixedUsd: "0" });
    expect(o?.monthlyDifferenceUsd).toBe("-6.36");
    expect(o?.explanations.tokenRatio).toContain("1,320,000 tokens with llama3");
    expect(o?.explanations.monthlyDifference).toContain("$6.36 less");
    expect(o?.explanations.training).toBe("1,100,000 tokens per epoch counted with llama3 × 3 epochs × $0.48 per 1M (trainingPerMTok) = $1.58.");
    expect(o?.explanations.inference).toContain("33,000,000 input (6,600,000 cached) and 9,900,000 output tokens a month");
  });

  it("adds hosting for a provider that bills it, always on when the model has no schedule", () => {
    const [o] = plan([azure]).options;
    // Same tokenizer: ratio 1. Training: 1,000,000 × 3 × $5 / 1M = $15.
    expect(o?.tokenRatio).toBe("1");
    expect(o?.training.totalUsd).toBe("15");
    // Month: 24M × 0.80 + 6M × 0.20 + 9M × 3.20 = 19.2 + 1.2 + 28.8 = $49.20.
    expect(o?.monthly.inferenceUsd).toBe("49.2");
    // Hosting: schedule NONE, but Azure serves only while deployed → always on: 730 h × $1.70 = $1,241.
    expect(o?.monthly.hostingHours).toBe("730");
    expect(o?.monthly.hostingUsd).toBe("1241");
    expect(o?.monthly.fixedUsd).toBe("1241");
    expect(o?.monthly.totalUsd).toBe("1290.2");
    // Next 12: 15 + 12 × 1,290.20 = 15 + 15,482.40 = $15,497.40. Difference: 1,290.20 − 18.90 = $1,271.30.
    expect(o?.next12MonthsUsd).toBe("15497.4");
    expect(o?.next12Months.fixedUsd).toBe("14892");
    expect(o?.monthlyDifferenceUsd).toBe("1271.3");
    expect(o?.explanations.fixed).toContain("730 h");
  });

  it("uses recorded hosting hours, and a business-hours schedule's 174 h, before assuming always on", () => {
    const withHours = records.slice(0, 3).map((r) => ({ ...r, hostingHours: d(300) }));
    const hourly = planMigration({ today: "2026-12-07", current, workload: averageWorkload(withHours, lastCompleteMonths("2026-12-07")), candidates: [azure] });
    expect(hourly.options[0]?.monthly.hostingUsd).toBe("510"); // 300 h × 1.70
    const business = planMigration({ today: "2026-12-07", current: { ...current, hostingSchedule: "business_hours" }, workload: averageWorkload(records, lastCompleteMonths("2026-12-07")), candidates: [azure] });
    expect(business.options[0]?.monthly.hostingUsd).toBe("295.8"); // 174 h × 1.70
  });

  it("marks a tokenizer it could not count with as estimated, and tops training up to the minimum", () => {
    const [o] = plan([mistral]).options;
    // qwen3 not in tokenCounts: stored o200k count, ratio 1, estimated.
    expect(o?.tokenRatio).toBe("1");
    expect(o?.tokenRatioExact).toBe(false);
    expect(o?.estimated).toBe(true);
    // 1,000,000 × 3 × $1 / 1M = $3, topped up by $1 to the $4 minimum.
    expect(o?.training.minimumTopUpUsd).toBe("1");
    expect(o?.training.totalUsd).toBe("4");
    // 30M × 0.20 + 9M × 0.20 = $7.80 + storage $2 = $9.80; next 12: 4 + 117.60 = $121.60.
    expect(o?.monthly.storageUsd).toBe("2");
    expect(o?.monthly.totalUsd).toBe("9.8");
    expect(o?.next12MonthsUsd).toBe("121.6");
  });

  it("orders options cheapest first and lists what it cannot price", () => {
    const hourly: Candidate = {
      ...candidate("self-hosted:gpu", "self-hosted", "llama3", null),
      billingUnit: "training_hour",
      prices: { modelId: "self-hosted:gpu", billingUnit: "training_hour", trainingPerHourUsd: d(3), trainingPerMTok: null, inputPerMTok: null, cachedInputPerMTok: null, outputPerMTok: null, baseInputPerMTok: null, baseCachedInputPerMTok: null, baseOutputPerMTok: null },
    };
    const free = candidate("together:ref", "together", "llama3", card("together:ref", { training: "0.48", input: "0", cached: null, output: "0" }));
    const result = plan([azure, llama, mistral, hourly, candidate("vertex-ai:none", "vertex-ai", "gemini", null), free]);
    expect(result.options.map((o) => o.modelId)).toEqual(["mistral:nemo", "together:llama", "azure-openai:gpt-4.1-mini"]);
    expect(result.unpriced.map((u) => u.modelId)).toEqual(["self-hosted:gpu", "vertex-ai:none", "together:ref"]);
    expect(result.unpriced[2]?.reason).toContain("No serving price");
  });

  it("prices the current model until its shutdown day by the share of each month it still serves", () => {
    const { current: c } = plan([]);
    // 7 Dec → 14 Jan: 25 of December's 31 days (7th to 31st) + 13 of January's 31 (1st to 13th) = 38 days.
    // 18.90 × 38 ÷ 31 = 718.2 ÷ 31 = 23.167741935483870…, rounded half-up to 10 places.
    expect(c.daysUntilShutdown).toBe(38);
    expect(c.monthlyUsd).toBe("18.9");
    expect(c.costUntilShutdownUsd).toBe("23.1677419355");
    expect(plan([], "2027-01-20").current.costUntilShutdownUsd).toBe("0");
  });

  it("plans whole-token volumes with batch traffic folded in", () => {
    const [o] = plan([llama]).options;
    expect(plannedVolumes(o!)).toEqual({ inputTokens: 33_000_000n, cachedInputTokens: 6_600_000n, outputTokens: 9_900_000n });
  });
});
