import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { generateDemoData } from "@/lib/demo/generate";
import { repriceUsage } from "@/lib/usage/write";

const NOW = new Date("2026-11-17T12:00:00Z");
const prefix = () => `demo-${randomUUID().slice(0, 8)}`;
const options = { teams: 2, projects: 2, models: 3, months: 24, seed: 9 };

/** Each generated team's cost per month, exact, in slug order. */
async function monthlyCosts(slugPrefix: string) {
  return db.$queryRaw<{ team: string; month: string; cost: string; records: bigint }[]>`
    SELECT right(t.slug, 3) AS team, to_char(u.month, 'YYYY-MM') AS month, trim_scale(sum(u."costUsd"))::text AS cost, count(*) AS records
    FROM "UsageRecord" u JOIN "Team" t ON t.id = u."teamId"
    WHERE t.slug LIKE ${`${slugPrefix}-%`}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

describe("tunecost demo generate", () => {
  it("writes the requested sizes, priced by the catalog, with the month in progress up to today", async () => {
    const p = prefix();
    const result = await generateDemoData({ ...options, prefix: p }, undefined, NOW);
    expect(result.teams.map((t) => t.slug)).toEqual([`${p}-001`, `${p}-002`]);
    expect(result.usageRecords).toBe(2 * 2 * 3 * 24);
    const team = result.teams[0]!;
    // 6 fine-tunes, and a planned move off the costliest one on a base model that shuts down within 90 days.
    expect(await db.fineTunedModel.count({ where: { teamId: team.teamId } })).toBe(7);
    const move = await db.fineTunedModel.findFirstOrThrow({ where: { teamId: team.teamId, status: "PLANNED" }, include: { plan: true, replaces: { include: { baseModel: true } } } });
    expect(move).toMatchObject({ baseModelId: "fireworks:accounts/fireworks/models/qwen3-8b", replaces: { baseModel: { shutdownOn: new Date("2027-01-14T00:00:00Z") } } });
    expect(move.plan?.startMonth.toISOString().slice(0, 7)).toBe("2027-01");
    // 58 days before the 14 January shutdown: a 60-day retirement alert for each retiring model still tracked.
    const retirements = await db.alert.findMany({ where: { teamId: team.teamId, kind: "RETIREMENT" }, select: { modelId: true, threshold: true } });
    expect(retirements.length).toBeGreaterThan(0);
    expect(retirements.every((a) => a.threshold.toString() === "60" && a.modelId !== move.replacesModelId)).toBe(true);
    expect(await db.project.count({ where: { teamId: team.teamId } })).toBe(2);

    // History from 2024-12 to 2026-11: before the catalog's first prices (2025-04-14), so each base model used got a
    // team row dated 2024-12-01 with the catalog's prices.
    const backdated = await db.priceEntry.findMany({ where: { teamId: team.teamId }, select: { effectiveFrom: true, note: true } });
    expect(backdated.length).toBeGreaterThan(0);
    expect(backdated.every((r) => r.effectiveFrom.toISOString().startsWith("2024-12-01"))).toBe(true);

    // Every stored cost is what the app's pricer gives for those volumes: re-pricing changes no row.
    await db.$transaction(async (tx) => expect(await repriceUsage(tx, team.teamId)).toBe(0));
    // …and it is not zero: the volumes are real.
    const [sum] = await db.$queryRaw<{ total: string }[]>`SELECT sum("costUsd")::text AS total FROM "UsageRecord" WHERE "teamId" = ${team.teamId}::uuid`;
    expect(Number(sum!.total)).toBeGreaterThan(0);

    const inProgress = await db.usageRecord.findMany({ where: { teamId: team.teamId, asOf: { not: null } }, select: { month: true, asOf: true } });
    expect(inProgress).toHaveLength(6);
    expect(inProgress.every((r) => r.asOf!.toISOString().startsWith("2026-11-17") && r.month.toISOString().startsWith("2026-11-01"))).toBe(true);

    const trained = await db.fineTunedModel.findMany({ where: { teamId: team.teamId, status: "ACTIVE" }, select: { trainingCostUsd: true, providerModelId: true } });
    expect(trained.every((m) => m.trainingCostUsd !== null && m.trainingCostUsd.gt(0) && m.providerModelId!.includes(`:${p}-001:`))).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { teamId: team.teamId }, select: { action: true, summary: true } });
    expect(audit).toEqual([{ action: "team.create", summary: "Generated demo data: 2 projects, 7 models, 144 usage months (seed 9), a planned move off a retiring model" }]);
  });

  it("is reproducible: the same seed gives the same costs to the last digit, another seed others", async () => {
    const [a, b, c] = [prefix(), prefix(), prefix()];
    await generateDemoData({ ...options, prefix: a }, undefined, NOW);
    await generateDemoData({ ...options, prefix: b }, undefined, NOW);
    await generateDemoData({ ...options, seed: 10, prefix: c }, undefined, NOW);
    const [ca, cb, cc] = [await monthlyCosts(a), await monthlyCosts(b), await monthlyCosts(c)];
    expect(ca).toHaveLength(2 * 24);
    expect(cb).toEqual(ca);
    expect(cc.map((r) => r.cost)).not.toEqual(ca.map((r) => r.cost));
  });

  it("refuses slugs that exist before writing anything, and refuses a future --until", async () => {
    const p = prefix();
    await generateDemoData({ ...options, teams: 1, prefix: p }, undefined, NOW);
    const teamsBefore = await db.team.count();
    // Team 001 exists; team 002 would be new: nothing at all is written.
    await expect(generateDemoData({ ...options, teams: 2, prefix: p }, undefined, NOW)).rejects.toThrow(`Team ${p}-001 already exists: choose another --prefix.`);
    await expect(generateDemoData({ ...options, prefix: prefix(), until: "2026-12" }, undefined, NOW)).rejects.toThrow("--until 2026-12 is in the future.");
    expect(await db.team.count()).toBe(teamsBefore);
  });

  it("rejects sizes out of range with the option's name", async () => {
    await expect(generateDemoData({ ...options, teams: 0, prefix: prefix() }, undefined, NOW)).rejects.toThrow("--teams must be at least 1");
    await expect(generateDemoData({ ...options, months: 121, prefix: prefix() }, undefined, NOW)).rejects.toThrow("--months can be at most 120");
  });
});
