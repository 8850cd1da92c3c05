import { describe, expect, it } from "vitest";
import * as estimatesRoute from "@/app/api/v1/estimates/route";
import { createApiKey } from "@/lib/api-keys/create";
import { v1 } from "@/lib/api/operations";
import { AppError } from "@/lib/errors";
import { calculateForTeamOrThrow, estimateFromBodyOrThrow, TrainingRefusedError } from "@/lib/estimates/queries";
import { calculatorInputSchema } from "@/lib/estimates/schemas";
import { createTeamMiniPrice, createTeamWithOwner } from "../support/factories";

const ctxOf = (t: { userId: string; teamId: string }) => ({ userId: t.userId, teamId: t.teamId, role: "OWNER" as const });
const today = new Date("2026-06-01T12:00:00Z");

const productionApp = {
  baseModel: "gpt-4o-mini",
  priceSet: "article-2026",
  training: { tokens: 1_000_000, epochs: 1 },
  usage: { period: "month", inputTokens: 150_000_000, outputTokens: 450_000_000 },
};

/** The field messages of the validation error a body is refused with. */
async function rejectedFields(ctx: ReturnType<typeof ctxOf>, body: unknown): Promise<Record<string, string[]>> {
  const error = await estimateFromBodyOrThrow(ctx, body, today).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("validation_failed");
  return (error as AppError).fields ?? {};
}

describe("POST /api/v1/estimates core", () => {
  it("prices the article's Production app exactly, and says which prices it used", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const r = await estimateFromBodyOrThrow(ctx, productionApp, today);
    expect([r.trainingCostUsd, r.monthlyCostUsd, r.totalCostUsd]).toEqual(["1", "292.5", "3511"]);
    expect(r.months).toHaveLength(12);
    expect(r.months[11]).toEqual({ index: 12, costUsd: "292.5", inferenceUsd: "292.5", fixedUsd: "0" });
    expect(r.fixedMonthlyUsd).toBe("0");
    expect(r.catalog).toEqual({ model: "gpt-4o-mini-2024-07-18", priceSet: "article-2026", source: "global" });
    expect(r.prices).toEqual({
      trainingPerMTok: "1",
      inputPerMTok: "0.15",
      cachedInputPerMTok: null,
      outputPerMTok: "0.6",
      baseInputPerMTok: "0.15",
      baseCachedInputPerMTok: "0.075",
      baseOutputPerMTok: "0.6",
      hostingPerHourUsd: null,
      storagePerMonthUsd: null,
    });
  });

  it("prices a provider's fixed costs as their own line: Azure's hosted deployment, every month", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const r = await estimateFromBodyOrThrow(
      ctx,
      { baseModel: "azure-openai:gpt-4.1-mini-2025-04-14", training: { tokens: 1_000_000, epochs: 2 }, usage: { period: "month", inputTokens: 10_000_000, outputTokens: 2_000_000 }, hostingHoursPerMonth: "730", months: 2 },
      today,
    );
    // Training 1M × 2 × $5 = 10; tokens 10M × 0.40 + 2M × 1.60 = 7.2; hosting 730 h × $1.70 = 1241
    expect(r).toMatchObject({ trainingCostUsd: "10", monthlyCostUsd: "7.2", fixedMonthlyUsd: "1241", totalCostUsd: "2506.4" });
    expect(r.months[1]).toEqual({ index: 2, inferenceUsd: "7.2", fixedUsd: "1241", costUsd: "1248.2" });
  });

  it("uses the team's price set when none is named, and a request price overrides the catalog's", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const { priceSet: _, ...body } = productionApp;
    const r = await estimateFromBodyOrThrow(ctx, { ...body, prices: { outputPerMTok: "1" } }, today);
    expect(r.catalog?.priceSet).toBe("openai");
    expect([r.prices.inputPerMTok, r.prices.outputPerMTok]).toEqual(["0.3", "1"]);
    expect(r.monthlyCostUsd).toBe("495"); // 150 × 0.30 + 450 × 1
  });

  it("lets a team override beat the global price for that team only", async () => {
    const a = ctxOf(await createTeamWithOwner());
    const b = ctxOf(await createTeamWithOwner());
    await createTeamMiniPrice(a.teamId, "2026-01-01");
    const body = { ...productionApp, priceSet: "openai" };
    const forA = await estimateFromBodyOrThrow(a, body, today);
    const forB = await estimateFromBodyOrThrow(b, body, today);
    expect([forA.catalog?.source, forA.trainingCostUsd, forA.monthlyCostUsd]).toEqual(["team", "2.5", "487.5"]);
    expect([forB.catalog?.source, forB.trainingCostUsd, forB.monthlyCostUsd]).toEqual(["global", "3", "585"]);
    // Before its effective date, the override does not apply even for its own team.
    expect((await estimateFromBodyOrThrow(a, body, new Date("2025-12-31"))).catalog?.source).toBe("global");
  });

  it("names each bad field", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    expect(
      await rejectedFields(ctx, {
        ...productionApp,
        training: { tokens: -5, epochs: 1 },
        usage: { period: "month", inputTokens: 100, cachedInputTokens: 101, outputTokens: 1 },
        prices: { inputPerMTok: "1e3" },
        months: 121,
        surprise: true,
      }),
    ).toEqual({
      "training.tokens": ["Must be at least 0"],
      "usage.cachedInputTokens": ["Must not exceed inputTokens (cached tokens are part of the input)"],
      "prices.inputPerMTok": ["Must be a plain non-negative decimal such as 0.15 or 12 (no sign, no exponent)"],
      months: ["Must be at most 120"],
      _: ['Unrecognized key: "surprise"'],
    });
  });

  it("requires a full price card without a base model", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const { baseModel: _, priceSet: __, ...body } = productionApp;
    const fields = await rejectedFields(ctx, { ...body, prices: { trainingPerMTok: "1", inputPerMTok: "0.15" } });
    expect(Object.keys(fields).sort()).toEqual(["prices.baseInputPerMTok", "prices.baseOutputPerMTok", "prices.outputPerMTok"]);
  });

  it("answers an unknown model, an unknown price set, an unpriced model and an hour-billed one on their fields", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    expect(await rejectedFields(ctx, { ...productionApp, baseModel: "gpt-4o-mni" })).toEqual({
      baseModel: [expect.stringMatching(/^Unknown model "gpt-4o-mni"\. Did you mean: gpt-4o-mini/)],
    });
    expect(await rejectedFields(ctx, { ...productionApp, priceSet: "cheap" })).toEqual({
      priceSet: ['Unknown price set "cheap"; use one of: article-2026, openai.'],
    });
    expect(await rejectedFields(ctx, { ...productionApp, baseModel: "gpt-4.1" })).toEqual({
      baseModel: [expect.stringContaining('No price for gpt-4.1-2025-04-14 in force on 2026-06-01 (price set "article-2026")')],
    });
    expect(await rejectedFields(ctx, { ...productionApp, baseModel: "o4-mini", priceSet: "openai" })).toEqual({
      baseModel: ["o4-mini-2025-04-16 is billed per training hour, not per token"],
    });
  });
});

describe("the Estimate page's calculation", () => {
  it("adds running totals and a break-even comparison on the same prices", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const input = calculatorInputSchema.parse({
      ...productionApp,
      breakEven: { basePromptTokens: 600, fineTunedPromptTokens: 150, outputTokens: 450, requestsPerMonth: 1_000_000 },
    });
    const r = await calculateForTeamOrThrow(ctx, input, today);
    expect(r.cumulativeCostsUsd.at(-1)).toBe("3511");
    expect(r.comparison?.series.at(-1)).toEqual({ month: 12, fineTunedUsd: "3511", baseUsd: "4320", fixedUsd: "0" });
    expect(r.comparison?.outcome).toMatchObject({ kind: "recovers", requestsToRecover: "14815" });
  });
});

/** POST /api/v1/estimates through the route handler, with a read key; a 200 is checked against the documented schema. */
async function postEstimate(body: unknown): Promise<{ status: number; json: any }> {
  const owner = await createTeamWithOwner();
  const { key } = await createApiKey(owner.teamId, owner.userId, { name: "read", scope: "READ" });
  const res = await estimatesRoute.POST(
    new Request("http://localhost/api/v1/estimates", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) },
  );
  const json: any = await res.json();
  const documented = v1.createEstimate.success;
  if (res.status === 200 && "body" in documented) expect(documented.body.schema.safeParse(json).success).toBe(true);
  return { status: res.status, json };
}

// Every date is explicit: these tests must mean the same whatever day CI runs them on.
describe("POST /api/v1/estimates and the base model's lifecycle", () => {
  it("answers 422 on baseModel for gpt-4o-mini trained after its last training day, pricing nothing", async () => {
    const r = await postEstimate({ ...productionApp, trainingOn: "2027-01-06" });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("validation_failed");
    expect(r.json.error.fields).toEqual({
      baseModel: ["gpt-4o-mini-2024-07-18 accepts no new fine-tuning jobs after 5 Jan 2027 (source: https://developers.openai.com/api/docs/deprecations). Pick another base model."],
    });
    expect(r.json).not.toHaveProperty("totalCostUsd");
    // Schema errors keep their 400.
    expect((await postEstimate({ ...productionApp, trainingOn: "2027-02-30" })).status).toBe(400);
  });

  it("refuses a model already shut down on the training day", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const error = await estimateFromBodyOrThrow(ctx, { ...productionApp, baseModel: "gpt-3.5-turbo", trainingOn: "2026-11-02" }, today).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingRefusedError);
    expect((error as AppError).fields?.baseModel?.[0]).toMatch(/^gpt-3\.5-turbo-0125 shut down on 23 Oct 2026, so it can no longer be fine-tuned on 2 Nov 2026 \(source: https:\/\/developers\.openai\.com\/api\/docs\/deprecations\)\. Pick another base model\.$/);
  });

  it("warns, for a job trained before the last day, which months the shutdown cuts, and totals them both ways", async () => {
    const r = await postEstimate({ ...productionApp, trainingOn: "2026-12-07" });
    expect(r.status).toBe(200);
    const { lifecycle } = r.json;
    expect(lifecycle).toMatchObject({
      trainingOn: "2026-12-07",
      firstMonth: "2026-12",
      modelName: "gpt-4o-mini",
      model: { trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14", sourceUrl: "https://developers.openai.com/api/docs/deprecations" },
      warnings: [{ code: "shutdown_in_estimate", message: "gpt-4o-mini stops on 14 Jan 2027: month 2 is partial (13 of 31 days); months 3–12 cannot happen." }],
    });
    expect(lifecycle.months.slice(0, 3)).toEqual([
      { index: 1, month: "2026-12", servingDays: 31, daysInMonth: 31 },
      { index: 2, month: "2027-01", servingDays: 13, daysInMonth: 31 },
      { index: 3, month: "2027-02", servingDays: 0, daysInMonth: 28 },
    ]);
    // As entered: training + 12 × $292.50. Until shutdown: training + $292.50 + 13/31 of $292.50.
    expect(r.json.totalCostUsd).toBe("3511");
    expect(lifecycle.untilShutdown.lastMonth).toBe(2);
    expect(lifecycle.untilShutdown.totalCostUsd).toMatch(/^416\.16129032258064516129032258064516129/);
    expect(lifecycle.untilShutdown.months.slice(2).every((m: { costUsd: string }) => m.costUsd === "0")).toBe(true);
  });

  it("starts month 1 where asked, and refuses a first month before the training month", async () => {
    const later = await postEstimate({ ...productionApp, trainingOn: "2026-12-07", firstMonth: "2027-01", months: 2 });
    expect(later.json.lifecycle.warnings[0].message).toBe("gpt-4o-mini stops on 14 Jan 2027: month 1 is partial (13 of 31 days); month 2 cannot happen.");
    const before = await postEstimate({ ...productionApp, trainingOn: "2026-12-07", firstMonth: "2026-11" });
    expect(before.status).toBe(400);
    expect(Object.keys(before.json.error.fields)).toEqual(["firstMonth"]);
    // Also against the default training day (today: 2026-06-01 here).
    const ctx = ctxOf(await createTeamWithOwner());
    expect(await rejectedFields(ctx, { ...productionApp, firstMonth: "2026-05" })).toEqual({ firstMonth: ["Must not be before the training day's month (2026-06)"] });
    expect((await estimateFromBodyOrThrow(ctx, productionApp, today)).lifecycle).toMatchObject({ trainingOn: "2026-06-01", firstMonth: "2026-06" });
  });

  it("has no lifecycle warning for typed prices or a model without a shutdown inside the months", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const { baseModel: _, priceSet: __, ...body } = productionApp;
    const custom = await estimateFromBodyOrThrow(ctx, { ...body, trainingOn: "2027-06-01", prices: { trainingPerMTok: "1", inputPerMTok: "1", outputPerMTok: "1", baseInputPerMTok: "1", baseOutputPerMTok: "1" } }, today);
    expect(custom.lifecycle).toMatchObject({ model: null, modelName: null, untilShutdown: null, warnings: [] });
    const early = await estimateFromBodyOrThrow(ctx, { ...productionApp, trainingOn: "2025-01-10", months: 12 }, today);
    expect(early.lifecycle).toMatchObject({ firstMonth: "2025-01", untilShutdown: null, warnings: [] });
  });

  it("says when the break-even lands after the shutdown", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const input = calculatorInputSchema.parse({
      ...productionApp,
      priceSet: "openai",
      trainingOn: "2026-12-07",
      training: { tokens: 10_000_000, epochs: 3 },
      breakEven: { basePromptTokens: 1_500, fineTunedPromptTokens: 150, outputTokens: 100, requestsPerMonth: 100_000 },
    });
    const r = await calculateForTeamOrThrow(ctx, input, today);
    expect(r.comparison?.outcome).toMatchObject({ kind: "recovers", months: "7.5", afterShutdown: true });
    expect(r.comparison?.shutdown?.warning).toBe("Break-even lands after gpt-4o-mini stops on 14 Jan 2027 (1.4 months in): the training cost is not recovered before the shutdown.");
  });
});
