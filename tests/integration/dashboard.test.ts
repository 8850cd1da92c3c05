import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getModelDashboard, getProjectDashboard, getTeamDashboard } from "@/lib/dashboard/queries";
import { db } from "@/lib/db/client";
import { addMonths, monthOf } from "@/lib/forecast";
import { createModel, saveUsagePlan, updateModel } from "@/lib/models/mutations";
import { getCostSeries } from "@/lib/projections/queries";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage, writeUsageBatch } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const CURRENT = monthOf(new Date());
const HISTORY = 14; // complete months before the current one: enough for a trend in every charted month

// Every SQL statement any pool client sends, counted in this test process (Prisma's pg adapter and raw queries alike).
let statements = 0;
const originalQuery = pg.Client.prototype.query;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }> {
  const before = statements;
  const result = await fn();
  return { result, count: statements - before };
}

type Ctx = { userId: string; teamId: string; role: "OWNER" };

/** A team of `projects` × `models` gpt-4o-mini models with `months` complete months of usage (and the current one in progress). */
async function team(shape: { projects: number; models: number; months: number; inProgress?: boolean }) {
  const owner = await createTeamWithOwner();
  const ctx: Ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" };
  const modelIds: string[] = [];
  const projectIds: string[] = [];
  for (let p = 0; p < shape.projects; p++) {
    const project = await createProject(ctx, { name: `Project ${p}`, monthlyBudgetUsd: "100" });
    projectIds.push(project.id);
    for (let m = 0; m < shape.models; m++) {
      const model = await createModel(ctx, {
        projectId: project.id,
        displayName: `Model ${p}.${m}`,
        providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:p${p}m${m}-${owner.teamId.slice(0, 8)}:x`,
        status: "ACTIVE",
      });
      modelIds.push(model.id);
    }
  }
  const records = modelIds.flatMap((model, i) =>
    Array.from({ length: shape.months }, (_, k) => {
      const month = addMonths(CURRENT, k - shape.months);
      // Growing, a little noisy, different per model: 1M input + (1 + k/10 + i/100)M output.
      return { model, month, ...usageFiguresSchema.parse({ inputTokens: 1_000_000 + ((k * 7919 + i * 104729) % 50_000), outputTokens: 1_000_000 + k * 100_000 + i * 10_000 }) };
    }),
  );
  if (shape.inProgress) {
    for (const model of modelIds) records.push({ model, month: CURRENT, ...usageFiguresSchema.parse({ inputTokens: 500_000, outputTokens: 500_000, asOf: `${CURRENT}-10` }) });
  }
  if (records.length) await writeUsageBatch(ctx, records, "API");
  return { ctx, projectIds, modelIds };
}

describe("dashboard queries", () => {
  let few: Awaited<ReturnType<typeof team>>;
  let many: Awaited<ReturnType<typeof team>>;
  beforeAll(async () => {
    few = await team({ projects: 1, models: 1, months: HISTORY, inProgress: true });
    many = await team({ projects: 4, models: 6, months: HISTORY, inProgress: true });
  }, 120_000);

  it("runs the same number of SQL statements for 1 model as for 24 models in 4 projects (no N+1)", async () => {
    const pages = (t: typeof few): (() => Promise<unknown>)[] => [
      () => getTeamDashboard(t.ctx),
      () => getProjectDashboard(t.ctx, t.projectIds[0]!),
      () => getModelDashboard(t.ctx, t.modelIds[0]!),
    ];
    for (const [i, page] of ["team", "project", "model"].entries()) {
      const small = await countStatements(pages(few)[i]!);
      const large = await countStatements(pages(many)[i]!);
      expect(large.count, `${page} dashboard`).toBe(small.count);
      // ~9 statements, plus one projection load (≤ 10) for the models a shutdown or a planned move touches: these
      // teams' gpt-4o-mini models shut down within the charted months.
      expect(large.count, `${page} dashboard`).toBeLessThanOrEqual(22);
      expect(large.count, `${page} dashboard: the counter sees the statements`).toBeGreaterThanOrEqual(4);
    }
  });

  it("a young team's plan-based months load the per-model fallback, still in a bounded number of statements", async () => {
    const young = async (models: number) => {
      const t = await team({ projects: 1, models, months: 0 });
      for (const id of t.modelIds) {
        await saveUsagePlan(t.ctx, id, { startMonth: addMonths(CURRENT, -1), period: "MONTH", inputTokens: 1_000_000n, outputTokens: 1_000_000n, daysPerMonth: 30, monthlyGrowthPct: "0" });
      }
      return t;
    };
    const [one, five] = [await young(1), await young(5)];
    const small = await countStatements(() => getTeamDashboard(one.ctx));
    const large = await countStatements(() => getTeamDashboard(five.ctx));
    expect(large.count).toBe(small.count);
    // 5 plans of $1.50 (1M × $0.30 + 1M × $1.20) a month from last month on; nothing recorded.
    const now = large.result.series.find((m) => m.month === CURRENT)!;
    expect(now).toMatchObject({ forecastKind: "plan", projectedUsd: "7.5", actualUsd: null, monthEndUsd: "7.5" });
    expect(large.result.series.find((m) => m.month === addMonths(CURRENT, -2))!.projectedUsd).toBeNull();
  });

  it("sums what was recorded, paces the month in progress, and ranks models and movers", async () => {
    const d = await getTeamDashboard(many.ctx);
    const stored = await db.usageRecord.findMany({ where: { teamId: many.ctx.teamId }, select: { month: true, costUsd: true, asOf: true } });
    const sumOf = (month: string) => stored.filter((r) => r.month.toISOString().startsWith(month)).reduce((a, r) => a + Number(r.costUsd), 0);
    const last = d.series.find((m) => m.month === addMonths(CURRENT, -1))!;
    expect(Number(last.actualUsd)).toBeCloseTo(sumOf(addMonths(CURRENT, -1)), 8);
    expect(last.forecastKind).toBe("trend");
    const now = d.series.find((m) => m.month === CURRENT)!;
    expect(now.forecastKind).toBe("pace");
    // Every record runs to day 10, so the month end is the total × days ÷ 10.
    const days = new Date(Date.UTC(Number(CURRENT.slice(0, 4)), Number(CURRENT.slice(5)), 0)).getUTCDate();
    expect(Number(now.monthEndUsd)).toBeCloseTo((sumOf(CURRENT) * days) / 10, 6);
    expect(d.summary).toMatchObject({ month: CURRENT, actualUsd: now.actualUsd, monthEndUsd: now.monthEndUsd, budgetUsd: "400" });
    expect(d.summary.burn).toMatchObject({ budgetUsd: "400", asOfDay: 10 });
    expect(d.byProject.series).toHaveLength(4);
    expect(d.byModel.models).toHaveLength(10);
    // Later models use more output tokens each month: the last one costs most.
    expect(d.byModel.models[0]!.name).toBe("Model 3.5");
    expect(d.movers.models.length).toBeGreaterThan(0);
    expect(d.movers.models.every((m) => Number(m.changeUsd) > 0)).toBe(true);
  });

  it("reuses the team's model ranking until a write to either month, and always shows current names", async () => {
    const t = await team({ projects: 2, models: 3, months: 3 });
    const first = await countStatements(() => getTeamDashboard(t.ctx));
    const again = await countStatements(() => getTeamDashboard(t.ctx));
    expect(again.result.byModel).toEqual(first.result.byModel);
    expect(again.result.movers).toEqual(first.result.movers);
    // A hit skips the ranking pass and the write of its result.
    expect(again.count).toBe(first.count - 2);
    const [cache] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "TeamModelRanking" WHERE "teamId" = ${t.ctx.teamId}::uuid`;
    expect(cache!.n).toBe(1n);

    // Last month, model 0 suddenly costs far more than any other: the next render ranks it first, as a mover too.
    const latest = addMonths(CURRENT, -1);
    await putModelUsage(t.ctx, t.modelIds[0]!, latest, usageFiguresSchema.parse({ inputTokens: 900_000_000, outputTokens: 900_000_000 }), { source: "FORM" });
    const after = await getTeamDashboard(t.ctx);
    expect(after.byModel.models[0]!.modelId).toBe(t.modelIds[0]);
    expect(after.byModel.models[0]!.costUsd).toBe("1350"); // 900M × $0.30 + 900M × $1.20 per 1M
    expect(after.movers.models[0]!.modelId).toBe(t.modelIds[0]);

    // A rename does not touch usage: the cached ranking is reused and shows the new name.
    await db.fineTunedModel.update({ where: { id: t.modelIds[0]! }, data: { displayName: "Renamed model" } });
    const renamed = await countStatements(() => getTeamDashboard(t.ctx));
    expect(renamed.count).toBe(again.count);
    expect(renamed.result.byModel.models[0]!.name).toBe("Renamed model");
  });

  it("forecasts one model exactly as the projections do (trend months)", async () => {
    const modelId = many.modelIds[3]!;
    const d = await getModelDashboard(many.ctx, modelId);
    const reference = await getCostSeries(many.ctx, { projectId: many.projectIds[0]!, modelId, from: d.series[0]!.month, to: d.series.at(-1)!.month });
    expect(d.series.map(({ month, actualUsd, projectedUsd, lowUsd, highUsd, forecastKind }) => ({ month, actualUsd, projectedUsd, lowUsd, highUsd, forecastKind }))).toEqual(
      reference.map(({ month, actualUsd, projectedUsd, lowUsd, highUsd, forecastKind }) => ({ month, actualUsd, projectedUsd, lowUsd, highUsd, forecastKind })),
    );
    expect(d.tokens.at(-1)).toMatchObject({ month: CURRENT, uncachedInputTokens: "500000", outputTokens: "500000", asOf: `${CURRENT}-10` });
    expect(d.savings).toBeNull();
  });

  it("the model page prices the base model with the longer prompt once prompt lengths are entered", async () => {
    const modelId = few.modelIds[0]!;
    const m = await db.fineTunedModel.findUniqueOrThrow({ where: { id: modelId }, select: { version: true, providerModelId: true, projectId: true, displayName: true } });
    await updateModel(few.ctx, modelId, m.version, {
      projectId: m.projectId,
      displayName: m.displayName,
      providerModelId: m.providerModelId,
      status: "ACTIVE",
      promptTokensFineTuned: 100,
      promptTokensBase: 1100,
    } as Parameters<typeof updateModel>[3]);
    const d = await getModelDashboard(few.ctx, modelId);
    expect(d.savings!.months).toHaveLength(HISTORY + 1);
    // Month 0: input I, output O, no requests recorded → I ÷ 100 requests, each 1,000 tokens longer on the base model.
    const first = d.savings!.months[0]!;
    const tokens = d.tokens[0]!;
    const requests = BigInt(tokens.uncachedInputTokens) / 100n;
    const base = (Number(BigInt(tokens.uncachedInputTokens) + requests * 1000n) * 0.15 + Number(tokens.outputTokens) * 0.6) / 1e6;
    expect(first.requestsEstimated).toBe(true);
    expect(Number(first.baseUsd)).toBeCloseTo(base, 9);
    expect(Number(first.savedUsd)).toBeCloseTo(base - Number(tokens.costUsd), 9);
  });

  it("another team's project and model are not found, and no other team's usage reaches a sum", async () => {
    await expect(getProjectDashboard(few.ctx, many.projectIds[0]!)).rejects.toMatchObject({ code: "not_found" });
    await expect(getModelDashboard(few.ctx, many.modelIds[0]!)).rejects.toMatchObject({ code: "not_found" });
    const a = await getTeamDashboard(few.ctx);
    expect(a.modelCount).toBe(1);
    expect(a.byModel.models.map((m) => m.modelId)).toEqual([few.modelIds[0]]);
    const project = await getProjectDashboard(few.ctx, few.projectIds[0]!);
    expect(project.models.map((m) => m.id)).toEqual([few.modelIds[0]]);
    expect(project.series.find((m) => m.month === CURRENT)!.actualUsd).toBe(a.series.find((m) => m.month === CURRENT)!.actualUsd);
  });

  it("a new team's dashboard is empty, not an error", async () => {
    const { ctx } = await team({ projects: 0, models: 0, months: 0 });
    const d = await getTeamDashboard(ctx);
    expect(d).toMatchObject({ projectCount: 0, modelCount: 0, alerts: [], byModel: { models: [], otherUsd: null }, movers: { models: [] } });
    expect(d.series.every((m) => m.actualUsd === null && m.projectedUsd === null)).toBe(true);
    expect(d.summary).toMatchObject({ actualUsd: null, monthEndUsd: null, budgetUsd: null, burn: null, ytd: { totalUsd: "0" } });
  });
});
