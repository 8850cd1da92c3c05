import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Server actions and the session guard read the request's cookies through next/headers, which only exists inside a
// Next.js request. The jar below stands in for that one accessor and holds a real next-auth session JWT, verified
// against the real database by the real guard. next/cache's revalidatePath needs Next's render store: a no-op here.
const jar = vi.hoisted(() => {
  process.env.TUNECOST_WEBHOOK_ALLOW_HOSTS = "127.0.0.1";
  return new Map<string, string>();
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import * as auditExport from "@/app/(app)/settings/audit/export/route";
import * as batchRoute from "@/app/api/v1/usage/batch/route";
import { evaluateTeamAlerts } from "@/lib/alerts/evaluate";
import { acknowledgeAlert, snoozeAlert } from "@/lib/alerts/mutations";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api-keys/actions";
import { createApiKey } from "@/lib/api-keys/create";
import { recordAudit } from "@/lib/audit/record";
import { listAuditEvents } from "@/lib/audit/queries";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { TEAM_COOKIE } from "@/lib/auth/session-token";
import { db } from "@/lib/db/client";
import { addMonths, monthOf } from "@/lib/forecast";
import { commitImportAction } from "@/lib/imports/actions";
import { parseCsv } from "@/lib/imports/csv";
import { createModel, saveUsagePlan, setModelArchived, updateModel } from "@/lib/models/mutations";
import { addPriceEntryAction, setPriceSetAction } from "@/lib/pricing/actions";
import { createProject, setProjectArchived, updateProject } from "@/lib/projects/mutations";
import { putModelUsageAction, saveUsageGridAction } from "@/lib/usage/actions";
import { putModelUsage, writeUsageBatch } from "@/lib/usage/mutations";
import { createWebhook, deleteWebhook, setWebhookActive } from "@/lib/webhooks/mutations";
import { createTeamWithOwner, uniqueEmail } from "../support/factories";

type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

/** Signs `userId` in for the next server actions and session requests: a real session cookie for their team. */
async function signIn(userId: string, teamId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  jar.clear();
  jar.set("next-auth.session-token", await encode({ token: { uid: userId, sv: sessionVersion }, secret: process.env.NEXTAUTH_SECRET! }));
  jar.set(TEAM_COOKIE, teamId);
}

/** A team with a project and a gpt-4o-mini model, its owner signed in. */
async function team() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Support bot" });
  const model = await createModel(ctx, {
    projectId: project.id,
    displayName: "Support v1",
    providerModelId: `ft:gpt-4o-mini-2024-07-18:acme:support-${owner.teamId.slice(0, 8)}:AbC123`,
    status: "ACTIVE",
  });
  await signIn(owner.userId, owner.teamId);
  return { owner, ctx, project, model };
}

/** Another member of the team, with their own login. */
async function member(teamId: string, role: Role) {
  const user = await db.user.create({ data: { email: uniqueEmail(role.toLowerCase()), name: role, passwordHash: "x" } });
  await db.membership.create({ data: { userId: user.id, teamId, role } });
  return { ...user, ctx: { userId: user.id, teamId, role } };
}

const entries = (teamId: string, where: { entityType?: string; action?: string } = {}) =>
  db.auditEvent.findMany({ where: { teamId, ...where }, orderBy: { id: "asc" } });
const count = (teamId: string) => db.auditEvent.count({ where: { teamId } });

const usage = (input: number, cached: number, output: number) => ({ inputTokens: input, cachedInputTokens: cached, outputTokens: output });

async function exportCsv(query = "", authorization?: string) {
  const req = new Request(`http://localhost/settings/audit/export${query}`, authorization ? { headers: { authorization } } : {});
  const res = await auditExport.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

beforeEach(() => jar.clear());

describe("usage changes", () => {
  it("a month edited in the UI records who, and the old and new token counts and cost", async () => {
    const { owner, ctx, model } = await team();
    const first = await putModelUsageAction({ modelId: model.id, month: "2026-02", expectedVersion: 0, figures: usage(1_000_000, 200_000, 500_000) });
    expect(first.ok).toBe(true);
    const second = await putModelUsageAction({ modelId: model.id, month: "2026-02", expectedVersion: 1, figures: usage(2_000_000, 0, 500_000) });
    expect(second.ok).toBe(true);

    const [created, updated] = await entries(ctx.teamId, { entityType: "usage" });
    expect(created).toMatchObject({ action: "usage.create", actorLabel: owner.email, actorUserId: owner.userId, actorApiKeyId: null, before: null });
    expect(created!.after).toMatchObject({ month: "2026-02", inputTokens: "1000000", cachedInputTokens: "200000", outputTokens: "500000", costUsd: "0.87", source: "form", version: 1 });
    expect(updated).toMatchObject({ action: "usage.update", entityId: created!.entityId, summary: "Set February 2026 usage of Support v1" });
    expect(updated!.before).toMatchObject({ inputTokens: "1000000", cachedInputTokens: "200000", costUsd: "0.87", version: 1 });
    // 2M × $0.30 + 0.5M × $1.20 = $1.20
    expect(updated!.after).toMatchObject({ inputTokens: "2000000", cachedInputTokens: "0", costUsd: "1.2", version: 2 });
  });

  it("records nothing when the write is refused: a stale version (conflict), bad figures, another team's model", async () => {
    const { ctx, model } = await team();
    await putModelUsageAction({ modelId: model.id, month: "2026-03", expectedVersion: 0, figures: usage(10, 0, 10) });
    const before = await count(ctx.teamId);

    const stale = await putModelUsageAction({ modelId: model.id, month: "2026-03", expectedVersion: 0, figures: usage(20, 0, 20) });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    const outside = await putModelUsageAction({ modelId: model.id, month: "2026-03", expectedVersion: 1, figures: { ...usage(20, 0, 20), asOf: "2026-04-01" } });
    expect(outside).toMatchObject({ ok: false, code: "validation_failed" });
    const cachedAboveInput = await saveUsageGridAction({ month: "2026-03", rows: [{ modelId: model.id, expectedVersion: 1, figures: usage(5, 9, 1) }] });
    expect(cachedAboveInput).toMatchObject({ ok: true, data: [{ ok: false, code: "validation_failed" }] });
    // No price in force in 2001: fails inside the transaction, after nothing else could have gone wrong.
    await expect(putModelUsage(ctx, model.id, "2001-01", { inputTokens: 1n, cachedInputTokens: 0n, outputTokens: 1n }, { source: "API" })).rejects.toThrow();
    const other = await team(); // signed in as the other team's owner now
    const foreign = await putModelUsageAction({ modelId: model.id, month: "2026-03", expectedVersion: 1, figures: usage(20, 0, 20) });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });

    expect(await count(ctx.teamId)).toBe(before);
    expect(await count(other.ctx.teamId)).toBe(2); // its own project and model only
  });

  it("a REST batch records one entry per new or changed record; the same batch again records nothing", async () => {
    const { ctx, model } = await team();
    const { key, prefix } = await createApiKey(ctx.teamId, ctx.userId, { name: "ingest", scope: "WRITE" });
    const send = (records: object[]) =>
      batchRoute.POST(
        new Request("http://localhost/api/v1/usage:batch", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ records }) }),
        { params: Promise.resolve({}) },
      );
    const records = ["2026-01", "2026-02", "2026-03"].map((month) => ({ model: model.id, month, ...usage(1_000_000, 0, 1_000_000) }));
    const start = await count(ctx.teamId);

    expect(await (await send(records)).json()).toEqual({ received: 3, changed: 3 });
    const created = (await entries(ctx.teamId, { entityType: "usage" })).slice(-3);
    expect(created.map((e) => [e.action, e.actorLabel, e.actorApiKeyId, e.before])).toEqual(Array(3).fill(["usage.create", `API key ${prefix}`, expect.any(String), null]));
    expect(created.map((e) => (e.after as { month: string }).month)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(await count(ctx.teamId)).toBe(start + 3);

    expect(await (await send(records)).json()).toEqual({ received: 3, changed: 0 });
    expect(await count(ctx.teamId)).toBe(start + 3);

    const changed = records.map((r) => (r.month === "2026-02" ? { ...r, outputTokens: 2_000_000 } : r));
    expect(await (await send(changed)).json()).toEqual({ received: 3, changed: 1 });
    const added = (await entries(ctx.teamId)).slice(start + 3);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: "usage.update", entityId: created[1]!.entityId });
    expect(added[0]!.before).toMatchObject({ month: "2026-02", outputTokens: "1000000", costUsd: "1.5", version: 1 });
    expect(added[0]!.after).toMatchObject({ month: "2026-02", outputTokens: "2000000", costUsd: "2.7", version: 2, source: "api" });

    // One bad record refuses the whole batch: no record and no audit row.
    const refused = await send([...changed.map((r) => ({ ...r, inputTokens: 5 })), { model: model.id, month: "2001-01", ...usage(1, 0, 1) }]);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await count(ctx.teamId)).toBe(start + 4);
  });

  it("an import records one import.commit entry with the file name and counts, plus its records' changes", async () => {
    const { owner, ctx, model } = await team();
    const csv = (rows: string[]) => `month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd\r\n${rows.join("\r\n")}\r\n`;
    const form = (text: string) => {
      const f = new FormData();
      f.set("format", "csv");
      f.set("file", new File([text], "march-usage.csv", { type: "text/csv" }));
      return f;
    };
    const file = csv([`2026-03,${model.providerModelId},1000,0,10,1,`, `2026-04,${model.providerModelId},1000,0,10,1,`]);
    expect(await commitImportAction(form(file))).toMatchObject({ ok: true, data: { received: 2, changed: 2 } });
    const [importRow] = await entries(ctx.teamId, { entityType: "import" });
    expect(importRow).toMatchObject({ action: "import.commit", actorLabel: owner.email, summary: "Imported march-usage.csv (CSV): 2 record(s), 2 changed" });
    expect(importRow!.after).toEqual({ fileName: "march-usage.csv", format: "csv", received: 2, changed: 2, unchanged: 0, skippedModels: 0 });
    expect((await entries(ctx.teamId, { entityType: "usage" })).map((e) => (e.after as { source: string }).source)).toEqual(["csv", "csv"]);

    // The same file again: its commit is recorded, no record changed.
    const usageBefore = (await entries(ctx.teamId, { entityType: "usage" })).length;
    expect(await commitImportAction(form(file))).toMatchObject({ ok: true, data: { changed: 0, unchanged: 2 } });
    expect((await entries(ctx.teamId, { entityType: "import" })).at(-1)!.after).toMatchObject({ changed: 0, unchanged: 2 });
    expect(await entries(ctx.teamId, { entityType: "usage" })).toHaveLength(usageBefore);

    // A file with a bad row imports nothing and records nothing.
    const total = await count(ctx.teamId);
    expect(await commitImportAction(form(csv([`2026-05,${model.providerModelId},1000,0,10,1,`, `2026-13,${model.providerModelId},1,0,1,1,`])))).toMatchObject({ ok: false });
    expect(await count(ctx.teamId)).toBe(total);
  });
});

describe("settings changes", () => {
  it("projects and models: create, update, archive and restore, with before and after; a conflict records nothing", async () => {
    const { owner, ctx, project, model } = await team();
    const updated = await updateProject(ctx, project.id, project.version, { name: "Support bot", monthlyBudgetUsd: "1500.50" });
    await expect(updateProject(ctx, project.id, project.version, { name: "Stale" })).rejects.toMatchObject({ code: "conflict" });
    await setProjectArchived(ctx, project.id, true);
    await setProjectArchived(ctx, project.id, true); // already archived: no second entry
    await setProjectArchived(ctx, project.id, false);
    await expect(createProject(ctx, { name: "Support bot" })).rejects.toMatchObject({ code: "conflict" });

    const projects = await entries(ctx.teamId, { entityType: "project" });
    expect(projects.map((e) => e.action)).toEqual(["project.create", "project.update", "project.archive", "project.restore"]);
    expect(projects.every((e) => e.entityId === project.id && e.actorLabel === owner.email)).toBe(true);
    expect(projects[1]!.before).toMatchObject({ monthlyBudgetUsd: null });
    expect(projects[1]!.after).toMatchObject({ monthlyBudgetUsd: "1500.5" });
    expect(updated.version).toBe(2);

    const input = { projectId: project.id, displayName: "Support v2", providerModelId: model.providerModelId!, status: "ACTIVE" as const };
    await updateModel(ctx, model.id, model.version, input);
    await expect(updateModel(ctx, model.id, model.version, input)).rejects.toMatchObject({ code: "conflict" });
    await setModelArchived(ctx, model.id, true);
    await saveUsagePlan(ctx, model.id, { startMonth: "2026-01", period: "MONTH", inputTokens: 1_000_000n, outputTokens: 10n, daysPerMonth: 30, monthlyGrowthPct: "0" }, 0);
    await saveUsagePlan(ctx, model.id, { startMonth: "2026-01", period: "MONTH", inputTokens: 2_000_000n, outputTokens: 10n, daysPerMonth: 30, monthlyGrowthPct: "5.5" }, 1);
    await expect(saveUsagePlan(ctx, model.id, { startMonth: "2026-01", period: "MONTH", inputTokens: 1n, outputTokens: 1n, daysPerMonth: 30, monthlyGrowthPct: "0" }, 1)).rejects.toMatchObject({ code: "conflict" });

    const models = await entries(ctx.teamId, { entityType: "model" });
    expect(models.map((e) => e.action)).toEqual(["model.create", "model.update", "model.archive", "model.plan_create", "model.plan_update"]);
    expect(models[1]!.before).toMatchObject({ displayName: "Support v1" });
    expect(models[1]!.after).toMatchObject({ displayName: "Support v2", baseModelId: "gpt-4o-mini-2024-07-18" });
    expect(models[4]!.before).toMatchObject({ inputTokens: "1000000", monthlyGrowthPct: "0" });
    expect(models[4]!.after).toMatchObject({ inputTokens: "2000000", monthlyGrowthPct: "5.5" });
  });

  it("prices: a team price row and a price set change, with the usage they repriced", async () => {
    const { ctx, model } = await team();
    await putModelUsage(ctx, model.id, "2026-02", { inputTokens: 1_000_000n, cachedInputTokens: 0n, outputTokens: 0n }, { source: "API" });
    const prices = { modelId: "gpt-4o-mini-2024-07-18", effectiveFrom: "2026-02-01", trainingPerMTokUsd: "2.5", inputPerMTokUsd: "0.25", cachedInputPerMTokUsd: "", outputPerMTokUsd: "1", baseInputPerMTokUsd: "0.15", baseCachedInputPerMTokUsd: "", baseOutputPerMTokUsd: "0.6", trainingPerHourUsd: "" };
    const added = await addPriceEntryAction(prices);
    expect(added.ok).toBe(true);
    expect(await addPriceEntryAction(prices)).toMatchObject({ ok: false, code: "conflict" }); // same day again: rolled back
    expect(await setPriceSetAction({ priceSet: "article-2026" })).toEqual({ ok: true, data: undefined });
    expect(await setPriceSetAction({ priceSet: "no-such-set" })).toMatchObject({ ok: false });

    const [price, set] = await entries(ctx.teamId, { entityType: "price" });
    expect(price).toMatchObject({ action: "price.create", entityId: added.ok ? added.data.id : "" });
    expect(price!.after).toMatchObject({ modelId: "gpt-4o-mini-2024-07-18", effectiveFrom: "2026-02-01", inputPerMTokUsd: "0.25", cachedInputPerMTokUsd: null, repricedUsageMonths: 1 });
    expect(set).toMatchObject({ action: "price.set_change", before: { priceSet: "openai" } });
    expect(set!.after).toMatchObject({ priceSet: "article-2026" });
    expect(await entries(ctx.teamId, { entityType: "price" })).toHaveLength(2);
  });

  it("API keys and webhooks: never their secret, key hash or the webhook URL's token", async () => {
    const { owner, ctx } = await team();
    const created = await createApiKeyAction({ name: "ci", scope: "WRITE" });
    if (!created.ok) throw new Error(created.message);
    expect(await revokeApiKeyAction({ id: created.data.id })).toEqual({ ok: true, data: undefined });
    expect(await revokeApiKeyAction({ id: created.data.id })).toEqual({ ok: true, data: undefined }); // already revoked

    const { webhook, secret } = await createWebhook(ctx, { url: "http://127.0.0.1:9/services/T000/B000/tok3nSecr3t", format: "SLACK" });
    await setWebhookActive(ctx, webhook.id, false);
    await setWebhookActive(ctx, webhook.id, true);
    await deleteWebhook(ctx, webhook.id);

    const keyRows = await entries(ctx.teamId, { entityType: "api_key" });
    expect(keyRows.map((e) => e.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(keyRows[0]).toMatchObject({ actorLabel: owner.email, after: { name: "ci", prefix: created.data.prefix, scope: "WRITE", revoked: false } });
    expect(keyRows[1]).toMatchObject({ before: { revoked: false }, after: { revoked: true } });
    const hooks = await entries(ctx.teamId, { entityType: "webhook" });
    expect(hooks.map((e) => e.action)).toEqual(["webhook.create", "webhook.deactivate", "webhook.activate", "webhook.delete"]);
    expect(hooks[0]!.after).toEqual({ url: "http://127.0.0.1:9/services/…", format: "SLACK", description: null, active: true });

    const stored = JSON.stringify(await entries(ctx.teamId), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    const { secretHash } = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id }, select: { secretHash: true } });
    for (const leak of [created.data.key, secretHash, secret, "tok3nSecr3t"]) expect(stored).not.toContain(leak);
  });

  it("alerts: acknowledge and snooze as the member who did it, resolve as the system", async () => {
    const { ctx, model } = await team();
    const last = addMonths(monthOf(new Date()), -1);
    await saveUsagePlan(ctx, model.id, { startMonth: addMonths(last, -11), period: "MONTH", inputTokens: 1_000_000n, outputTokens: 1_000_000n, daysPerMonth: 30, monthlyGrowthPct: "0" });
    await putModelUsage(ctx, model.id, last, { inputTokens: 1_250_000n, cachedInputTokens: 0n, outputTokens: 1_250_000n }, { source: "API" }); // 25% over plan
    const alert = await db.alert.findFirstOrThrow({ where: { teamId: ctx.teamId } });
    await acknowledgeAlert(ctx, { id: alert.id, note: "Launch week" });
    await snoozeAlert(ctx, { id: alert.id });
    await putModelUsage(ctx, model.id, last, { inputTokens: 1_000_000n, cachedInputTokens: 0n, outputTokens: 1_000_000n }, { source: "API" }); // back on plan
    await evaluateTeamAlerts(ctx.teamId);

    const rows = await entries(ctx.teamId, { entityType: "alert" });
    expect(rows.map((e) => [e.action, e.actorLabel])).toEqual([
      ["alert.acknowledge", (await db.user.findUniqueOrThrow({ where: { id: ctx.userId } })).email],
      ["alert.snooze", expect.stringContaining("@")],
      ["alert.resolve", "system"],
    ]);
    expect(rows[0]).toMatchObject({ entityId: alert.id, before: { status: "OPEN" }, after: { status: "ACKNOWLEDGED", note: "Launch week" } });
    expect(rows[2]).toMatchObject({ before: { status: "ACKNOWLEDGED" }, after: { status: "RESOLVED" } });
  });
});

describe("reading the log", () => {
  it("filters by kind, actor, action, entity and dates, pages by id, and never shows another team's entries", async () => {
    const a = await team();
    const b = await team();
    for (const month of ["2026-01", "2026-02", "2026-03"]) {
      await putModelUsage(a.ctx, a.model.id, month, { inputTokens: 1n, cachedInputTokens: 0n, outputTokens: 1n }, { source: "API" });
    }
    const f = (q: Record<string, string>) => auditFilterSchema.parse(q);
    const usageA = await listAuditEvents(a.ctx, f({ type: "usage" }));
    expect(usageA.events.map((e) => e.summary)).toEqual(["Set March 2026 usage of Support v1", "Set February 2026 usage of Support v1", "Set January 2026 usage of Support v1"]);
    expect((await listAuditEvents(a.ctx, f({ action: "project.create" }))).events).toHaveLength(1);
    expect((await listAuditEvents(a.ctx, f({ actor: a.owner.email.toUpperCase() }))).events).toHaveLength(5);
    expect((await listAuditEvents(a.ctx, f({ actor: "system" }))).events).toHaveLength(0);
    expect((await listAuditEvents(a.ctx, f({ entity: a.model.id }))).events.map((e) => e.action)).toEqual(["model.create"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(a.ctx, f({ from: today, to: today }))).events).toHaveLength(5);
    expect((await listAuditEvents(a.ctx, f({ to: "2020-01-01" }))).events).toHaveLength(0);

    const first = await listAuditEvents(a.ctx, f({ type: "usage" }), { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents(a.ctx, f({ type: "usage" }), { cursor: first.nextCursor!, limit: 2 });
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(usageA.events.map((e) => e.id));
    expect(second.nextCursor).toBeNull();

    // Team B: only its own two entries; A's ids, entity or actor find nothing.
    expect((await listAuditEvents(b.ctx, f({}))).events.map((e) => e.action)).toEqual(["model.create", "project.create"]);
    expect((await listAuditEvents(b.ctx, f({ entity: a.model.id }))).events).toEqual([]);
    expect((await listAuditEvents(b.ctx, f({ actor: a.owner.email }))).events).toEqual([]);
    await signIn(b.owner.userId, b.owner.teamId);
    const csvB = await exportCsv();
    expect(csvB.status).toBe(200);
    expect(csvB.text).not.toContain(a.owner.email);
    expect(parseCsv(csvB.text).slice(1).map((r) => r.cells[3])).toEqual(["model.create", "project.create"]);
  });

  it("only admins and owners read or export it; viewers, members and API keys are refused", async () => {
    const { ctx } = await team();
    const admin = await member(ctx.teamId, "ADMIN");
    for (const role of ["MEMBER", "VIEWER"] as const) {
      const m = await member(ctx.teamId, role);
      await expect(listAuditEvents(m.ctx, {})).rejects.toMatchObject({ code: "forbidden" });
      await signIn(m.id, ctx.teamId);
      const refused = await exportCsv();
      expect([refused.status, refused.text]).toEqual([403, expect.stringContaining("forbidden")]);
    }
    for (const scope of ["READ", "WRITE"] as const) {
      const { key } = await createApiKey(ctx.teamId, ctx.userId, { name: scope, scope });
      expect((await exportCsv("", `Bearer ${key}`)).status).toBe(403);
    }
    jar.clear();
    expect((await exportCsv()).status).toBe(401);

    await signIn(admin.id, ctx.teamId);
    const ok = await exportCsv("?type=project");
    expect([ok.status, ok.type]).toEqual([200, "text/csv; charset=utf-8"]);
    expect((await listAuditEvents(admin.ctx, {})).events.length).toBeGreaterThan(0);
  });

  it("exports the filtered rows as CSV with before/after JSON, formula-safe", async () => {
    const { owner, ctx, model } = await team();
    await putModelUsage(ctx, model.id, "2026-02", { inputTokens: 5n, cachedInputTokens: 0n, outputTokens: 5n }, { source: "FORM" });
    await putModelUsage(ctx, model.id, "2026-02", { inputTokens: 7n, cachedInputTokens: 0n, outputTokens: 5n }, { source: "FORM" });
    // A summary that starts with user text (as a colleague's member or invitation entries may) must not run in Excel.
    await db.$transaction((tx) => recordAudit(tx, ctx, { action: "team.update", entityType: "team", summary: '=HYPERLINK("http://evil.test","x")', after: { name: "-2+3" } }));

    const all = await exportCsv();
    const [header, ...rows] = parseCsv(all.text).map((r) => r.cells);
    expect(header).toEqual(["id", "time_utc", "actor", "action", "entity_type", "entity_id", "summary", "before", "after"]);
    expect(rows[0]!.slice(2, 5)).toEqual([owner.email, "team.update", "team"]);
    expect(rows[0]![6]).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(JSON.parse(rows[0]![8]!)).toEqual({ name: "-2+3" });

    const usageOnly = parseCsv((await exportCsv("?type=usage&action=usage.update")).text).slice(1).map((r) => r.cells);
    expect(usageOnly).toHaveLength(1);
    expect(JSON.parse(usageOnly[0]![7]!)).toMatchObject({ inputTokens: "5" });
    expect(JSON.parse(usageOnly[0]![8]!)).toMatchObject({ inputTokens: "7" });
    expect((await exportCsv("?from=2026-13-01")).status).toBe(400);
  });
});

describe("set-based usage audit", () => {
  it("writeUsageBatch audits only the records it changed, in the same transaction", async () => {
    const { ctx, model } = await team();
    const rec = (month: string, input: bigint) => ({ model: model.id, month, inputTokens: input, cachedInputTokens: 0n, outputTokens: 0n });
    await writeUsageBatch(ctx, [rec("2026-01", 1n), rec("2026-02", 1n)], "API");
    const start = await count(ctx.teamId);
    const duplicate = writeUsageBatch(ctx, [rec("2026-01", 2n), rec("2026-01", 3n)], "API");
    await expect(duplicate).rejects.toMatchObject({ code: "validation_failed" });
    expect(await writeUsageBatch(ctx, [rec("2026-01", 1n), rec("2026-02", 9n)], "API")).toEqual({ received: 2, changed: 1 });
    const added = (await entries(ctx.teamId)).slice(start);
    expect(added.map((e) => [e.action, (e.before as { inputTokens: string }).inputTokens, (e.after as { inputTokens: string }).inputTokens])).toEqual([["usage.update", "1", "9"]]);
  });
});
