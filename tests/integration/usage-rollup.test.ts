import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMonths, monthOf } from "@/lib/forecast";
import { createModel, updateModel } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage, writeUsageBatch } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { repriceUsage } from "@/lib/usage/write";
import { createTeamMiniPrice, createTeamWithOwner } from "../support/factories";

// The ProjectMonthCost rollup is kept by triggers (docs/decisions/016). After every kind of change it must equal the
// sums of the records themselves, to the last digit: costs, month ends of months in progress, and counts.

const CURRENT = monthOf(new Date());
type Ctx = { userId: string; teamId: string; role: "OWNER" };

/** Rollup rows with records, and the same figures summed from UsageRecord, both as exact text. */
async function compare(teamId: string) {
  const rollup = await db.$queryRaw<Record<string, string>[]>`
    SELECT "projectId"::text AS project, to_char(month, 'YYYY-MM') AS month, trim_scale("costUsd")::text AS cost,
           trim_scale("monthEndUsd")::text AS month_end, records::text, "inProgress"::text AS in_progress
    FROM "ProjectMonthCost" WHERE "teamId" = ${teamId}::uuid AND records <> 0 ORDER BY 1, 2`;
  const direct = await db.$queryRaw<Record<string, string>[]>`
    SELECT m."projectId"::text AS project, to_char(u.month, 'YYYY-MM') AS month, trim_scale(sum(u."costUsd"))::text AS cost,
           trim_scale(sum(CASE WHEN u."asOf" < (u.month + interval '1 month' - interval '1 day')::date
                               THEN u."costUsd" * EXTRACT(DAY FROM (u.month + interval '1 month' - interval '1 day')::date) / EXTRACT(DAY FROM u."asOf")
                               ELSE u."costUsd" END))::text AS month_end,
           count(*)::text AS records, count(*) FILTER (WHERE u."asOf" < (u.month + interval '1 month' - interval '1 day')::date)::text AS in_progress
    FROM "UsageRecord" u JOIN "FineTunedModel" m ON m.id = u."modelId"
    WHERE u."teamId" = ${teamId}::uuid GROUP BY 1, 2 ORDER BY 1, 2`;
  return { rollup, direct };
}

async function expectInStep(teamId: string) {
  const { rollup, direct } = await compare(teamId);
  expect(direct.length, "the scenario stores records").toBeGreaterThan(0);
  expect(rollup).toEqual(direct);
}

async function setUp() {
  const owner = await createTeamWithOwner();
  const ctx: Ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" };
  const projects = [await createProject(ctx, { name: "Alpha" }), await createProject(ctx, { name: "Beta" })];
  const models = [];
  for (let i = 0; i < 4; i++) {
    models.push(
      await createModel(ctx, {
        projectId: projects[i % 2]!.id,
        displayName: `Model ${i}`,
        providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:r${i}-${owner.teamId.slice(0, 8)}:x`,
        status: "ACTIVE",
      }),
    );
  }
  return { ctx, projects, models };
}

const figures = (i: number, k: number, asOf?: string) =>
  usageFiguresSchema.parse({ inputTokens: 1_000_003 + i * 7_919 + k * 104_729, cachedInputTokens: 1_000 * k, outputTokens: 333_331 + k * 17, ...(asOf ? { asOf } : {}) });

describe("ProjectMonthCost rollup", () => {
  it("equals the records' sums after inserts, edits, re-pricing, a model move and deletions", async () => {
    const { ctx, projects, models } = await setUp();
    // 6 months of 4 models, the current month in progress to day 7.
    await writeUsageBatch(
      ctx,
      models.flatMap((m, i) => [
        ...Array.from({ length: 6 }, (_, k) => ({ model: m.id, month: addMonths(CURRENT, k - 6), ...figures(i, k) })),
        { model: m.id, month: CURRENT, ...figures(i, 9, `${CURRENT}-07`) },
      ]),
      "API",
    );
    await expectInStep(ctx.teamId);

    // An edit of one record (new volumes), then the month in progress moves on to day 9.
    await putModelUsage(ctx, models[0]!.id, addMonths(CURRENT, -1), figures(0, 40), { source: "FORM" });
    await putModelUsage(ctx, models[1]!.id, CURRENT, figures(1, 9, `${CURRENT}-09`), { source: "FORM" });
    await expectInStep(ctx.teamId);

    // A negotiated price from three months ago re-prices those months' records.
    await createTeamMiniPrice(ctx.teamId, `${addMonths(CURRENT, -3)}-01`);
    const repriced = await db.$transaction((tx) => repriceUsage(tx, ctx.teamId, { fromMonth: addMonths(CURRENT, -3) }));
    expect(repriced).toBeGreaterThan(0);
    await expectInStep(ctx.teamId);

    // Model 0 moves from Alpha to Beta: its months leave one project's sums for the other's.
    const before = await compare(ctx.teamId);
    const m0 = await db.fineTunedModel.findUniqueOrThrow({ where: { id: models[0]!.id }, select: { version: true, providerModelId: true, displayName: true } });
    await updateModel(ctx, models[0]!.id, m0.version, { projectId: projects[1]!.id, displayName: m0.displayName, providerModelId: m0.providerModelId, status: "ACTIVE" } as Parameters<typeof updateModel>[3]);
    await expectInStep(ctx.teamId);
    expect((await compare(ctx.teamId)).rollup).not.toEqual(before.rollup);

    // One record deleted, then a whole model (its records go with it).
    await db.usageRecord.delete({ where: { modelId_month: { modelId: models[2]!.id, month: new Date(`${addMonths(CURRENT, -2)}-01T00:00:00Z`) } } });
    await expectInStep(ctx.teamId);
    await db.fineTunedModel.delete({ where: { id: models[3]!.id } });
    await expectInStep(ctx.teamId);
    const gone = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ProjectMonthCost" WHERE "teamId" = ${ctx.teamId}::uuid AND records < 0`;
    expect(gone[0]!.n).toBe(0n);
  });

  it("counts every one of 12 concurrent writes to the same project and month", async () => {
    const { ctx, projects } = await setUp();
    // 12 more models in Alpha; each writes the same month at once, in its own transaction.
    const extra = [];
    for (let i = 0; i < 12; i++) {
      extra.push(
        await createModel(ctx, {
          projectId: projects[0]!.id,
          displayName: `Racer ${i}`,
          providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:race${i}-${ctx.teamId.slice(0, 8)}:x`,
          status: "ACTIVE",
        }),
      );
    }
    const month = addMonths(CURRENT, -1);
    await Promise.all(extra.map((m, i) => putModelUsage(ctx, m.id, month, figures(i, 1), { source: "API" })));
    await expectInStep(ctx.teamId);
    const [row] = await db.$queryRaw<{ records: number }[]>`
      SELECT records FROM "ProjectMonthCost" WHERE "projectId" = ${projects[0]!.id}::uuid AND month = ${`${month}-01`}::date`;
    expect(row!.records).toBe(12);
  });

  it("keeps each team's sums to itself", async () => {
    const a = await setUp();
    const b = await setUp();
    await writeUsageBatch(a.ctx, [{ model: a.models[0]!.id, month: addMonths(CURRENT, -1), ...figures(0, 1) }], "API");
    const rows = await db.projectMonthCost.findMany({ where: { projectId: { in: b.projects.map((p) => p.id) } } });
    expect(rows).toEqual([]);
    const own = await db.projectMonthCost.findMany({ where: { teamId: a.ctx.teamId }, select: { projectId: true, records: true } });
    expect(own).toEqual([{ projectId: a.projects[0]!.id, records: 1 }]);
  });
});
