import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createModel } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { listModelUsage } from "@/lib/usage/queries";
import { putModelUsage, writeUsageBatch } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { repriceUsage } from "@/lib/usage/write";
import { createTeamWithOwner } from "../support/factories";

async function teamWithModel(base = "gpt-4o-mini") {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Support bot" });
  const suffix = owner.teamId.slice(0, 6);
  const model = await createModel(ctx, {
    projectId: project.id,
    displayName: "Support v1",
    providerModelId: `ft:${base === "gpt-4o-mini" ? "gpt-4o-mini-2024-07-18" : base}:acme:support-${suffix}:AbC123`,
    status: "ACTIVE",
    trainingTokens: 1_000_000n,
    epochs: 3,
    trainedAt: "2026-01-10",
  });
  return { ctx, project, model };
}

const figures = (input: number, cached: number, output: number) =>
  usageFiguresSchema.parse({ inputTokens: input, cachedInputTokens: cached, outputTokens: output });

describe("usage records", () => {
  it("prices a month exactly with the prices in force, and computes the training cost", async () => {
    const { ctx, model } = await teamWithModel();
    expect(model.baseModelId).toBe("gpt-4o-mini-2024-07-18");
    expect(model.trainingCostUsd).toBe("9"); // 1M × 3 epochs × $3.00 / 1M
    // (800k × 0.30 + 200k × 0.15 + 500k × 1.20) / 1M = 0.24 + 0.03 + 0.60
    const row = await putModelUsage(ctx, model.id, "2026-02", figures(1_000_000, 200_000, 500_000), { source: "API" });
    expect(row).toMatchObject({ month: "2026-02", costUsd: "0.87", version: 1, inputTokens: "1000000" });
  });

  it("keeps 64-bit counts exact", async () => {
    const { ctx, model } = await teamWithModel();
    const big = usageFiguresSchema.parse({ inputTokens: "9000000000000000001", outputTokens: "0" });
    const row = await putModelUsage(ctx, model.id, "2026-02", big, { source: "API" });
    expect(row.inputTokens).toBe("9000000000000000001");
    expect(row.costUsd).toBe("2700000000000.0000003"); // × $0.30 / 1M
  });

  it("is idempotent: the same figures again change nothing", async () => {
    const { ctx, model } = await teamWithModel();
    await putModelUsage(ctx, model.id, "2026-03", figures(100, 0, 10), { source: "API" });
    const again = await putModelUsage(ctx, model.id, "2026-03", figures(100, 0, 10), { source: "API" });
    expect(again.version).toBe(1);
  });

  it("10 concurrent writes of one record leave one row holding the last value written", async () => {
    const { ctx, model } = await teamWithModel();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => putModelUsage(ctx, model.id, "2026-04", figures(1000 + i, 0, 1), { source: "API" })),
    );
    const rows = await db.usageRecord.findMany({ where: { modelId: model.id } });
    expect(rows).toHaveLength(1);
    // Writers are serialised: versions 1..10 each went to one request, and the row holds the last one's value.
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const last = results.find((r) => r.version === 10)!;
    expect(rows[0]!.version).toBe(10);
    expect(rows[0]!.inputTokens.toString()).toBe(last.inputTokens);
  });

  it("refuses a stale edit with 409 naming who changed it", async () => {
    const { ctx, model } = await teamWithModel();
    await putModelUsage(ctx, model.id, "2026-05", figures(1, 0, 1), { source: "FORM", expectedVersion: 0 });
    await putModelUsage(ctx, model.id, "2026-05", figures(2, 0, 1), { source: "FORM", expectedVersion: 1 });
    const stale = putModelUsage(ctx, model.id, "2026-05", figures(3, 0, 1), { source: "FORM", expectedVersion: 1 });
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/changed by Test Owner/) });
    expect((await listModelUsage(ctx, model.id))[0]!.inputTokens).toBe("2");
  });

  it("a batch with one bad record writes nothing", async () => {
    const { ctx, model } = await teamWithModel();
    const good = { model: model.id, month: "2026-01", ...figures(10, 0, 1) };
    const bad = { model: "ft:unknown:x:y:z", month: "2026-02", ...figures(10, 0, 1) };
    const dup = { model: model.providerModelId!, month: "2026-01", ...figures(11, 0, 1) };
    const error = await writeUsageBatch(ctx, [good, bad, dup], "API").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation_failed", fields: { "records.1.model": [expect.stringMatching(/Unknown model/)], "records.2.month": [expect.stringMatching(/record 0/)] } });
    expect(await db.usageRecord.count({ where: { modelId: model.id } })).toBe(0);
    expect(await writeUsageBatch(ctx, [good], "API")).toEqual({ received: 1, changed: 1 });
  });

  it("another team's model is not found and stays unchanged", async () => {
    const a = await teamWithModel();
    const b = await teamWithModel();
    await putModelUsage(a.ctx, a.model.id, "2026-06", figures(5, 0, 5), { source: "API" });
    await expect(putModelUsage(b.ctx, a.model.id, "2026-06", figures(9, 0, 9), { source: "API" })).rejects.toMatchObject({ code: "not_found" });
    await expect(listModelUsage(b.ctx, a.model.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(writeUsageBatch(b.ctx, [{ model: a.model.id, month: "2026-06", ...figures(9, 0, 9) }], "API")).rejects.toMatchObject({ code: "validation_failed" });
    expect((await listModelUsage(a.ctx, a.model.id))[0]!.inputTokens).toBe("5");
  });

  it("a new dated price re-prices only the months from its date on", async () => {
    const { ctx, model } = await teamWithModel();
    await putModelUsage(ctx, model.id, "2026-02", figures(1_000_000, 0, 0), { source: "API" });
    await putModelUsage(ctx, model.id, "2026-03", figures(1_000_000, 0, 0), { source: "API" });
    await db.$transaction(async (tx) => {
      await tx.priceEntry.create({
        data: {
          modelId: "gpt-4o-mini-2024-07-18", teamId: ctx.teamId, priceSet: "openai", effectiveFrom: new Date("2026-03-01T00:00:00Z"),
          trainingPerMTokUsd: "3", inputPerMTokUsd: "0.25", cachedInputPerMTokUsd: "0.125", outputPerMTokUsd: "1",
          baseInputPerMTokUsd: "0.15", baseCachedInputPerMTokUsd: "0.075", baseOutputPerMTokUsd: "0.6",
        },
      });
      await repriceUsage(tx, ctx.teamId, { baseModelId: "gpt-4o-mini-2024-07-18", fromMonth: "2026-03" });
    });
    const rows = await listModelUsage(ctx, model.id);
    expect(rows.map((r) => [r.month, r.costUsd])).toEqual([["2026-02", "0.3"], ["2026-03", "0.25"]]);
  });
});
