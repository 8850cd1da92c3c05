import { describe, expect, it } from "vitest";
import * as alertAck from "@/app/api/v1/alerts/[id]/acknowledge/route";
import * as alertOne from "@/app/api/v1/alerts/[id]/route";
import * as alertSnooze from "@/app/api/v1/alerts/[id]/snooze/route";
import * as alertList from "@/app/api/v1/alerts/route";
import { evaluateAlerts, evaluateTeamAlerts } from "@/lib/alerts/evaluate";
import { acknowledgeAlert, snoozeAlert } from "@/lib/alerts/mutations";
import { countOpenAlerts, getAlertOrThrow, listAlerts } from "@/lib/alerts/queries";
import { createApiKey } from "@/lib/api-keys/create";
import { db } from "@/lib/db/client";
import { addMonths, monthOf } from "@/lib/forecast";
import { createModel, saveUsagePlan } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

// Alerts are evaluated for months up to the current one, so the tests work on the months before it.
const CURRENT = monthOf(new Date());
const LAST = addMonths(CURRENT, -1);

/** A team with one project and one gpt-4o-mini model planned at $1.50 a month (1M input × $0.30 + 1M output × $1.20). */
async function planned(opts: { budget?: string; planFrom?: string } = {}) {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Support bot", monthlyBudgetUsd: opts.budget ?? null });
  const model = await createModel(ctx, {
    projectId: project.id,
    displayName: "Support v1",
    providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:support-${owner.teamId.slice(0, 8)}:AbC123`,
    status: "ACTIVE",
  });
  await saveUsagePlan(ctx, model.id, {
    startMonth: opts.planFrom ?? addMonths(CURRENT, -12),
    period: "MONTH",
    inputTokens: 1_000_000n,
    outputTokens: 1_000_000n,
    daysPerMonth: 30,
    monthlyGrowthPct: "0",
  });
  return { ctx, owner, project, model };
}

/** Usage costing input × $0.30 + output × $1.20 per million. */
const usage = (inputM: number, outputM: number, asOf?: string) =>
  usageFiguresSchema.parse({ inputTokens: Math.round(inputM * 1e6), outputTokens: Math.round(outputM * 1e6), ...(asOf ? { asOf } : {}) });

const alertsOf = (teamId: string) => db.alert.findMany({ where: { teamId }, include: { events: { orderBy: { createdAt: "asc" } } }, orderBy: { kind: "asc" } });

async function withWebhook(teamId: string) {
  await db.webhook.create({ data: { teamId, url: "https://hooks.example.test/tunecost", secret: "whsec_dGVzdA==" } });
}
// Spend alerts' deliveries: a RETIREMENT alert (from gpt-4o-mini's shutdown date, not the usage) may notify too.
const deliveries = (teamId: string, type: string) =>
  db.webhookDelivery.count({ where: { teamId, eventType: type, NOT: { payload: { path: ["data", "alert", "kind"], equals: "RETIREMENT" } } } });

describe("deviation alerts", () => {
  it("a write 25% above plan opens exactly one alert, notified once, even when 10 writes race", async () => {
    const { ctx, model } = await planned();
    await withWebhook(ctx.teamId);
    // 1.25M × $0.30 + 1.25M × $1.20 = $1.875: 25% above the plan's $1.50, beyond the default 20%.
    await Promise.all(Array.from({ length: 10 }, (_, i) => putModelUsage(ctx, model.id, LAST, usage(1.25 + i / 1e6, 1.25), { source: "API" })));
    const alerts = await alertsOf(ctx.teamId);
    expect(alerts.map((a) => [a.kind, a.status, a.month.toISOString().slice(0, 7)])).toEqual([["DEVIATION", "OPEN", LAST]]);
    expect(alerts[0]!.events.filter((e) => e.type === "opened")).toHaveLength(1);
    expect(alerts[0]!.projectedUsd?.toString()).toBe("1.5");
    expect(alerts[0]!.message).toMatch(/25\.0% above the expected \$1\.50/);
    expect(await deliveries(ctx.teamId, "alert.opened")).toBe(1);
  });

  it("correcting the figure resolves it, keeping the history; the condition returning reopens it", async () => {
    const { ctx, model } = await planned();
    await withWebhook(ctx.teamId);
    await putModelUsage(ctx, model.id, LAST, usage(1.25, 1.25), { source: "API" });
    await putModelUsage(ctx, model.id, LAST, usage(1, 1), { source: "API" });
    let [alert] = await alertsOf(ctx.teamId);
    expect(alert!.status).toBe("RESOLVED");
    expect(alert!.events.map((e) => e.type)).toEqual(["opened", "resolved"]);
    expect(await deliveries(ctx.teamId, "alert.resolved")).toBe(1);

    // 10% under is within 20%; 30% under is not.
    await putModelUsage(ctx, model.id, LAST, usage(0.9, 0.9), { source: "API" });
    await putModelUsage(ctx, model.id, LAST, usage(0.7, 0.7), { source: "API" });
    [alert] = await alertsOf(ctx.teamId);
    expect(alert!.status).toBe("OPEN");
    expect(alert!.events.map((e) => e.type)).toEqual(["opened", "resolved", "reopened"]);
    expect(alert!.message).toMatch(/30\.0% below/);
    expect((await alertsOf(ctx.teamId)).length).toBe(1);
    expect(await deliveries(ctx.teamId, "alert.reopened")).toBe(1);
  });

  it("re-evaluating the same data changes nothing; new figures update the alert without notifying again", async () => {
    const { ctx, model } = await planned();
    await withWebhook(ctx.teamId);
    await putModelUsage(ctx, model.id, LAST, usage(1.25, 1.25), { source: "API" });
    // The first full run may open what comes from dates rather than usage (a RETIREMENT alert while gpt-4o-mini's
    // shutdown is near); running it again changes nothing.
    await evaluateTeamAlerts(ctx.teamId);
    expect(await evaluateTeamAlerts(ctx.teamId)).toEqual({ opened: 0, reopened: 0, updated: 0, resolved: 0 });
    await putModelUsage(ctx, model.id, LAST, usage(1.5, 1.5), { source: "API" });
    const [alert] = (await alertsOf(ctx.teamId)).filter((a) => a.kind === "DEVIATION");
    expect(alert!.events.map((e) => e.type)).toEqual(["opened", "updated"]);
    expect(alert!.actualUsd?.toString()).toBe("2.25");
    expect(await deliveries(ctx.teamId, "alert.opened")).toBe(1);
  });
});

describe("budget alerts", () => {
  it("opens the forecast alerts from a partial month's pace, and the actual one only once the budget is spent", async () => {
    const { ctx, model } = await planned({ budget: "10" });
    // $6 by day 15 of a 30- or 31-day month paces to $12 or $12.40: past 80% and 100% of $10, but $6 is not past $10.
    await putModelUsage(ctx, model.id, LAST, usage(10, 2.5, `${LAST}-15`), { source: "API" });
    let alerts = await alertsOf(ctx.teamId);
    expect(alerts.filter((a) => a.kind === "BUDGET_FORECAST").map((a) => `${a.threshold} ${a.status} ${a.forecastKind}`).sort()).toEqual(["100 OPEN pace", "80 OPEN pace"]);
    expect(alerts.find((a) => a.kind === "BUDGET_ACTUAL")?.status).toBeUndefined();
    // The pace ($12+) is compared with the plan ($1.50), not the $6 so far.
    expect(alerts.find((a) => a.kind === "DEVIATION")?.message).toMatch(/is on pace for \$12\.\d\d/);

    // The month ends at $11: the actual alert opens; the forecast alerts stay (the month end is past both thresholds).
    await putModelUsage(ctx, model.id, LAST, usage(10, 6.666667), { source: "API" });
    alerts = await alertsOf(ctx.teamId);
    expect(alerts.find((a) => a.kind === "BUDGET_ACTUAL")).toMatchObject({ status: "OPEN", threshold: expect.anything() });
    // Without a budget nothing is left to compare with: every budget alert resolves.
    await db.project.update({ where: { id: (await db.project.findFirstOrThrow({ where: { teamId: ctx.teamId } })).id }, data: { monthlyBudgetUsd: null } });
    await evaluateTeamAlerts(ctx.teamId);
    alerts = await alertsOf(ctx.teamId);
    expect(alerts.filter((a) => a.kind.startsWith("BUDGET")).map((a) => a.status)).toEqual(["RESOLVED", "RESOLVED", "RESOLVED"]);
  });

  it("uses the project's thresholds over the team's", async () => {
    const { ctx, model, project } = await planned({ budget: "10" });
    await db.team.update({ where: { id: ctx.teamId }, data: { alertBudgetThresholds: [50] } });
    await putModelUsage(ctx, model.id, LAST, usage(10, 2.5), { source: "API" }); // $6: past 50%
    expect((await alertsOf(ctx.teamId)).filter((a) => a.kind === "BUDGET_FORECAST").map((a) => a.threshold.toString())).toEqual(["50"]);
    await db.project.update({ where: { id: project.id }, data: { alertBudgetThresholds: [90] } });
    await evaluateTeamAlerts(ctx.teamId);
    const forecast = (await alertsOf(ctx.teamId)).filter((a) => a.kind === "BUDGET_FORECAST");
    // 90% is not passed by $6; the 50% alert no longer applies and resolves.
    expect(forecast.map((a) => [a.threshold.toString(), a.status])).toEqual([["50", "RESOLVED"]]);
  });
});

describe("anomaly alerts", () => {
  it("flags a model's month outside its trend's interval once it has 3 complete months, unless anomalies are off", async () => {
    const { ctx, model, project } = await planned();
    const months = [-5, -4, -3, -2].map((n) => addMonths(CURRENT, n));
    const costs = [1.5, 1.6, 1.4]; // × (1M input + 1M output) at $1.50 per million pair
    for (const [i, m] of months.slice(0, 3).entries()) await putModelUsage(ctx, model.id, m, usage(costs[i]!, costs[i]!), { source: "API" });
    expect((await alertsOf(ctx.teamId)).filter((a) => a.kind === "ANOMALY")).toEqual([]);

    await putModelUsage(ctx, model.id, months[3]!, usage(5, 5), { source: "API" });
    let anomaly = (await alertsOf(ctx.teamId)).find((a) => a.kind === "ANOMALY");
    expect(anomaly).toMatchObject({ status: "OPEN", modelId: model.id, subjectKey: `model:${model.id}`, forecastKind: "trend" });
    expect(Number(anomaly!.highUsd)).toBeLessThan(7.5);
    expect(anomaly!.message).toMatch(/outside the trend's 80% interval/);

    await db.project.update({ where: { id: project.id }, data: { alertAnomalies: false } });
    await evaluateTeamAlerts(ctx.teamId);
    anomaly = (await alertsOf(ctx.teamId)).find((a) => a.kind === "ANOMALY");
    expect(anomaly!.status).toBe("RESOLVED");
  });
});

describe("acknowledge and snooze", () => {
  it("records who acknowledged with their note, and a snoozed alert stays quiet", async () => {
    const { ctx, model } = await planned();
    await withWebhook(ctx.teamId);
    await putModelUsage(ctx, model.id, LAST, usage(1.25, 1.25), { source: "API" });
    const { id } = (await listAlerts(ctx, { status: "OPEN" })).alerts[0]!;
    expect(await countOpenAlerts(ctx)).toBe(1);

    const acked = await acknowledgeAlert(ctx, { id, note: "Launch week" });
    expect(acked).toMatchObject({ status: "ACKNOWLEDGED", acknowledgeNote: "Launch week", acknowledgedBy: { id: ctx.userId, name: "Test Owner" } });
    expect(await countOpenAlerts(ctx)).toBe(0);
    expect((await acknowledgeAlert(ctx, { id })).events.filter((e) => e.type === "acknowledged")).toHaveLength(1);
    expect(await deliveries(ctx.teamId, "alert.acknowledged")).toBe(1);

    const snoozed = await snoozeAlert(ctx, { id });
    // A past month's alert is snoozed to the end of the current month.
    expect(snoozed.snoozedUntil).toBe(`${addMonths(CURRENT, 1)}-01T00:00:00.000Z`);
    expect(snoozed.snoozed).toBe(true);

    await putModelUsage(ctx, model.id, LAST, usage(1, 1), { source: "API" });
    await putModelUsage(ctx, model.id, LAST, usage(1.3, 1.3), { source: "API" });
    const detail = await getAlertOrThrow(ctx, id);
    expect(detail.status).toBe("OPEN");
    expect(detail.events.map((e) => e.type)).toEqual(["opened", "acknowledged", "snoozed", "resolved", "reopened"]);
    expect(detail.events[1]).toMatchObject({ actor: { id: ctx.userId, name: "Test Owner" }, data: { note: "Launch week" } });
    expect(await deliveries(ctx.teamId, "alert.resolved")).toBe(0);
    expect(await deliveries(ctx.teamId, "alert.reopened")).toBe(0);
    // The chart's months: the project's series around the alert's month, with its plan.
    expect(detail.series.find((m) => m.month === LAST)).toMatchObject({ actualUsd: "1.95", projectedUsd: "1.5", forecastKind: "plan", deviationPct: "30" });
    await expect(acknowledgeAlert(ctx, { id: (await db.alert.update({ where: { id }, data: { status: "RESOLVED" } })).id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("tenancy", () => {
  it("another team's alert is not found through the API and the core functions, and stays unchanged", async () => {
    const a = await planned();
    const b = await planned();
    await putModelUsage(a.ctx, a.model.id, LAST, usage(2, 2), { source: "API" });
    const [alert] = await alertsOf(a.ctx.teamId);
    const keyB = (await createApiKey(b.ctx.teamId, b.ctx.userId, { name: "b", scope: "WRITE" })).key;
    const keyA = (await createApiKey(a.ctx.teamId, a.ctx.userId, { name: "a", scope: "WRITE" })).key;
    const req = (key: string, method = "GET", body?: unknown) =>
      new Request(`http://localhost/api/v1/alerts/${alert!.id}`, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const params = { params: Promise.resolve({ id: alert!.id }) };

    expect((await alertOne.GET(req(keyB), params)).status).toBe(404);
    expect((await alertAck.POST(req(keyB, "POST", {}), params)).status).toBe(404);
    expect((await alertSnooze.POST(req(keyB, "POST"), params)).status).toBe(404);
    await expect(acknowledgeAlert(b.ctx, { id: alert!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(snoozeAlert(b.ctx, { id: alert!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(getAlertOrThrow(b.ctx, alert!.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listAlerts(b.ctx)).alerts).toEqual([]);
    expect(await countOpenAlerts(b.ctx)).toBe(0);
    expect((await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).status).toBe("OPEN");
    // Another team's project cannot be evaluated into another team's alerts either.
    expect(await evaluateAlerts(b.ctx.teamId, [{ projectId: a.project.id, month: LAST }])).toEqual({ opened: 0, reopened: 0, updated: 0, resolved: 0 });

    const own = await alertOne.GET(req(keyA), params);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: alert!.id, kind: "DEVIATION", status: "OPEN", actualUsd: "3", projectedUsd: "1.5", deviationPct: "100" });
    const list = await alertList.GET(new Request("http://localhost/api/v1/alerts?status=open", { headers: { authorization: `Bearer ${keyA}` } }), { params: Promise.resolve({}) });
    expect((await list.json()).alerts.map((x: { id: string }) => x.id)).toEqual([alert!.id]);
    const acked = await alertAck.POST(req(keyA, "POST", { note: "seen" }), params);
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({ status: "ACKNOWLEDGED", acknowledgeNote: "seen" });
    const bad = await alertList.GET(new Request("http://localhost/api/v1/alerts?status=closed", { headers: { authorization: `Bearer ${keyA}` } }), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
  });
});
