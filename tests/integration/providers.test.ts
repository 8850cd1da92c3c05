/**
 * One fine-tune per provider, priced end to end: the seeded catalog → a model → a month of usage → its stored cost
 * and the team's cost series (what the dashboards chart), each against figures worked out by hand here.
 * The prices are the seeded catalog's (lib/pricing/seed-providers.ts): a change of a seeded price fails this test
 * on purpose, so the hand-worked figures are redone with it.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/platform/migrate";
import * as catalogRoute from "@/app/api/v1/catalog/route";
import { createApiKey } from "@/lib/api-keys/create";
import { catalogSchema } from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { createModel, updateModel } from "@/lib/models/mutations";
import type { ModelInput } from "@/lib/models/schemas";
import { getTeamCosts } from "@/lib/projections/queries";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const MONTH = "2026-11"; // 30 days, 21 weekdays; every seeded price row is in force from 2026-01-01

async function teamCtx() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Migration" });
  return { ctx, project };
}

type Ctx = Awaited<ReturnType<typeof teamCtx>>["ctx"];

async function monthTotal(ctx: Ctx): Promise<string | null> {
  const costs = await getTeamCosts(ctx, { from: MONTH, to: MONTH });
  return costs.total.find((m) => m.month === MONTH)?.actualUsd ?? null;
}

async function priced(input: Omit<ModelInput, "projectId" | "displayName" | "status">, usage: Record<string, unknown>) {
  const { ctx, project } = await teamCtx();
  const model = await createModel(ctx, { projectId: project.id, displayName: "Under test", status: "ACTIVE", ...input });
  const row = await putModelUsage(ctx, model.id, MONTH, usageFiguresSchema.parse(usage), { source: "API" });
  return { ctx, model, row, total: await monthTotal(ctx) };
}

describe("a fine-tune at each provider, priced end to end", () => {
  it("OpenAI: batch tokens apart at the batch price (half), training per token × epochs", async () => {
    const { model, row, total } = await priced(
      { providerModelId: "ft:gpt-4o-mini-2024-07-18:acme:support:Prov01", trainingTokens: 1_000_000n, epochs: 3, trainedAt: "2026-10-01" },
      { inputTokens: 2_000_000, cachedInputTokens: 1_000_000, outputTokens: 1_000_000, batchInputTokens: 4_000_000, batchOutputTokens: 2_000_000 },
    );
    expect(model.trainingCostUsd).toBe("9"); // 1M × 3 × $3.00
    // 1M × 0.30 + 1M × 0.15 + 1M × 1.20 = 1.65; batch 4M × 0.15 + 2M × 0.60 = 1.80
    expect(row).toMatchObject({ costUsd: "3.45", fixedCostUsd: "0", batchInputTokens: "4000000", batchOutputTokens: "2000000" });
    expect(total).toBe("3.45");
  });

  it("Azure OpenAI: the hosted deployment's hours on an always-on schedule from the training day", async () => {
    const { model, row, total } = await priced(
      {
        baseModel: "azure-openai:gpt-4.1-mini-2025-04-14",
        providerModelId: "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef",
        trainingTokens: 2_000_000n,
        epochs: 2,
        trainedAt: "2026-11-16",
        hostingSchedule: "ALWAYS_ON",
      },
      { inputTokens: 10_000_000, outputTokens: 2_000_000 },
    );
    expect(model.trainingCostUsd).toBe("20"); // 2M × 2 × $5.00
    // tokens 10M × 0.40 + 2M × 1.60 = 7.20; hosting 16–30 Nov = 15 days × 24 h × $1.70 = 612
    expect(row).toMatchObject({ costUsd: "619.2", fixedCostUsd: "612", hostingHours: null });
    expect(total).toBe("619.2");
  });

  it("Vertex AI: Gemini tuning per token, the tuned model at the base model's prices", async () => {
    const { model, row, total } = await priced(
      { baseModel: "vertex-ai:gemini-2.5-flash", providerModelId: "projects/acme/locations/us-central1/endpoints/1234567890", trainingTokens: 1_000_000n, epochs: 1, trainedAt: "2026-09-01" },
      { inputTokens: 4_000_000, outputTokens: 1_000_000 },
    );
    expect(model.trainingCostUsd).toBe("5"); // 1M × 1 × $5.00
    expect(row).toMatchObject({ costUsd: "3.7", fixedCostUsd: "0" }); // 4M × 0.30 + 1M × 2.50
    expect(total).toBe("3.7");
  });

  it("Bedrock: monthly storage of the custom model, prorated by the days it existed", async () => {
    const { row, total } = await priced(
      { baseModel: "bedrock:amazon.nova-lite-v1:0:300k", providerModelId: "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abc123", trainedAt: "2026-11-21" },
      { inputTokens: 10_000_000, outputTokens: 5_000_000 },
    );
    // tokens 10M × 0.06 + 5M × 0.24 = 1.80; storage 21–30 Nov = 10 of 30 days × $1.95 = 0.65
    expect(row).toMatchObject({ costUsd: "2.45", fixedCostUsd: "0.65" });
    expect(total).toBe("2.45");
  });

  it("Together: DPO full training with billed validation tokens, a dedicated endpoint's hours as entered", async () => {
    const { model, row, total } = await priced(
      {
        baseModel: "together:Qwen/Qwen3-8B",
        providerModelId: "acme/Qwen3-8B-support-a1b2c3d4",
        trainingMethod: "DPO",
        fineTuneType: "FULL",
        trainingTokens: 2_000_000n,
        epochs: 2,
        validationTokens: 100_000n,
        evaluations: 4,
        trainedAt: "2026-10-01",
      },
      { inputTokens: 5_000_000, outputTokens: 1_000_000, hostingHours: "100.5" },
    );
    // 2M × 2 × $1.35 + 100k × 4 evaluations × $1.35 = 5.40 + 0.54
    expect(model.trainingCostUsd).toBe("5.94");
    // Tokens on a dedicated endpoint are not billed per token; 100.5 h × $3.99 = 400.995
    expect(row).toMatchObject({ costUsd: "400.995", fixedCostUsd: "400.995", hostingHours: "100.5" });
    expect(total).toBe("400.995");
  });

  it("Fireworks: serverless LoRA at the base model's per-token price", async () => {
    const { model, row, total } = await priced(
      { baseModel: "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct", providerModelId: "accounts/acme/models/support-llama-v3p1-8b", trainingTokens: 4_000_000n, epochs: 3, trainedAt: "2026-10-01" },
      { inputTokens: 3_000_000, outputTokens: 1_000_000 },
    );
    expect(model.trainingCostUsd).toBe("6"); // 4M × 3 × $0.50
    expect(row).toMatchObject({ costUsd: "0.8", fixedCostUsd: "0" }); // 4M × $0.20
    expect(total).toBe("0.8");
  });

  it("Mistral: the $4 minimum per job and $2 a month of storage", async () => {
    const { model, row, total } = await priced(
      { baseModel: "mistral:open-mistral-nemo", providerModelId: "ft:open-mistral-nemo:a1b2c3d4:20261001:e5f6a7b8", trainingTokens: 500_000n, epochs: 2, trainedAt: "2026-10-15" },
      { inputTokens: 2_000_000, outputTokens: 1_000_000 },
    );
    expect(model.trainingCostUsd).toBe("4"); // 1M trained tokens × $1 = $1, below the $4 minimum
    // tokens 3M × 0.15 = 0.45; storage the whole month $2
    expect(row).toMatchObject({ costUsd: "2.45", fixedCostUsd: "2" });
    expect(total).toBe("2.45");
  });

  it("self-hosted: the team's own GPU-hour rate for training and serving", async () => {
    const { ctx, project } = await teamCtx();
    await db.priceEntry.create({
      data: { modelId: "self-hosted:gpu", teamId: ctx.teamId, priceSet: "openai", effectiveFrom: new Date("2026-01-01T00:00:00Z"), trainingPerHourUsd: "2.5", hostingPerHourUsd: "2.5" },
    });
    const model = await createModel(ctx, {
      projectId: project.id,
      displayName: "Our Llama",
      status: "ACTIVE",
      baseModel: "self-hosted:gpu",
      providerModelId: "s3://models/llama-8b-support",
      trainingHours: "10",
      trainedAt: "2026-11-01",
      hostingSchedule: "BUSINESS_HOURS",
    });
    expect(model.trainingCostUsd).toBe("25"); // 10 GPU-hours × $2.50
    // No hours entered: business hours, 21 weekdays × 8 h = 168 h × $2.50 = 420
    const scheduled = await putModelUsage(ctx, model.id, MONTH, usageFiguresSchema.parse({ inputTokens: 9_000_000, outputTokens: 3_000_000 }), { source: "API" });
    expect(scheduled).toMatchObject({ costUsd: "420", fixedCostUsd: "420" });
    // Hours entered for the month win over the schedule.
    const entered = await putModelUsage(ctx, model.id, MONTH, usageFiguresSchema.parse({ inputTokens: 9_000_000, outputTokens: 3_000_000, hostingHours: "160" }), { source: "API" });
    expect(entered).toMatchObject({ costUsd: "400", fixedCostUsd: "400" });
    expect(await monthTotal(ctx)).toBe("400");
  });

  it("re-prices stored months when a model's hosting schedule or training day changes", async () => {
    const { ctx, model, row } = await priced(
      { baseModel: "azure-openai:gpt-4.1-mini-2025-04-14", trainedAt: "2026-10-01" },
      { inputTokens: 10_000_000, outputTokens: 2_000_000 },
    );
    expect(row.costUsd).toBe("7.2");
    const { id: _id, projectName: _p, version, createdAt: _c, updatedAt: _u, archived: _a, ...rest } = model;
    const input = { ...rest, baseModel: model.baseModelId, trainingTokens: null, validationTokens: null, status: "ACTIVE" as const, hostingSchedule: "ALWAYS_ON" as const, hyperparameters: null };
    await updateModel(ctx, model.id, version, input as unknown as ModelInput);
    // 30 days × 24 h × $1.70 = 1224 on top of the tokens
    expect(await monthTotal(ctx)).toBe("1231.2");
  });

  it("refuses a provider model id of another provider's form, naming the expected one", async () => {
    const { ctx, project } = await teamCtx();
    await expect(
      createModel(ctx, { projectId: project.id, displayName: "Wrong", status: "ACTIVE", baseModel: "fireworks:accounts/fireworks/models/qwen3-8b", providerModelId: "acme/qwen3-support" }),
    ).rejects.toMatchObject({ fields: { providerModelId: [expect.stringContaining("accounts/<account>/models/<model>")] } });
    // An ft: id names its own base model, which must be the one picked.
    await expect(
      createModel(ctx, { projectId: project.id, displayName: "Wrong", status: "ACTIVE", baseModel: "fireworks:accounts/fireworks/models/qwen3-8b", providerModelId: "ft:gpt-4o-mini-2024-07-18:acme:x:y" }),
    ).rejects.toMatchObject({ fields: { providerModelId: [expect.stringContaining("fine-tune of gpt-4o-mini-2024-07-18")] } });
    expect(await db.fineTunedModel.count({ where: { teamId: ctx.teamId } })).toBe(0);
  });
});

describe("GET /api/v1/catalog", () => {
  it("lists every provider's base models with the prices in force, each with its source, checked date and verification", async () => {
    const owner = await createTeamWithOwner();
    const { key } = await createApiKey(owner.teamId, owner.userId, { name: "catalog", scope: "READ" });
    const res = await catalogRoute.GET(new Request("http://localhost/api/v1/catalog", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = catalogSchema.parse(await res.json());
    const providers = new Set(body.models.map((m) => m.provider));
    for (const p of ["openai", "azure-openai", "vertex-ai", "bedrock", "together", "fireworks", "mistral", "self-hosted"]) expect(providers, p).toContain(p);
    const mistral = body.models.find((m) => m.id === "mistral:open-mistral-nemo")!;
    expect(mistral.prices).toMatchObject({ scope: "global", minTrainingChargeUsd: "4", storagePerMonthUsd: "2", checkedOn: "2026-12-07" });
    expect(mistral.prices?.sourceUrl).toMatch(/^https:\/\//);
    expect(mistral.tokenizerExact).toBe(false);
    const mini = body.models.find((m) => m.id === "gpt-4o-mini-2024-07-18")!;
    expect(mini.lifecycle).toMatchObject({ shutdownOn: "2027-01-14" });
    expect(mini.prices).toMatchObject({ batchInputPerMTokUsd: "0.15", batchOutputPerMTokUsd: "0.6" });
    // Every global row says where it comes from and when it was checked.
    for (const m of body.models) {
      if (m.prices?.scope !== "global") continue;
      expect(m.prices.sourceUrl, m.id).toBeTruthy();
      expect(m.prices.checkedOn, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof m.prices.verified, m.id).toBe("boolean");
    }
    // The self-hosted model has no global price: the team enters its own GPU-hour rate.
    expect(body.models.find((m) => m.id === "self-hosted:gpu")?.prices).toBeNull();
  });
});

describe("the provider migration over existing data", () => {
  it("makes every existing model an OpenAI model and keeps every stored cost to the last digit", async () => {
    const admin = process.env.TEST_PG_ADMIN_URL!;
    const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
    const query = async <T extends pg.QueryResultRow>(url: string, sql: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<T>(sql)).rows;
      } finally {
        await c.end();
      }
    };
    const name = "tunecost_providers_forward";
    await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await query(admin, `CREATE DATABASE ${name}`);
    const url = dbUrl(name);
    const root = join(process.cwd(), "prisma", "migrations");
    const all = await readMigrations(root);
    const index = all.findIndex((m) => m.name === "20261207150725_providers_cost_model");
    const work = await mkdtemp(join(tmpdir(), "tunecost-providers-"));
    try {
      for (const m of all.slice(0, index)) await cp(join(root, m.name), join(work, m.name), { recursive: true });
      await applyMigrations(url, work);
      const fixture = join(process.cwd(), "tests", "fixtures", "migrations", `${all[index - 1]!.name}.sql`);
      await query(url, await readFile(fixture, "utf8"));
      const before = await query<{ id: string; cost: string }>(url, `SELECT id::text, "costUsd"::text AS cost FROM "UsageRecord" ORDER BY id`);
      expect(before.length).toBeGreaterThan(0);
      await cp(join(root, all[index]!.name), join(work, all[index]!.name), { recursive: true });
      expect(await applyMigrations(url, work)).toEqual([all[index]!.name]);
      const after = await query<{ id: string; cost: string; fixed: string; batch: string }>(
        url,
        `SELECT id::text, "costUsd"::text AS cost, "fixedCostUsd"::text AS fixed, ("batchInputTokens" + "batchOutputTokens")::text AS batch FROM "UsageRecord" ORDER BY id`,
      );
      expect(after.map(({ id, cost }) => ({ id, cost }))).toEqual(before);
      expect(new Set(after.map((r) => `${Number(r.fixed)}|${r.batch}`))).toEqual(new Set(["0|0"]));
      expect(await query(url, `SELECT DISTINCT provider FROM "CatalogModel"`)).toEqual([{ provider: "openai" }]);
      expect(await query(url, `SELECT DISTINCT "trainingMethod"::text AS m, "fineTuneType"::text AS t, "hostingSchedule"::text AS h FROM "FineTunedModel"`)).toEqual([
        { m: "SFT", t: "LORA", h: "NONE" },
      ]);
    } finally {
      await rm(work, { recursive: true, force: true });
      await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

describe("the team dashboard by provider", () => {
  it("splits the last complete month by provider, and follows a model moved to another provider", async () => {
    const { getTeamDashboard } = await import("@/lib/dashboard/queries");
    const { addMonths, monthOf } = await import("@/lib/forecast");
    const latest = addMonths(monthOf(new Date()), -1);
    const { ctx, project } = await teamCtx();
    const openai = await createModel(ctx, { projectId: project.id, displayName: "On OpenAI", status: "ACTIVE", providerModelId: "ft:gpt-4o-mini-2024-07-18:acme:dash:P1" });
    const fireworks = await createModel(ctx, { projectId: project.id, displayName: "On Fireworks", status: "ACTIVE", baseModel: "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct" });
    // 1M in + 1M out: OpenAI 0.30 + 1.20 = 1.50; Fireworks 0.20 + 0.20 = 0.40
    for (const m of [openai, fireworks]) await putModelUsage(ctx, m.id, latest, usageFiguresSchema.parse({ inputTokens: 1_000_000, outputTokens: 1_000_000 }), { source: "API" });
    const first = await getTeamDashboard(ctx);
    expect(first.byProvider.latest).toBe(latest);
    expect(first.byProvider.providers.map((p) => [p.name, p.latestUsd])).toEqual([
      ["OpenAI", "1.5"],
      ["Fireworks AI", "0.4"],
    ]);
    // The team's own price for Together's Qwen3 8B equals Fireworks' ($0.20 / $0.20): moving the model there leaves
    // every stored cost as it was, and the breakdown must still follow it at once (its months get a new revision, so
    // the cached ranking is recomputed).
    await db.priceEntry.create({
      data: {
        modelId: "together:Qwen/Qwen3-8B", teamId: ctx.teamId, priceSet: "openai", effectiveFrom: new Date("2026-01-01T00:00:00Z"),
        trainingPerMTokUsd: "0.48", inputPerMTokUsd: "0.20", outputPerMTokUsd: "0.20", baseInputPerMTokUsd: "0.20", baseOutputPerMTokUsd: "0.20",
      },
    });
    const { id: _i, projectName: _p, version, createdAt: _c, updatedAt: _u, archived: _a, ...rest } = fireworks;
    await updateModel(ctx, fireworks.id, version, { ...rest, baseModel: "together:Qwen/Qwen3-8B", status: "ACTIVE", hyperparameters: null, trainingTokens: null, validationTokens: null } as unknown as ModelInput);
    const moved = await getTeamDashboard(ctx);
    expect(moved.byProvider.providers.map((p) => [p.name, p.latestUsd])).toEqual([
      ["OpenAI", "1.5"],
      ["Together AI", "0.4"],
    ]);
  });
});
