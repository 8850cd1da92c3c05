/**
 * Model lifecycles through the real database: projections stop at a shutdown (the shutdown month prorated by days),
 * a planned move hands the projection over at its switch month, the dashboard and the Retiring list follow, and a
 * RETIREMENT alert opens once per threshold even when two evaluations run at once. Every date is explicit: nothing
 * here depends on the month the suite runs in.
 */
import { describe, expect, it } from "vitest";
import { evaluateRetirementAlerts } from "@/lib/alerts/retirement";
import { db } from "@/lib/db/client";
import { getTeamDashboard } from "@/lib/dashboard/queries";
import { listRetiringModels } from "@/lib/lifecycle/queries";
import { createModel, saveUsagePlan } from "@/lib/models/mutations";
import { getProjectCosts } from "@/lib/projections/queries";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const day = (d: string) => new Date(`${d}T00:00:00Z`);
/** $1.50 a month on gpt-4o-mini: 1M input × $0.30 + 1M output × $1.20. */
const plan = { startMonth: "2026-06", period: "MONTH" as const, inputTokens: 1_000_000n, outputTokens: 1_000_000n, daysPerMonth: 30, monthlyGrowthPct: "0" };

async function team() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Support" });
  const model = await createModel(ctx, { projectId: project.id, displayName: "Support v1", baseModel: "gpt-4o-mini", status: "ACTIVE" });
  await saveUsagePlan(ctx, model.id, plan);
  return { ctx, project, model };
}

const months = (costs: Awaited<ReturnType<typeof getProjectCosts>>, modelId: string) =>
  Object.fromEntries(costs.models.find((m) => m.modelId === modelId)!.months.map((m) => [m.month, m.projectedUsd]));

describe("projections at a shutdown", () => {
  it("stop at the base model's shutdown, prorating its month by the days still served", async () => {
    const { ctx, project, model } = await team();
    const costs = await getProjectCosts(ctx, project.id, { from: "2026-12", to: "2027-03" });
    // gpt-4o-mini shuts down on 14 January 2027: 13 of January's 31 days, $1.50 × 13 / 31; nothing after.
    expect(months(costs, model.id)).toEqual({ "2026-12": "1.5", "2027-01": "0.6290322580645161290322580645161290322581", "2027-02": null, "2027-03": null });
    expect(costs.months.map((m) => m.projectedUsd)).toEqual(["1.5", "0.6290322580645161290322580645161290322581", null, null]);
  });

  it("use the team's own shutdown date for the model over the catalog's", async () => {
    const { ctx, project, model } = await team();
    await db.fineTunedModel.update({ where: { id: model.id }, data: { shutdownOn: day("2027-03-10") } });
    const costs = await getProjectCosts(ctx, project.id, { from: "2027-01", to: "2027-04" });
    // Served 1–9 March: $1.50 × 9 / 31.
    expect(months(costs, model.id)).toEqual({ "2027-01": "1.5", "2027-02": "1.5", "2027-03": "0.435483870967741935483870967741935483871", "2027-04": null });
  });

  it("hand over at a planned move's switch month: the old model ends, the new one's plan starts", async () => {
    const { ctx, project, model } = await team();
    const next = await createModel(ctx, { projectId: project.id, displayName: "Support on Qwen", baseModel: "together:Qwen/Qwen3-8B", status: "PLANNED" });
    await db.fineTunedModel.update({ where: { id: next.id }, data: { replacesModelId: model.id } });
    await saveUsagePlan(ctx, next.id, { ...plan, startMonth: "2027-01" });
    const costs = await getProjectCosts(ctx, project.id, { from: "2026-12", to: "2027-02" });
    expect(months(costs, model.id)).toEqual({ "2026-12": "1.5", "2027-01": null, "2027-02": null });
    const qwen = months(costs, next.id);
    expect(qwen["2026-12"]).toBeNull();
    expect(qwen["2027-01"]).not.toBeNull();
    expect(qwen["2027-02"]).toBe(qwen["2027-01"]);
    // The project's months are the old model's until the switch, the new one's from it.
    expect(costs.months.map((m) => m.projectedUsd)).toEqual(["1.5", qwen["2027-01"], qwen["2027-02"]]);
  });
});

describe("the dashboard across a shutdown", () => {
  it("marks the shutdown, stops the team's trend there and lists the model with its days left", async () => {
    const { ctx, model } = await team();
    for (const [month, n] of [["2026-08", 1], ["2026-09", 1], ["2026-10", 1], ["2026-11", 1]] as const) {
      await putModelUsage(ctx, model.id, month, usageFiguresSchema.parse({ inputTokens: n * 1_000_000, outputTokens: n * 1_000_000 }), { source: "API" });
    }
    const now = new Date("2026-12-07T12:00:00Z");
    const d = await getTeamDashboard(ctx, now);
    const at = (m: string) => d.series.find((s) => s.month === m)!;
    // A flat $1.50 trend: December in full, 13/31 of January, then nothing left to expect.
    expect(at("2026-12").projectedUsd).toBe("1.5");
    expect(at("2027-01")).toMatchObject({ projectedUsd: "0.6290322580645161290322580645161290322581", forecastKind: "trend" });
    expect(at("2027-02")).toMatchObject({ projectedUsd: null, forecastKind: null });
    expect(d.shutdowns).toEqual([{ month: "2027-01", day: 14, daysInMonth: 31, label: "14 Jan 2027: gpt-4o-mini-2024-07-18 shuts down (1 model)" }]);

    const retiring = await listRetiringModels(ctx, { now });
    expect(retiring).toEqual([expect.objectContaining({ id: model.id, shutdownOn: "2027-01-14", daysLeft: 38, trainingEndsOn: "2027-01-05", shutdownSource: "catalog", movedTo: null })]);
    await db.fineTunedModel.update({ where: { id: model.id }, data: { status: "RETIRED" } });
    expect(await listRetiringModels(ctx, { now })).toEqual([]);
  });
});

describe("RETIREMENT alerts", () => {
  const retirementAlerts = (teamId: string) =>
    db.alert.findMany({ where: { teamId, kind: "RETIREMENT" }, include: { events: { orderBy: { createdAt: "asc" } } }, orderBy: { threshold: "desc" } });
  const deliveries = (teamId: string, type: string) => db.webhookDelivery.count({ where: { teamId, eventType: type } });

  it("open once per threshold across two instances, supersede the earlier one quietly, and resolve when the model retires", async () => {
    const { ctx, model } = await team();
    await db.webhook.create({ data: { teamId: ctx.teamId, url: "https://hooks.example.test/tunecost", secret: "whsec_dGVzdA==" } });

    // 75 days before: nothing. 55 days before (two instances at once): one 60-day alert, one notification.
    expect((await evaluateRetirementAlerts(ctx.teamId, { now: day("2026-10-31") })).opened).toBe(0);
    const runs = await Promise.all([0, 1].map(() => evaluateRetirementAlerts(ctx.teamId, { now: day("2026-11-20") })));
    expect(runs.map((r) => r.opened).sort()).toEqual([0, 1]);
    let alerts = await retirementAlerts(ctx.teamId);
    expect(alerts.map((a) => [a.threshold.toString(), a.status, a.modelId, a.month.toISOString().slice(0, 10)])).toEqual([["60", "OPEN", model.id, "2027-01-01"]]);
    expect(alerts[0]!.message).toMatch(/shuts down on 14 Jan 2027/);
    expect(await deliveries(ctx.teamId, "alert.opened")).toBe(1);

    // The same threshold's days again: nothing new, not even an update.
    expect(await evaluateRetirementAlerts(ctx.teamId, { now: day("2026-12-07") })).toEqual({ opened: 0, reopened: 0, updated: 0, resolved: 0 });

    // 20 days before: the 30-day alert opens (once, across two instances), the 60-day one resolves without a message.
    await Promise.all([0, 1].map(() => evaluateRetirementAlerts(ctx.teamId, { now: day("2026-12-25") })));
    alerts = await retirementAlerts(ctx.teamId);
    expect(alerts.map((a) => [a.threshold.toString(), a.status])).toEqual([["60", "RESOLVED"], ["30", "OPEN"]]);
    expect(alerts.map((a) => a.events.map((e) => e.type))).toEqual([["opened", "resolved"], ["opened"]]);
    expect(await deliveries(ctx.teamId, "alert.opened")).toBe(2);
    expect(await deliveries(ctx.teamId, "alert.resolved")).toBe(0);

    // Marked retired: nothing is left to warn about; the open alert resolves (and says so).
    await db.fineTunedModel.update({ where: { id: model.id }, data: { status: "RETIRED" } });
    expect((await evaluateRetirementAlerts(ctx.teamId, { now: day("2027-01-08") })).resolved).toBe(1);
    expect((await retirementAlerts(ctx.teamId)).map((a) => a.status)).toEqual(["RESOLVED", "RESOLVED"]);
    expect(await deliveries(ctx.teamId, "alert.resolved")).toBe(1);
    expect(await deliveries(ctx.teamId, "alert.opened")).toBe(2);
  });

  it("never open for a model a planned move replaces, an archived one, or one already shut down", async () => {
    const { ctx, project, model } = await team();
    const next = await createModel(ctx, { projectId: project.id, displayName: "Support on Qwen", baseModel: "together:Qwen/Qwen3-8B", status: "PLANNED" });
    await db.fineTunedModel.update({ where: { id: next.id }, data: { replacesModelId: model.id } });
    expect((await evaluateRetirementAlerts(ctx.teamId, { now: day("2026-12-25") })).opened).toBe(0);

    const other = await team();
    await db.fineTunedModel.update({ where: { id: other.model.id }, data: { archivedAt: new Date() } });
    expect((await evaluateRetirementAlerts(other.ctx.teamId, { now: day("2026-12-25") })).opened).toBe(0);

    const late = await team();
    expect((await evaluateRetirementAlerts(late.ctx.teamId, { now: day("2027-01-14") })).opened).toBe(0);
    expect(await retirementAlerts(late.ctx.teamId)).toEqual([]);
  });
});
