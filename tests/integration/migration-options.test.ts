/**
 * The migration planner end to end: a gpt-4o-mini fine-tune with three months of usage and a dataset counted with two
 * tokenizers, priced on the seeded catalog (lib/pricing/seed-providers.ts) against figures worked out by hand here.
 * A change of a seeded price fails this test on purpose, so the figures are redone with it.
 */
import { describe, expect, it } from "vitest";
import * as migrationRoute from "@/app/api/v1/models/[id]/migration-options/route";
import * as modelsRoute from "@/app/api/v1/models/route";
import { createApiKey } from "@/lib/api-keys/create";
import { v1 } from "@/lib/api/operations";
import { db } from "@/lib/db/client";
import { planMove } from "@/lib/migration/mutations";
import { getMigrationOptionsOrThrow } from "@/lib/migration/queries";
import { migrationOptionsSchema } from "@/lib/migration/schemas";
import { createModel, updateModel } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const NOW = new Date("2026-12-07T12:00:00Z");
const AZURE = "azure-openai:gpt-4o-mini-2024-07-18";
const QWEN = "together:Qwen/Qwen3-8B";

async function teamWithModel() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Support" });
  // The dataset: 1,200,000 tokens (1,000,000 billed per epoch) with o200k_base, 1,260,000 (1,050,000) with qwen3.
  const dataset = await db.dataset.create({
    data: {
      teamId: owner.teamId,
      name: "Support chats",
      fileName: "support.jsonl",
      fileBytes: 5_000_000n,
      fileSha256: "a".repeat(64),
      format: "chat",
      examples: 1000,
      validExamples: 1000,
      errorCount: 0,
      warningCount: 0,
      baseModelId: "gpt-4o-mini-2024-07-18",
      encoding: "o200k_base",
      contextLimit: 65_536,
      totalTokens: 1_200_000n,
      billedTokensPerEpoch: 1_000_000n,
      assistantTokens: 400_000n,
      overLimitExamples: 0,
      epochs: 3,
      epochsSource: "default",
      trainedTokens: 3_000_000n,
      priceSet: "openai",
      summary: {},
      tokenCounts: { qwen3: { total: 1_260_000, billedPerEpoch: 1_050_000, assistant: 420_000 } },
    },
    select: { id: true },
  });
  const model = await createModel(ctx, {
    projectId: project.id,
    displayName: "Support bot",
    providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:support-${owner.teamId.slice(0, 8)}:Mig001`,
    status: "ACTIVE",
    trainingTokens: 1_000_000n,
    epochs: 3,
    trainedAt: "2026-06-01",
    datasetId: dataset.id,
  });
  // Each month: 10M input (2M cached), 4M output on gpt-4o-mini at $0.30 / $0.15 / $1.20:
  // 8M × 0.30 + 2M × 0.15 + 4M × 1.20 = 2.40 + 0.30 + 4.80 = $7.50.
  for (const month of ["2026-09", "2026-10", "2026-11"]) {
    await putModelUsage(ctx, model.id, month, usageFiguresSchema.parse({ inputTokens: 10_000_000, cachedInputTokens: 2_000_000, outputTokens: 4_000_000 }), { source: "API" });
  }
  const key = (await createApiKey(owner.teamId, owner.userId, { name: "read", scope: "READ" })).key;
  const writeKey = (await createApiKey(owner.teamId, owner.userId, { name: "write", scope: "WRITE" })).key;
  return { ctx, model, key, writeKey, projectId: project.id };
}

async function get(key: string, id: string, query = "") {
  const res = await migrationRoute.GET(new Request(`http://localhost/api/v1/models/${id}/migration-options${query}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe("GET /api/v1/models/{id}/migration-options", () => {
  it("prices the observed workload on candidates with hand-computed figures", async () => {
    const { ctx, model } = await teamWithModel();
    const view = await getMigrationOptionsOrThrow(ctx, model.id, {}, NOW);
    expect(migrationOptionsSchema.safeParse(view).success).toBe(true);
    // Default window: the 3 complete months before December 2026.
    expect(view.window).toEqual({ from: "2026-09", to: "2026-11", months: 3, recordedMonths: 3 });
    expect(view.workload).toMatchObject({ inputTokens: "10000000", cachedInputTokens: "2000000", outputTokens: "4000000" });
    // The current model: $7.50 a month; 7 Dec → 14 Jan = 25/31 + 13/31 of a month: 7.50 × 38 ÷ 31 = 9.193548387096…
    expect(view.current).toMatchObject({ baseModelId: "gpt-4o-mini-2024-07-18", shutdownOn: "2027-01-14", daysUntilShutdown: 38, monthlyUsd: "7.5", costUntilShutdownUsd: "9.1935483871" });
    // Neither the model's own base nor a base that can no longer be trained is a candidate.
    const ids = [...view.options, ...view.unpriced].map((o) => o.modelId);
    expect(ids).not.toContain("gpt-4o-mini-2024-07-18");
    // gpt-4.1 still trains until 6 Jan 2027 but shuts down with gpt-4o-mini on 14 Jan: it solves nothing.
    expect(ids).not.toContain("gpt-4.1-2025-04-14");
    const azure = view.options.find((o) => o.modelId === AZURE);
    // Azure's gpt-4o-mini (trainable there until its own retirement). Same tokenizer (o200k_base): ratio 1.
    // Training 1,000,000 × 3 × $3.00 = $9. Month: 8M × 0.15 + 2M × 0.075 + 4M × 0.60 = 1.20 + 0.15 + 2.40 = $3.75;
    // hosting always on (no schedule, and Azure serves a fine-tune only while deployed): 730 h × $1.70 = $1,241
    // → $1,244.75. Next 12: 9 + 12 × 1,244.75 = $14,946. Difference: 1,244.75 − 7.50 = $1,237.25.
    expect(azure).toMatchObject({
      tokenRatio: "1",
      estimated: false,
      training: { tokensPerEpoch: "1000000", epochs: 3, totalUsd: "9" },
      monthly: { inferenceUsd: "3.75", hostingHours: "730", hostingUsd: "1241", fixedUsd: "1241", totalUsd: "1244.75" },
      next12MonthsUsd: "14946",
      monthlyDifferenceUsd: "1237.25",
    });
    // A base with no serving price at all ($0 tokens, no hosting) is not shown as the cheapest: it is listed unpriced.
    expect(view.unpriced.map((u) => u.modelId)).toContain("together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference");
    const qwen = view.options.find((o) => o.modelId === QWEN);
    // qwen3 re-count: ratio 1,260,000 ÷ 1,200,000 = 1.05, exact. Training 1,050,000 × 3 × $0.48 = $1.512.
    // Volumes 10.5M / 2.1M / 4.2M at Together's fine-tuned token prices ($0: a dedicated endpoint serves it) and
    // the endpoint always on: 730 h × $3.99 = $2,912.70. Next 12: 1.512 + 12 × 2,912.70 = $34,953.912.
    expect(qwen).toMatchObject({
      tokenRatio: "1.05",
      tokenRatioExact: true,
      training: { tokensPerEpoch: "1050000", totalUsd: "1.512" },
      monthly: { inputTokens: "10500000", cachedInputTokens: "2100000", outputTokens: "4200000", inferenceUsd: "0", hostingUsd: "2912.7", totalUsd: "2912.7" },
      next12MonthsUsd: "34953.912",
      monthlyDifferenceUsd: "2905.2",
    });
    // Cheapest first.
    const totals = view.options.map((o) => Number(o.next12MonthsUsd));
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
  });

  it("filters by provider and context length, and answers its documented schema over the API", async () => {
    const { model, key } = await teamWithModel();
    const res = await get(key, model.id, "?from=2026-09&to=2026-11&provider=together&minContext=100000");
    expect(res.status).toBe(200);
    const checked = v1.getMigrationOptions.success;
    expect("body" in checked && checked.body.schema.safeParse(res.json).success).toBe(true);
    expect(res.json.filters).toEqual({ provider: "together", minContext: 100000 });
    for (const o of [...res.json.options, ...res.json.unpriced]) expect(o.provider).toBe("together");
    for (const o of res.json.options) expect(o.contextLength).toBeGreaterThanOrEqual(100000);
  });

  it("answers 404 for another team's model and 400 naming the field for a bad query", async () => {
    const { model } = await teamWithModel();
    const other = await teamWithModel();
    expect((await get(other.key, model.id)).status).toBe(404);
    const badMonth = await get(other.key, other.model.id, "?from=2026-13");
    expect(badMonth.status).toBe(400);
    expect(badMonth.json.error.fields).toHaveProperty("from");
    const badProvider = await get(other.key, other.model.id, "?provider=acme");
    expect(badProvider.status).toBe(400);
    expect(badProvider.json.error.fields).toHaveProperty("provider");
    const badContext = await get(other.key, other.model.id, "?minContext=lots");
    expect(badContext.status).toBe(400);
    expect(badContext.json.error.fields).toHaveProperty("minContext");
    const reversed = await get(other.key, other.model.id, "?from=2026-11&to=2026-09");
    expect(reversed.status).toBe(400);
    expect(reversed.json.error.fields).toHaveProperty("from");
  });
});

async function post(key: string, body: unknown) {
  const res = await modelsRoute.POST(new Request("http://localhost/api/v1/models", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(body) }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe("POST /api/v1/models with replacesModelId and shutdownOn", () => {
  it("links a new model to the one it replaces, once, within the team", async () => {
    const { model, writeKey, projectId } = await teamWithModel();
    const other = await teamWithModel();
    const body = { projectId, displayName: "Support on Qwen", baseModel: QWEN, status: "PLANNED", replacesModelId: model.id, shutdownOn: "2027-12-31" };
    const created = await post(writeKey, body);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ replacesModelId: model.id, shutdownOn: "2027-12-31", replacedById: null });
    const old = await db.fineTunedModel.findUniqueOrThrow({ where: { id: model.id }, select: { replacedBy: { select: { id: true } } } });
    expect(old.replacedBy?.id).toBe(created.json.id);
    // A retry (or a second move) of the same model: 409, no duplicate.
    const again = await post(writeKey, body);
    expect(again.status).toBe(409);
    expect(again.json.error.fields).toHaveProperty("replacesModelId");
    expect(await db.fineTunedModel.count({ where: { replacesModelId: model.id } })).toBe(1);
    // Another team's model: 404, as if it did not exist.
    const foreign = await post(other.writeKey, { ...body, projectId: other.projectId });
    expect(foreign.status).toBe(404);
    // Not a date: 422 naming the field.
    const badDate = await post(writeKey, { ...body, replacesModelId: null, shutdownOn: "14/01/2027" });
    expect(badDate.status).toBe(422);
    expect(badDate.json.error.fields).toHaveProperty("shutdownOn");
  });

  it("refuses a model replacing itself, and the team's own shutdown date drives the planner", async () => {
    const { ctx, model, projectId } = await teamWithModel();
    const input = { projectId, displayName: "Support bot", providerModelId: null, baseModel: "gpt-4o-mini-2024-07-18", status: "ACTIVE" as const, trainingTokens: 1_000_000n, epochs: 3, trainedAt: "2026-06-01" };
    await expect(updateModel(ctx, model.id, model.version, { ...input, replacesModelId: model.id })).rejects.toMatchObject({ code: "validation_failed", fields: { replacesModelId: expect.anything() } });
    const updated = await updateModel(ctx, model.id, model.version, { ...input, shutdownOn: "2026-12-31" });
    expect(updated.shutdownOn).toBe("2026-12-31");
    const view = await getMigrationOptionsOrThrow(ctx, model.id, {}, NOW);
    // It serves 7 → 30 Dec (the shutdown day itself not): 24 of 31 days; 7.50 × 24 ÷ 31 = 180 ÷ 31 = 5.806451612903…
    expect(view.current).toMatchObject({ shutdownOn: "2026-12-31", daysUntilShutdown: 24, costUntilShutdownUsd: "5.8064516129" });
  });
});

describe("planMove", () => {
  it("creates one planned model with a usage plan carrying the scaled volumes, and returns it again on a retry", async () => {
    const { ctx, model } = await teamWithModel();
    const other = await teamWithModel();
    const input = { modelId: model.id, targetModelId: QWEN, startMonth: "2027-01" };
    const first = await planMove(ctx, input, NOW);
    expect(first.created).toBe(true);
    expect(first.model).toMatchObject({ status: "PLANNED", baseModelId: QWEN, replacesModelId: model.id, projectId: model.projectId, trainingTokens: "1050000", epochs: 3, hostingSchedule: "ALWAYS_ON" });
    const plan = await db.usagePlan.findUniqueOrThrow({ where: { modelId: first.model.id } });
    // 10M / 2M / 4M × 1.05.
    expect(plan).toMatchObject({ period: "MONTH", inputTokens: 10_500_000n, cachedInputTokens: 2_100_000n, outputTokens: 4_200_000n });
    expect(plan.startMonth.toISOString().slice(0, 7)).toBe("2027-01");
    const again = await planMove(ctx, { ...input, targetModelId: AZURE }, NOW);
    expect(again).toMatchObject({ created: false, model: { id: first.model.id } });
    expect(await db.fineTunedModel.count({ where: { replacesModelId: model.id } })).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { teamId: ctx.teamId, entityId: first.model.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["model.create", "model.plan_create"]);
    // Another team's model: 404; a target that is not a candidate: 422 on the field.
    await expect(planMove(other.ctx, input, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(planMove(other.ctx, { ...input, modelId: other.model.id, targetModelId: "gpt-4o-mini-2024-07-18" }, NOW)).rejects.toMatchObject({ code: "validation_failed", fields: { targetModelId: expect.anything() } });
    await expect(planMove(other.ctx, { ...input, modelId: other.model.id, startMonth: "2026-01" }, NOW)).rejects.toMatchObject({ fields: { startMonth: expect.anything() } });
  });
});
