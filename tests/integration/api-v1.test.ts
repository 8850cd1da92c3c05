import { beforeAll, describe, expect, it } from "vitest";
import * as estimates from "@/app/api/v1/estimates/route";
import * as me from "@/app/api/v1/me/route";
import * as model from "@/app/api/v1/models/[id]/route";
import * as usageMonth from "@/app/api/v1/models/[id]/usage/[month]/route";
import * as usage from "@/app/api/v1/models/[id]/usage/route";
import * as models from "@/app/api/v1/models/route";
import * as project from "@/app/api/v1/projects/[id]/route";
import * as projects from "@/app/api/v1/projects/route";
import * as batch from "@/app/api/v1/usage/batch/route";
import * as usageCsv from "@/app/api/v1/usage/export.csv/route";
import { createApiKey } from "@/lib/api-keys/create";
import { v1 } from "@/lib/api/operations";
import type { Operation } from "@/lib/api/openapi";
import { db } from "@/lib/db/client";
import { createTeamWithOwner } from "../support/factories";

type Handler = (req: Request, route: { params: Promise<unknown> }) => Promise<Response>;

interface Call {
  key: string;
  body?: unknown;
  /** Sent as is: malformed JSON, or a stream. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

/**
 * Calls a route handler as Next.js would, with an API key. A success answer is checked against the operation's
 * documented response schema, so the OpenAPI document cannot drift from what the API returns.
 */
async function call(op: Operation, handler: Handler, c: Call): Promise<{ status: number; json: any; headers: Headers }> {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => c.params?.[name] ?? "");
  const init: RequestInit & { duplex?: "half" } = {
    method: op.method,
    headers: { authorization: `Bearer ${c.key}`, ...c.headers },
    body: c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)),
  };
  if (c.raw instanceof ReadableStream) init.duplex = "half";
  const res = await handler(new Request(`http://localhost/api/v1${path}${c.query ?? ""}`, init), { params: Promise.resolve(c.params ?? {}) });
  const json: any = res.headers.get("content-type")?.startsWith("application/json") ? await res.json() : await res.text();
  if (res.status === op.success.status && "body" in op.success) {
    const checked = op.success.body.schema.safeParse(json);
    expect(checked.success, `${op.method} ${op.path} answers its documented schema: ${checked.error?.message}`).toBe(true);
  }
  return { status: res.status, json, headers: res.headers };
}

const BASE = "gpt-4o-mini-2024-07-18";

/** A team with a write key, a read key, one project and one model made through the API. */
async function apiTeam() {
  const owner = await createTeamWithOwner();
  const write = (await createApiKey(owner.teamId, owner.userId, { name: "ci", scope: "WRITE" })).key;
  const read = (await createApiKey(owner.teamId, owner.userId, { name: "dashboards", scope: "READ" })).key;
  const p = await call(v1.createProject, projects.POST, { key: write, body: { name: "Support bot", monthlyBudgetUsd: "1500.50" } });
  expect(p.status).toBe(201);
  expect(p.headers.get("location")).toBe(`/api/v1/projects/${p.json.id}`);
  const providerModelId = `ft:${BASE}:acme:support-${owner.teamId.slice(0, 8)}:AbC123`;
  const m = await call(v1.createModel, models.POST, {
    key: write,
    body: { projectId: p.json.id, displayName: "Support v1", providerModelId, status: "ACTIVE", trainingTokens: 1_000_000, epochs: 3, trainedAt: "2026-01-10" },
  });
  expect(m.status).toBe(201);
  return { ...owner, write, read, projectId: p.json.id as string, modelId: m.json.id as string, providerModelId };
}

const figures = { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 500_000 };

/** Everything a team owns that the API can change, to prove a refused request changed nothing. */
async function snapshot(teamId: string) {
  const [p, m, u] = await Promise.all([
    db.project.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.fineTunedModel.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.usageRecord.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
  ]);
  return { p, m, u };
}

const putUsage = (key: string, modelId: string, month: string, body: unknown, headers?: Record<string, string>) =>
  call(v1.putModelUsage, usageMonth.PUT, { key, params: { id: modelId, month }, body, ...(headers ? { headers } : {}) });

let a: Awaited<ReturnType<typeof apiTeam>>;
let b: Awaited<ReturnType<typeof apiTeam>>;

beforeAll(async () => {
  [a, b] = await Promise.all([apiTeam(), apiTeam()]);
  expect((await putUsage(a.write, a.modelId, "2026-02", figures)).status).toBe(200);
});

describe("REST API v1", () => {
  it("writes and reads usage priced exactly, with 64-bit counts", async () => {
    const got = await call(v1.getModel, model.GET, { key: a.read, params: { id: a.modelId } });
    expect(got.json).toMatchObject({ baseModelId: BASE, trainingCostUsd: "9", trainingTokens: "1000000" });
    const big = await putUsage(a.write, a.modelId, "2026-03", { inputTokens: "9000000000000000001", outputTokens: 0 });
    expect(big.json).toMatchObject({ inputTokens: "9000000000000000001", costUsd: "2700000000000.0000003" });
    const list = await call(v1.listModelUsage, usage.GET, { key: a.read, params: { id: a.modelId }, query: "?from=2026-02&to=2026-03" });
    expect(list.json.records.map((r: { month: string; costUsd: string }) => [r.month, r.costUsd])).toEqual([
      ["2026-02", "0.87"], // (800k × 0.30 + 200k × 0.15 + 500k × 1.20) / 1M
      ["2026-03", "2700000000000.0000003"],
    ]);
    const projectList = await call(v1.listProjects, projects.GET, { key: a.read });
    expect(projectList.json.projects).toEqual([expect.objectContaining({ id: a.projectId, monthlyBudgetUsd: "1500.5", modelCount: 1 })]);
    expect((await call(v1.getMe, me.GET, { key: a.read })).json).toMatchObject({ teamId: a.teamId });
  });

  it("answers another team's ids on every route with 404 (or an unknown model) and changes none of its rows", async () => {
    const before = await snapshot(a.teamId);
    const notFound = { status: 404, json: { error: { code: "not_found" } } };
    expect(await call(v1.getProject, project.GET, { key: b.write, params: { id: a.projectId } })).toMatchObject(notFound);
    expect(await call(v1.getModel, model.GET, { key: b.write, params: { id: a.modelId } })).toMatchObject(notFound);
    expect(await call(v1.listModels, models.GET, { key: b.write, query: `?projectId=${a.projectId}` })).toMatchObject(notFound);
    expect(await call(v1.listModelUsage, usage.GET, { key: b.write, params: { id: a.modelId } })).toMatchObject(notFound);
    expect(await putUsage(b.write, a.modelId, "2026-02", { inputTokens: 1, outputTokens: 1 })).toMatchObject(notFound);
    expect(await putUsage(b.write, a.modelId, "2026-09", { inputTokens: 1, outputTokens: 1 })).toMatchObject(notFound);
    const stolen = { displayName: "Mine now", projectId: a.projectId, baseModel: "gpt-4o-mini" };
    expect(await call(v1.createModel, models.POST, { key: b.write, body: stolen })).toMatchObject(notFound);
    expect(await call(v1.exportUsageCsv, usageCsv.GET, { key: b.write, query: `?projectId=${a.projectId}` })).toMatchObject(notFound);
    const bCsv = await call(v1.exportUsageCsv, usageCsv.GET, { key: b.write });
    expect(bCsv.status).toBe(200);
    expect(bCsv.json).not.toContain(a.providerModelId);
    expect((await call(v1.exportUsageCsv, usageCsv.GET, { key: a.read })).json).toContain(a.providerModelId); // the check above can fail
    // A batch names models by reference; another team's is reported exactly as a model that does not exist.
    for (const ref of [a.modelId, a.providerModelId]) {
      const refused = await call(v1.writeUsageBatch, batch.POST, { key: b.write, body: { records: [{ model: ref, month: "2026-02", inputTokens: 1, outputTokens: 1 }] } });
      expect(refused).toMatchObject({ status: 422, json: { error: { fields: { "records.0.model": [`Unknown model "${ref}" in your team`] } } } });
    }
    // Lists, /me and new projects only ever see or touch the caller's own team.
    const bProjects = (await call(v1.listProjects, projects.GET, { key: b.write })).json.projects.map((p: { id: string }) => p.id);
    const bModels = (await call(v1.listModels, models.GET, { key: b.write })).json.models.map((m: { id: string }) => m.id);
    expect([bProjects, bModels]).toEqual([[b.projectId], [b.modelId]]);
    expect((await call(v1.getMe, me.GET, { key: b.write })).json.teamId).toBe(b.teamId);
    expect((await call(v1.createProject, projects.POST, { key: b.write, body: { name: "Support bot" } })).status).toBe(409); // B's own name
    expect((await call(v1.createProject, projects.POST, { key: b.write, body: { name: "B only", teamId: a.teamId } })).status).toBe(422);
    expect((await call(v1.createProject, projects.POST, { key: b.write, body: { name: "B only" } })).status).toBe(201);
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it("prices an estimate with the caller's own team prices, never another team's", async () => {
    await db.priceEntry.create({
      data: {
        modelId: BASE, teamId: b.teamId, priceSet: "openai", effectiveFrom: new Date("2020-01-01T00:00:00Z"),
        trainingPerMTokUsd: "2.5", inputPerMTokUsd: "0.25", cachedInputPerMTokUsd: "0.125", outputPerMTokUsd: "1",
        baseInputPerMTokUsd: "0.15", baseCachedInputPerMTokUsd: "0.075", baseOutputPerMTokUsd: "0.6",
      },
    });
    // A training day while gpt-4o-mini still trains (the default, today, stops being one after 5 January 2027).
    const body = { baseModel: "gpt-4o-mini", trainingOn: "2026-06-01", training: { tokens: 1_000_000, epochs: 1 }, usage: { period: "month", inputTokens: 0, outputTokens: 0 } };
    const forA = await call(v1.createEstimate, estimates.POST, { key: a.read, body });
    const forB = await call(v1.createEstimate, estimates.POST, { key: b.read, body });
    expect([forA.json.catalog.source, forA.json.trainingCostUsd]).toEqual(["global", "3"]);
    expect([forB.json.catalog.source, forB.json.trainingCostUsd]).toEqual(["team", "2.5"]);
  });

  it("refuses a revoked or unknown key with 401", async () => {
    const { key, id } = await createApiKey(a.teamId, null, { name: "old", scope: "WRITE" });
    expect((await call(v1.getMe, me.GET, { key })).status).toBe(200);
    await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await call(v1.getMe, me.GET, { key })).toMatchObject({ status: 401, json: { error: { code: "unauthorized" } } });
    expect(await putUsage(key, a.modelId, "2026-02", figures)).toMatchObject({ status: 401 });
    expect(await call(v1.getMe, me.GET, { key: `${key.slice(0, -4)}AAAA` })).toMatchObject({ status: 401 });
  });

  it("lets a read key read but not write (403), and writes nothing", async () => {
    const before = await snapshot(a.teamId);
    const forbidden = { status: 403, json: { error: { code: "forbidden" } } };
    expect(await call(v1.createProject, projects.POST, { key: a.read, body: { name: "Nope" } })).toMatchObject(forbidden);
    expect(await call(v1.createModel, models.POST, { key: a.read, body: { projectId: a.projectId, displayName: "x", baseModel: "gpt-4o-mini" } })).toMatchObject(forbidden);
    expect(await putUsage(a.read, a.modelId, "2026-02", { inputTokens: 5, outputTokens: 5 })).toMatchObject(forbidden);
    expect(await call(v1.writeUsageBatch, batch.POST, { key: a.read, body: { records: [{ model: a.modelId, month: "2026-05", inputTokens: 1, outputTokens: 1 }] } })).toMatchObject(forbidden);
    expect(await snapshot(a.teamId)).toEqual(before);
    expect((await call(v1.getProject, project.GET, { key: a.read, params: { id: a.projectId } })).status).toBe(200);
  });

  it("records a key's last use only for requests its scope allows", async () => {
    const { id, key } = await createApiKey(a.teamId, a.userId, { name: "last used", scope: "READ" });
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;
    expect((await call(v1.createProject, projects.POST, { key, body: { name: "Nope" } })).status).toBe(403);
    expect(await lastUsed(), "a refused request changes nothing, not even the key's last use").toBeNull();
    expect((await call(v1.getProject, project.GET, { key, params: { id: a.projectId } })).status).toBe(200);
    expect(await lastUsed()).toBeInstanceOf(Date);
  });

  it("answers a malformed request with 400 and bad fields with 422 naming them", async () => {
    const bad = (r: { status: number; json: any }) => [r.status, r.json.error.code];
    expect(bad(await call(v1.putModelUsage, usageMonth.PUT, { key: a.write, params: { id: a.modelId, month: "2026-02" }, raw: '{"inputTokens": 1,' }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.writeUsageBatch, batch.POST, { key: a.write, raw: "" }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.createProject, projects.POST, { key: a.write, raw: "name=x" }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.listModelUsage, usage.GET, { key: a.read, params: { id: a.modelId }, query: "?from=2026-13" }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.listModelUsage, usage.GET, { key: a.read, params: { id: a.modelId }, query: "?from=2026-05&to=2026-01" }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.listModels, models.GET, { key: a.read, query: "?project=x" }))).toEqual([400, "bad_request"]);
    expect(bad(await putUsage(a.write, a.modelId, "2026-3", figures))).toEqual([400, "bad_request"]);
    expect(bad(await putUsage(a.write, a.modelId, "2026-02", figures, { "If-Match": "W/\"1\"" }))).toEqual([400, "bad_request"]);
    expect(bad(await call(v1.getModel, model.GET, { key: a.read, params: { id: "not-a-uuid" } }))).toEqual([404, "not_found"]);

    const cached = await putUsage(a.write, a.modelId, "2026-02", { inputTokens: 10, cachedInputTokens: 11, outputTokens: 1 });
    expect(cached).toMatchObject({ status: 422, json: { error: { code: "validation_failed", fields: { cachedInputTokens: [expect.any(String)] } } } });
    const invalid = await putUsage(a.write, a.modelId, "2026-02", { inputTokens: 10, outputTokens: 1.5, extra: 1 });
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["_", "outputTokens"]); // `_`: the unknown key
    const asOf = await putUsage(a.write, a.modelId, "2026-02", { ...figures, asOf: "2026-03-01" });
    expect(asOf).toMatchObject({ status: 422, json: { error: { fields: { asOf: ["Use a day in 2026-02"] } } } });
    const project422 = await call(v1.createProject, projects.POST, { key: a.write, body: { name: " ", monthlyBudgetUsd: "12.345" } });
    expect(Object.keys(project422.json.error.fields).sort()).toEqual(["monthlyBudgetUsd", "name"]);
    const tooMany = await call(v1.writeUsageBatch, batch.POST, { key: a.write, body: { records: Array.from({ length: 10_001 }, () => ({ model: a.modelId, month: "2026-01", inputTokens: 1, outputTokens: 1 })) } });
    expect(tooMany).toMatchObject({ status: 422, json: { error: { fields: { records: ["At most 10000 records per batch"] } } } });
  });

  it("refuses a stale If-Match with 409 and keeps the newer figures", async () => {
    const month = "2026-04";
    const first = await putUsage(a.write, a.modelId, month, { inputTokens: 1, outputTokens: 1 }, { "If-Match": '"0"' });
    expect([first.status, first.headers.get("etag")]).toEqual([200, '"1"']);
    expect((await putUsage(a.write, a.modelId, month, { inputTokens: 2, outputTokens: 1 }, { "If-Match": '"1"' })).json.version).toBe(2);
    const stale = await putUsage(a.write, a.modelId, month, { inputTokens: 3, outputTokens: 1 }, { "If-Match": '"1"' });
    expect(stale).toMatchObject({ status: 409, json: { error: { code: "conflict", message: expect.stringMatching(/changed by/) } } });
    expect((await putUsage(a.write, a.modelId, month, { inputTokens: 4, outputTokens: 1 }, { "If-Match": '"0"' })).status).toBe(409);
    const row = await db.usageRecord.findFirstOrThrow({ where: { modelId: a.modelId, month: new Date(`${month}-01T00:00:00Z`) } });
    expect([row.inputTokens, row.version]).toEqual([2n, 2]);
  });

  it("leaves one row with the last value when 10 PUTs of one record race", async () => {
    const month = "2026-05";
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => putUsage(a.write, a.modelId, month, { inputTokens: 1000 + i, outputTokens: 1 })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const rows = await db.usageRecord.findMany({ where: { modelId: a.modelId, month: new Date(`${month}-01T00:00:00Z`) } });
    expect(rows).toHaveLength(1);
    // Writers are serialised per record: each got its own version, and the row holds what the last one wrote.
    expect(results.map((r) => r.json.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const last = results.find((r) => r.json.version === 10)!;
    expect([rows[0]!.version, rows[0]!.inputTokens.toString()]).toEqual([10, last.json.inputTokens]);
  });

  it("writes a batch all or nothing, by id or provider model id, and a repeat changes nothing", async () => {
    const record = (ref: string, month: string, inputTokens: number) => ({ model: ref, month, inputTokens, outputTokens: 10 });
    const good = [record(a.modelId, "2025-06", 100), record(a.providerModelId, "2025-07", 200)];
    const before = await snapshot(a.teamId);
    const refused = await call(v1.writeUsageBatch, batch.POST, {
      key: a.write,
      body: { records: [...good, record("ft:unknown:x:y:z", "2025-08", 1), record(a.providerModelId, "2025-06", 5)] },
    });
    expect(refused).toMatchObject({ status: 422, json: { error: { fields: { "records.2.model": [expect.stringMatching(/Unknown model/)], "records.3.month": ["Same model and month as record 0"] } } } });
    expect(await snapshot(a.teamId)).toEqual(before);
    // A record priced with no price in force (a month before the catalog) also rejects the whole batch.
    const unpriced = await call(v1.writeUsageBatch, batch.POST, { key: a.write, body: { records: [...good, record(a.modelId, "2001-01", 1)] } });
    expect(unpriced.status).toBe(422);
    expect(await snapshot(a.teamId)).toEqual(before);
    expect((await call(v1.writeUsageBatch, batch.POST, { key: a.write, body: { records: good } })).json).toEqual({ received: 2, changed: 2 });
    expect((await call(v1.writeUsageBatch, batch.POST, { key: a.write, body: { records: good } })).json).toEqual({ received: 2, changed: 0 });
  });

  it("lets concurrent batches over the same records both succeed, in either order, without deadlocking", async () => {
    const team = await apiTeam();
    const second = await call(v1.createModel, models.POST, { key: team.write, body: { projectId: team.projectId, displayName: "v2", baseModel: "gpt-4o-mini" } });
    const records = [team.modelId, second.json.id as string].flatMap((m) =>
      Array.from({ length: 1000 }, (_, i) => ({ model: m, month: `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, inputTokens: 10 + i, outputTokens: 1 })),
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const ordered = i % 2 ? records.toReversed() : records;
        return call(v1.writeUsageBatch, batch.POST, { key: team.write, body: { records: ordered.map((r) => ({ ...r, outputTokens: i + 1 })) } });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(await db.usageRecord.count({ where: { teamId: team.teamId } })).toBe(2000);
  });

  it("answers 413 for a body over the limit, declared or streamed, without reading it all, and writes nothing", async () => {
    const before = await snapshot(a.teamId);
    /** Up to 100 MB of JSON in 1 MB chunks, counting how many chunks the server pulled. */
    const hugeBody = () => {
      const chunk = new TextEncoder().encode(" ".repeat(1_000_000));
      const body = {
        pulled: 0,
        stream: new ReadableStream<Uint8Array>({
          pull(controller) {
            if (body.pulled++ === 0) controller.enqueue(new TextEncoder().encode('{"records":['));
            if (body.pulled <= 100) controller.enqueue(chunk);
            else controller.close();
          },
        }),
      };
      return body;
    };
    const declared = hugeBody();
    const refused = await call(v1.writeUsageBatch, batch.POST, { key: a.write, raw: declared.stream, headers: { "content-length": "100000012" } });
    expect(refused).toMatchObject({ status: 413, json: { error: { code: "payload_too_large" } } });
    expect(declared.pulled).toBeLessThanOrEqual(1); // refused on the header, before reading
    const chunked = hugeBody();
    expect(await call(v1.writeUsageBatch, batch.POST, { key: a.write, raw: chunked.stream })).toMatchObject({ status: 413 });
    expect(chunked.pulled).toBeLessThan(25); // stopped just past 20 MB
    const single = await call(v1.putModelUsage, usageMonth.PUT, {
      key: a.write,
      params: { id: a.modelId, month: "2026-02" },
      raw: JSON.stringify({ ...figures, requests: null, asOf: null, invoicedCostUsd: null, pad: "x".repeat(1_000_000) }),
    });
    expect(single).toMatchObject({ status: 413 }); // ordinary routes take at most 1 MB
    expect(await snapshot(a.teamId)).toEqual(before);
  });

  it("limits each key's requests per minute: 429 with Retry-After", async () => {
    const { key } = await createApiKey(b.teamId, null, { name: "chatty", scope: "READ" });
    const previous = process.env.TUNECOST_API_RATE_LIMIT_PER_MINUTE;
    process.env.TUNECOST_API_RATE_LIMIT_PER_MINUTE = "3";
    try {
      for (let i = 0; i < 3; i++) expect((await call(v1.getMe, me.GET, { key })).status).toBe(200);
      const limited = await call(v1.getMe, me.GET, { key });
      expect(limited).toMatchObject({ status: 429, json: { error: { code: "rate_limited" } } });
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      // Another key of the same team is not held back.
      expect((await call(v1.getMe, me.GET, { key: b.read })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.TUNECOST_API_RATE_LIMIT_PER_MINUTE;
      else process.env.TUNECOST_API_RATE_LIMIT_PER_MINUTE = previous;
    }
  });
});
