import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";

// The actions run through the real guard (session, membership, permission, zod). The guard reads the session cookie
// through next/headers, which only exists inside a Next.js request: this jar stands in for it with a real next-auth
// session JWT. revalidatePath needs Next's render store, so it is a no-op here (as in audit.test.ts).
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { TEAM_COOKIE } from "@/lib/auth/session-token";
import { trainingJobCost } from "@/lib/costs";
import { db } from "@/lib/db/client";
import { toDecimalString } from "@/lib/money/decimal";
import { addPriceEntryAction, createTeamBaseModelAction } from "@/lib/pricing/actions";
import { getCatalogView, getPricesInForceForTeamOrThrow, listCatalogModels } from "@/lib/pricing/queries";
import { createUsagePricer } from "@/lib/usage/pricer";
import { createTeamWithOwner, uniqueEmail } from "../support/factories";

type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
const MINI = "gpt-4o-mini-2024-07-18";

/** Signs `userId` in for the next server actions: a real session cookie for their team. */
async function signIn(userId: string, teamId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  jar.clear();
  jar.set("next-auth.session-token", await encode({ token: { uid: userId, sv: sessionVersion }, secret: process.env.NEXTAUTH_SECRET! }));
  jar.set(TEAM_COOKIE, teamId);
}

/** A new team; its owner's context (for queries) and a way to act as the owner (for actions). */
async function team() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as Role };
  return { ctx, actAs: () => signIn(owner.userId, owner.teamId) };
}

/** Another member of the team with the given role, signed in. */
async function signInMember(teamId: string, role: Role) {
  const user = await db.user.create({ data: { email: uniqueEmail(role.toLowerCase()), name: role, passwordHash: "x" }, select: { id: true } });
  await db.membership.create({ data: { userId: user.id, teamId, role } });
  await signIn(user.id, teamId);
}

/** Everything a pricing write could leave behind for a team. */
async function footprint(teamId: string) {
  const [models, prices, audit] = await Promise.all([
    db.catalogModel.count({ where: { teamId } }),
    db.priceEntry.count({ where: { teamId } }),
    db.auditEvent.count({ where: { teamId } }),
  ]);
  return { models, prices, audit };
}

/** A self-hosted model billed per GPU-hour: $2.50 per training hour, $1.25 per serving hour. */
function selfHosted(name: string) {
  return {
    provider: "self-hosted",
    displayName: "Llama 3.1 8B on our A100s",
    providerModelName: name,
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: "8,192",
    trainingBilling: "training_hour",
    effectiveFrom: "2026-01-01",
    trainingPerHourUsd: "2.5",
    hostingPerHourUsd: "1.25",
    note: "internal GPU chargeback",
  };
}

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe("provider-neutral team prices", () => {
  it("stores a team price with hosting, storage, batch and the other new components exactly, and prices a month with them", async () => {
    const a = await team();
    await a.actAs();
    const added = await addPriceEntryAction({
      modelId: MINI,
      effectiveFrom: "2026-03-01",
      trainingPerMTokUsd: "2.5",
      trainingFullPerMTokUsd: "3.33333333",
      trainingDpoPerMTokUsd: "4.5",
      trainingDpoFullPerMTokUsd: "6",
      validationBilled: true,
      minTrainingChargeUsd: "4",
      inputPerMTokUsd: "0.25",
      cachedInputPerMTokUsd: "0.125",
      outputPerMTokUsd: "1",
      batchInputPerMTokUsd: "0.125",
      batchOutputPerMTokUsd: "0.5",
      baseInputPerMTokUsd: "0.15",
      baseCachedInputPerMTokUsd: "0.075",
      baseOutputPerMTokUsd: "0.6",
      trainingPerHourUsd: "",
      hostingPerHourUsd: "1.7",
      storagePerMonthUsd: "2.00000001",
      note: "negotiated: dedicated deployment",
    });
    expect(added).toMatchObject({ ok: true });
    const id = added.ok ? added.data.id : "";

    const row = await db.priceEntry.findUniqueOrThrow({ where: { id } });
    const stored = Object.fromEntries(
      (["trainingFullPerMTokUsd", "trainingDpoPerMTokUsd", "trainingDpoFullPerMTokUsd", "minTrainingChargeUsd", "batchInputPerMTokUsd", "batchOutputPerMTokUsd", "hostingPerHourUsd", "storagePerMonthUsd"] as const).map(
        (k) => [k, row[k] === null ? null : toDecimalString(row[k].toString())],
      ),
    );
    expect(stored).toEqual({
      trainingFullPerMTokUsd: "3.33333333",
      trainingDpoPerMTokUsd: "4.5",
      trainingDpoFullPerMTokUsd: "6",
      minTrainingChargeUsd: "4",
      batchInputPerMTokUsd: "0.125",
      batchOutputPerMTokUsd: "0.5",
      hostingPerHourUsd: "1.7",
      storagePerMonthUsd: "2.00000001",
    });
    expect(row).toMatchObject({ teamId: a.ctx.teamId, validationBilled: true, verified: null, sourceUrl: null, note: "negotiated: dedicated deployment" });

    // The catalog page reads the same figures back, as the team's price in force.
    const view = await getCatalogView(a.ctx, new Date("2026-03-15"));
    expect(view.models.find((m) => m.id === MINI)!.current).toMatchObject({
      id,
      scope: "team",
      hostingPerHourUsd: "1.7",
      storagePerMonthUsd: "2.00000001",
      batchInputPerMTokUsd: "0.125",
      batchOutputPerMTokUsd: "0.5",
      trainingDpoPerMTokUsd: "4.5",
      minTrainingChargeUsd: "4",
      validationBilled: true,
      verified: null,
    });

    // And the pricer uses every part: tokens 0.25 + 1, batch 0.25 + 0.5, hosting 10 h × 1.7, a whole month's storage.
    const pricer = await createUsagePricer(db, a.ctx.teamId);
    const month = await pricer.price(MINI, "2026-03", {
      inputTokens: 1_000_000n,
      cachedInputTokens: 0n,
      outputTokens: 1_000_000n,
      batchInputTokens: 2_000_000n,
      batchOutputTokens: 1_000_000n,
      hostingHours: "10",
    });
    expect(toDecimalString(month.totalUsd)).toBe("21.00000001");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: a.ctx.teamId, action: "price.create" } });
    expect(audit.after).toMatchObject({ modelId: MINI, hostingPerHourUsd: "1.7", storagePerMonthUsd: "2.00000001", validationBilled: true });
  });

  it("adds a team's own self-hosted model with a GPU-hour rate, listed for that team only and priced by its hours", async () => {
    const a = await team();
    const b = await team();
    const name = uniqueName("Llama-3.1-8B-Instruct");
    await a.actAs();
    const created = await createTeamBaseModelAction(selfHosted(name));
    expect(created).toMatchObject({ ok: true });
    const id = created.ok ? created.data.id : "";
    expect(id).toBe(`team:${a.ctx.teamId.slice(0, 8)}:self-hosted:${name.toLowerCase()}`);

    const mine = (await listCatalogModels(a.ctx)).find((m) => m.id === id);
    expect(mine).toMatchObject({
      provider: "self-hosted",
      displayName: "Llama 3.1 8B on our A100s",
      aliases: [name],
      encoding: "llama3",
      tokenizerExact: true,
      trainingContextLimit: 8192,
      billingUnit: "training_hour",
      teamId: a.ctx.teamId,
    });
    expect((await listCatalogModels(b.ctx)).map((m) => m.id)).not.toContain(id);
    expect((await listCatalogModels()).map((m) => m.id)).not.toContain(id);

    const view = await getCatalogView(a.ctx, new Date("2026-02-01"));
    expect(view.models.find((m) => m.id === id)!.current).toMatchObject({ scope: "team", trainingPerHourUsd: "2.5", hostingPerHourUsd: "1.25", trainingPerMTokUsd: null });

    // Its provider name resolves to it for its team; training is 3 GPU-hours × $2.50; a month of 100 serving hours × $1.25.
    const resolved = await getPricesInForceForTeamOrThrow(a.ctx, { model: name, date: new Date("2026-02-01") });
    expect([resolved.model.id, resolved.source]).toEqual([id, "team"]);
    expect(toDecimalString(trainingJobCost({ tokens: 0, epochs: 1, hours: "3" }, resolved.prices).totalUsd)).toBe("7.5");
    const pricer = await createUsagePricer(db, a.ctx.teamId);
    const month = await pricer.price(id, "2026-02", { inputTokens: 1_000n, cachedInputTokens: 0n, outputTokens: 500n, hostingHours: "100" });
    expect(toDecimalString(month.totalUsd)).toBe("125");

    const audit = await db.auditEvent.findMany({ where: { teamId: a.ctx.teamId, action: "price.base_model_create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "price", entityId: id });

    // The same name again is a field error, not a second model or a 500.
    const again = await createTeamBaseModelAction({ ...selfHosted(name.toUpperCase()), displayName: "Again" });
    expect(again).toMatchObject({ ok: false, code: "conflict", fields: { providerModelName: [expect.stringContaining("already has")] } });
    expect(await footprint(a.ctx.teamId)).toMatchObject({ models: 1, prices: 1 });

    // A provider model the catalog already lists is pointed at, not duplicated.
    const listed = await createTeamBaseModelAction({
      ...selfHosted("Qwen/Qwen3-8B"),
      provider: "together",
      trainingBilling: "token",
      trainingPerHourUsd: "",
      hostingPerHourUsd: "",
      trainingPerMTokUsd: "0.48",
      inputPerMTokUsd: "0.2",
      outputPerMTokUsd: "0.2",
      baseInputPerMTokUsd: "0.2",
      baseOutputPerMTokUsd: "0.2",
    });
    expect(listed).toMatchObject({ ok: false, fields: { providerModelName: [expect.stringContaining("together:Qwen/Qwen3-8B")] } });
  });

  it("answers another team's own base model exactly like an unknown one: no price added, nothing shown", async () => {
    const a = await team();
    const b = await team();
    const name = uniqueName("mistral-7b");
    await a.actAs();
    const created = await createTeamBaseModelAction(selfHosted(name));
    const id = created.ok ? created.data.id : "";
    expect(id).not.toBe("");
    const before = { a: await footprint(a.ctx.teamId), b: await footprint(b.ctx.teamId) };

    await b.actAs();
    const price = { effectiveFrom: "2026-06-01", trainingPerHourUsd: "0.01", hostingPerHourUsd: "0.01" };
    const foreign = await addPriceEntryAction({ modelId: id, ...price });
    const unknown = await addPriceEntryAction({ modelId: `team:00000000:self-hosted:${name}`, ...price });
    expect(foreign).toEqual({ ok: false, code: "not_found", message: "Base model not found", fields: { modelId: ["Unknown model"] } });
    expect(unknown).toEqual(foreign);
    expect({ a: await footprint(a.ctx.teamId), b: await footprint(b.ctx.teamId) }).toEqual(before);
    expect(await db.priceEntry.count({ where: { modelId: id } })).toBe(1);

    // Not in B's catalog, not resolvable by id or by its provider name, and B's own model of that name is B's.
    expect((await getCatalogView(b.ctx)).models.map((m) => m.id)).not.toContain(id);
    await expect(getPricesInForceForTeamOrThrow(b.ctx, { model: id, date: new Date("2026-02-01") })).rejects.toThrow(/Unknown model/);
    await expect(getPricesInForceForTeamOrThrow(b.ctx, { model: name, date: new Date("2026-02-01") })).rejects.toThrow(/Unknown model/);
    const theirs = await createTeamBaseModelAction(selfHosted(name));
    expect(theirs).toMatchObject({ ok: true, data: { id: `team:${b.ctx.teamId.slice(0, 8)}:self-hosted:${name}` } });

    // Its owner can still add the next dated price to it.
    await a.actAs();
    expect(await addPriceEntryAction({ modelId: id, ...price })).toMatchObject({ ok: true });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const a = await team();
    await a.actAs();
    const before = await footprint(a.ctx.teamId);

    const malformed = await createTeamBaseModelAction({
      provider: "moon",
      displayName: "",
      providerModelName: "has spaces",
      tokenizer: "nope",
      trainingContextLimit: "8k",
      trainingBilling: "training_hour",
      effectiveFrom: "2026-02-30",
      trainingPerHourUsd: "1e3",
      hostingPerHourUsd: "-1",
      storagePerMonthUsd: "0.123456789",
    });
    expect(malformed).toMatchObject({ ok: false, code: "validation_failed" });
    expect(Object.keys((!malformed.ok && malformed.fields) || {}).sort()).toEqual(
      ["displayName", "effectiveFrom", "hostingPerHourUsd", "provider", "providerModelName", "storagePerMonthUsd", "tokenizer", "trainingContextLimit", "trainingPerHourUsd"].sort(),
    );

    // Well-formed but inconsistent: a self-hosted hour-billed model needs its serving GPU-hour rate and has no token prices.
    const inconsistent = await createTeamBaseModelAction({ ...selfHosted(uniqueName("llama")), hostingPerHourUsd: "", inputPerMTokUsd: "0.2", validationBilled: true });
    expect(inconsistent).toMatchObject({
      ok: false,
      code: "validation_failed",
      fields: { hostingPerHourUsd: [expect.stringContaining("GPU-hour")], inputPerMTokUsd: [expect.any(String)], validationBilled: [expect.any(String)] },
    });
    const symbolsOnly = await createTeamBaseModelAction(selfHosted("///"));
    expect(symbolsOnly).toMatchObject({ ok: false, fields: { providerModelName: ["Use at least one letter or digit"] } });
    const smuggled = await createTeamBaseModelAction({ ...selfHosted(uniqueName("llama")), teamId: randomUUID() });
    expect(smuggled).toMatchObject({ ok: false, code: "validation_failed" });

    // A per-token model's price row must carry its token prices, and no hourly rate.
    const partial = await addPriceEntryAction({ modelId: MINI, effectiveFrom: "2026-04-01", inputPerMTokUsd: "0.3", trainingPerHourUsd: "5", batchInputPerMTokUsd: "0.1234567891" });
    expect(partial).toMatchObject({ ok: false, code: "validation_failed", fields: { batchInputPerMTokUsd: ["Use at most 8 decimal places"] } });
    const missing = await addPriceEntryAction({ modelId: MINI, effectiveFrom: "2026-04-01", inputPerMTokUsd: "0.3", trainingPerHourUsd: "5" });
    expect(missing).toMatchObject({
      ok: false,
      fields: { trainingPerMTokUsd: ["Required"], outputPerMTokUsd: ["Required"], baseInputPerMTokUsd: ["Required"], baseOutputPerMTokUsd: ["Required"], trainingPerHourUsd: [expect.any(String)] },
    });

    expect(await footprint(a.ctx.teamId)).toEqual(before);
  });

  it("lets only admins and owners add a base model", async () => {
    const a = await team();
    await signInMember(a.ctx.teamId, "MEMBER");
    const before = await footprint(a.ctx.teamId);
    expect(await createTeamBaseModelAction(selfHosted(uniqueName("llama")))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await footprint(a.ctx.teamId)).toEqual(before);
    await signInMember(a.ctx.teamId, "ADMIN");
    expect(await createTeamBaseModelAction(selfHosted(uniqueName("llama")))).toMatchObject({ ok: true });
  });
});
