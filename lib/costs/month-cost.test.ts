import { describe, expect, it } from "vitest";
import { toDecimal } from "@/lib/money/decimal";
import type { ModelPrices } from "@/lib/pricing/types";
import { monthCost } from "./month-cost";
import { trainingJobCost } from "./training";

const d = toDecimal;
const card = (extra: Partial<ModelPrices> = {}): ModelPrices =>
  ({
    modelId: "m",
    billingUnit: "token",
    trainingPerHourUsd: null,
    trainingPerMTok: d("3"),
    inputPerMTok: d("0.30"),
    cachedInputPerMTok: d("0.15"),
    outputPerMTok: d("1.20"),
    baseInputPerMTok: d("0.15"),
    baseCachedInputPerMTok: d("0.075"),
    baseOutputPerMTok: d("0.60"),
    ...extra,
  }) as ModelPrices;

describe("monthCost", () => {
  it("prices batch tokens apart at the batch price, and at the normal price when none is listed", () => {
    const usage = { inputTokens: 2_000_000n, cachedInputTokens: 1_000_000n, outputTokens: 1_000_000n, batchInputTokens: 4_000_000n, batchOutputTokens: 2_000_000n };
    // 1M × 0.30 + 1M × 0.15 + 1M × 1.20 = 1.65; batch 4M × 0.15 + 2M × 0.60 = 1.80
    const withBatch = monthCost(usage, card({ batchInputPerMTok: d("0.15"), batchOutputPerMTok: d("0.60") }), { month: "2026-11" });
    expect(withBatch.usageUsd.toFixed()).toBe("3.45");
    expect(withBatch.batchUsd.toFixed()).toBe("1.8");
    // No batch price: 4M × 0.30 + 2M × 1.20 = 3.60
    expect(monthCost(usage, card(), { month: "2026-11" }).totalUsd.toFixed()).toBe("5.25");
  });

  it("adds hosting hours as entered, or by schedule for the days the model existed", () => {
    const prices = card({ hostingPerHourUsd: d("1.70") });
    const none = { inputTokens: 0n, outputTokens: 0n };
    expect(monthCost({ ...none, hostingHours: "100.5" }, prices, { month: "2026-11" }).fixedUsd.toFixed()).toBe("170.85");
    // Always on, November (30 days): 720 h × 1.70
    expect(monthCost(none, prices, { month: "2026-11", hostingSchedule: "always_on" }).hostingUsd.toFixed()).toBe("1224");
    // Trained on 21 Nov: 10 days, 240 h
    expect(monthCost(none, prices, { month: "2026-11", hostingSchedule: "always_on", trainedAt: new Date("2026-11-21") }).hostingHours.toFixed()).toBe("240");
    // Business hours, November 2026 has 21 weekdays: 168 h; to 10 Nov (as of): 2–6 and 9–10 → 7 weekdays, 56 h
    expect(monthCost(none, prices, { month: "2026-11", hostingSchedule: "business_hours" }).hostingHours.toFixed()).toBe("168");
    expect(monthCost(none, prices, { month: "2026-11", hostingSchedule: "business_hours", asOf: "2026-11-10" }).hostingHours.toFixed()).toBe("56");
    // No schedule, no hours: nothing
    expect(monthCost(none, prices, { month: "2026-11" }).fixedUsd.toFixed()).toBe("0");
  });

  it("prorates storage by the days the model existed and rounds fixed costs once at 10 places", () => {
    const prices = card({ storagePerMonthUsd: d("2") });
    const none = { inputTokens: 0n, outputTokens: 0n };
    expect(monthCost(none, prices, { month: "2026-12" }).fixedUsd.toFixed()).toBe("2");
    // Trained 30 Dec: 2 of 31 days → 4/31 = 0.129032258064516… → 0.1290322581
    expect(monthCost(none, prices, { month: "2026-12", trainedAt: new Date("2026-12-30") }).fixedUsd.toFixed()).toBe("0.1290322581");
    // Trained after the month: no days, nothing
    expect(monthCost(none, prices, { month: "2026-11", trainedAt: new Date("2026-12-02") }).daysExisted).toBe(0);
  });

  it("prices an hour-billed card by its fixed costs alone, and refuses one with none", () => {
    const hourCard = {
      modelId: "self-hosted:gpu",
      billingUnit: "training_hour",
      trainingPerHourUsd: d("2.5"),
      trainingPerMTok: null,
      inputPerMTok: null,
      cachedInputPerMTok: null,
      outputPerMTok: null,
      baseInputPerMTok: null,
      baseCachedInputPerMTok: null,
      baseOutputPerMTok: null,
    } as const satisfies ModelPrices;
    const usage = { inputTokens: 5n, outputTokens: 5n, hostingHours: "10" };
    expect(monthCost(usage, { ...hourCard, hostingPerHourUsd: d("2.5") }, { month: "2026-11" }).totalUsd.toFixed()).toBe("25");
    expect(() => monthCost(usage, hourCard, { month: "2026-11" })).toThrow(/invoiced cost/);
    expect(() => monthCost({ inputTokens: 1n, cachedInputTokens: 2n, outputTokens: 0n }, { ...hourCard, hostingPerHourUsd: d("1") }, { month: "2026-11" })).toThrow(/cannot exceed/);
  });

  it("refuses an as-of day outside the month and negative hours", () => {
    expect(() => monthCost({ inputTokens: 0n, outputTokens: 0n }, card(), { month: "2026-11", asOf: "2026-12-01" })).toThrow(/not a day of/);
    expect(() => monthCost({ inputTokens: 0n, outputTokens: 0n, hostingHours: "-1" }, card({ hostingPerHourUsd: d("1") }), { month: "2026-11" })).toThrow(/negative/);
  });
});

describe("trainingJobCost", () => {
  it("uses the method's and type's rate, falling back to supervised LoRA's", () => {
    const prices = card({ trainingPerMTok: d("0.48"), trainingFullPerMTok: d("0.54"), trainingDpoPerMTok: d("1.20"), trainingDpoFullPerMTok: d("1.35") });
    const job = { tokens: 1_000_000, epochs: 3 };
    expect(trainingJobCost(job, prices).totalUsd.toFixed()).toBe("1.44");
    expect(trainingJobCost({ ...job, fineTuneType: "full" }, prices).totalUsd.toFixed()).toBe("1.62");
    expect(trainingJobCost({ ...job, method: "dpo" }, prices).rateField).toBe("trainingDpoPerMTok");
    expect(trainingJobCost({ ...job, method: "dpo", fineTuneType: "full" }, prices).totalUsd.toFixed()).toBe("4.05");
    // A provider that prices neither apart bills both at the supervised rate.
    expect(trainingJobCost({ ...job, method: "dpo", fineTuneType: "full" }, card()).totalUsd.toFixed()).toBe("9");
  });

  it("bills validation tokens × evaluations only where the provider does (Together)", () => {
    const job = { tokens: 2_000_000, epochs: 2, validationTokens: 100_000, evaluations: 4 };
    const together = card({ trainingPerMTok: d("0.48"), validationBilled: true });
    // 2M × 2 × 0.48 + 100k × 4 × 0.48 = 1.92 + 0.192
    const cost = trainingJobCost(job, together);
    expect(cost.validationUsd.toFixed()).toBe("0.192");
    expect(cost.totalUsd.toFixed()).toBe("2.112");
    // Evaluations default to one per epoch.
    expect(trainingJobCost({ ...job, evaluations: undefined }, together).validationTokensBilled.toFixed()).toBe("200000");
    expect(trainingJobCost(job, card({ trainingPerMTok: d("0.48") })).validationUsd.toFixed()).toBe("0");
  });

  it("tops a small job up to the provider's minimum charge (Mistral $4)", () => {
    const mistral = card({ trainingPerMTok: d("1"), minTrainingChargeUsd: d("4") });
    const small = trainingJobCost({ tokens: 500_000, epochs: 2 }, mistral);
    expect(small.trainingUsd.toFixed()).toBe("1");
    expect(small.minimumTopUpUsd.toFixed()).toBe("3");
    expect(small.totalUsd.toFixed()).toBe("4");
    expect(trainingJobCost({ tokens: 5_000_000, epochs: 1 }, mistral).minimumTopUpUsd.toFixed()).toBe("0");
  });

  it("bills hours for reinforcement or hour-billed training", () => {
    const rft = { ...card(), billingUnit: "training_hour", trainingPerHourUsd: d("100"), trainingPerMTok: null, inputPerMTok: null, cachedInputPerMTok: null, outputPerMTok: null, baseInputPerMTok: null, baseCachedInputPerMTok: null, baseOutputPerMTok: null } as ModelPrices;
    expect(trainingJobCost({ tokens: 0, epochs: 1, method: "rft", hours: "2.5" }, rft).totalUsd.toFixed()).toBe("250");
    expect(() => trainingJobCost({ tokens: 0, epochs: 1, method: "rft" }, rft)).toThrow(/hours is required/);
    expect(() => trainingJobCost({ tokens: 0, epochs: 1, method: "rft", hours: "1" }, card())).toThrow(/no price per training hour/);
  });
});
