import { describe, expect, it } from "vitest";
import { computeEstimate, estimateInputSchema } from "@/lib/costs";
import { db } from "@/lib/db/client";
import { toDecimalString } from "@/lib/money/decimal";
import { getCatalogView, getPricesInForceForTeamOrThrow } from "@/lib/pricing/queries";
import { seedPriceCatalog } from "@/lib/pricing/seed";
import { createTeamMiniPrice, createTeamWithOwner } from "../support/factories";

const ctxOf = (t: { userId: string; teamId: string }) => ({ userId: t.userId, teamId: t.teamId, role: "OWNER" as const });

describe("price catalog", () => {
  it("resolves an ft: name to its base model's prices in force", async () => {
    const team = ctxOf(await createTeamWithOwner());
    const r = await getPricesInForceForTeamOrThrow(team, { model: "ft:gpt-4o-mini-2024-07-18:acme:support:AbC123", date: new Date("2026-03-01") });
    expect(r.model.id).toBe("gpt-4o-mini-2024-07-18");
    expect(r.model.encoding).toBe("o200k_base");
    expect(r.source).toBe("global");
    expect(toDecimalString(r.prices.trainingPerMTok!)).toBe("3");
    expect(toDecimalString(r.prices.outputPerMTok!)).toBe("1.2");
  });

  it("names close matches for an unknown model", async () => {
    const team = ctxOf(await createTeamWithOwner());
    await expect(getPricesInForceForTeamOrThrow(team, { model: "gpt-4o-mni", date: new Date() })).rejects.toThrow(/Did you mean: .*gpt-4o-mini/);
  });

  it("lets a team override beat the global price only for that team, and only from its date", async () => {
    const a = ctxOf(await createTeamWithOwner());
    const b = ctxOf(await createTeamWithOwner());
    await createTeamMiniPrice(a.teamId, "2026-01-01");
    const model = "gpt-4o-mini";
    const aAfter = await getPricesInForceForTeamOrThrow(a, { model, date: new Date("2026-02-01") });
    const aBefore = await getPricesInForceForTeamOrThrow(a, { model, date: new Date("2025-12-31") });
    const bAfter = await getPricesInForceForTeamOrThrow(b, { model, date: new Date("2026-02-01") });
    expect([aAfter.source, toDecimalString(aAfter.prices.inputPerMTok!)]).toEqual(["team", "0.25"]);
    expect([aBefore.source, toDecimalString(aBefore.prices.inputPerMTok!)]).toEqual(["global", "0.3"]);
    expect([bAfter.source, toDecimalString(bAfter.prices.inputPerMTok!)]).toEqual(["global", "0.3"]);

    const viewB = await getCatalogView(b, new Date("2026-02-01"));
    const mini = viewB.models.find((m) => m.id === "gpt-4o-mini-2024-07-18")!;
    expect(mini.history.every((h) => h.scope === "global")).toBe(true);
    const viewA = await getCatalogView(a, new Date("2026-02-01"));
    expect(viewA.models.find((m) => m.id === "gpt-4o-mini-2024-07-18")!.current).toMatchObject({ scope: "team", inputPerMTokUsd: "0.25" });
  });

  it("prices with the team's named price set: the article's Production app scenario is exact", async () => {
    const team = await createTeamWithOwner();
    await db.team.update({ where: { id: team.teamId }, data: { priceSet: "article-2026" } });
    const r = await getPricesInForceForTeamOrThrow(ctxOf(team), { model: "gpt-4o-mini", date: new Date("2026-06-01") });
    const input = estimateInputSchema.parse({
      baseModel: "gpt-4o-mini",
      training: { tokens: 1_000_000, epochs: 1 },
      usage: { period: "month", inputTokens: 150_000_000, outputTokens: 450_000_000 },
    });
    const estimate = computeEstimate(input, r.prices);
    expect([estimate.trainingCostUsd, estimate.monthlyCostUsd, estimate.totalCostUsd]).toEqual(["1", "292.5", "3511"]);
  });

  it("shows an hour-billed model as not priced per token", async () => {
    const team = ctxOf(await createTeamWithOwner());
    const view = await getCatalogView(team);
    const rft = view.models.find((m) => m.id.startsWith("o4-mini"))!;
    expect(rft.billingUnit).toBe("training_hour");
    expect(rft.current).toMatchObject({ trainingPerHourUsd: "100", trainingPerMTokUsd: null });
  });

  it("seeding again changes nothing", async () => {
    const before = await db.priceEntry.count({ where: { teamId: null } });
    expect(await seedPriceCatalog()).toEqual({ models: 0, prices: 0 });
    expect(await db.priceEntry.count({ where: { teamId: null } })).toBe(before);
  });
});
