import { afterEach, describe, expect, it } from "vitest";
import { analyzeRequestStream } from "@/lib/datasets/analyze-stream";
import { db } from "@/lib/db/client";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { analyzeText } from "@/lib/tokens";
import { createTeamWithOwner } from "../support/factories";

// The route handler is a thin shell over analyzeRequestStream (the real HTTP route is covered in tests/e2e).
const ctxOf = (t: { userId: string; teamId: string }) => ({ userId: t.userId, teamId: t.teamId, role: "VIEWER" as const });
const MB = 1_000_000;

const chat = (user: string, assistant: string) =>
  JSON.stringify({ messages: [{ role: "system", content: "You are a support agent for Acme." }, { role: "user", content: user }, { role: "assistant", content: assistant }] });

/** ~64 KB of lines: valid examples in several scripts, a blank line, invalid JSON and an example without a reply. */
function block(): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; lines.join("\n").length < 64_000; i++) {
    lines.push(
      chat(`Where is order A-${1000 + i}?`, `It shipped on 2025-04-${10 + (i % 20)}. ${"Tracking details follow. ".repeat(1 + (i % 30))}`),
      chat("注文はいつ届きますか？", "3〜5営業日でお届けします。😀"),
      "",
      `{"messages": [{"role": "user", "content": "cut off`,
      JSON.stringify({ messages: [{ role: "user", content: "No answer here" }] }),
    );
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

/** A request body generated lazily, chunk by chunk: never more than one chunk exists at a time. */
function body(chunk: Uint8Array, totalBytes: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= totalBytes) return controller.close();
      controller.enqueue(chunk.slice(0, Math.min(chunk.length, totalBytes - state.pulled)));
      state.pulled += chunk.length;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

afterEach(() => {
  delete process.env.TUNECOST_ANALYZE_MAX_BYTES;
});

describe("POST /api/v1/datasets/analyze (analyzeRequestStream)", () => {
  it("streams a 200 MB body through the analyzer with RSS growth under 256 MB, and reports it exactly", { timeout: 300_000 }, async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const unit = block();
    const blocks = Math.ceil((200 * MB) / unit.length);
    const perBlock = await analyzeText(unit, { encoding: "o200k_base", contextLimit: 65_536 });
    const { stream } = body(unit, blocks * unit.length);

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const report = await analyzeRequestStream(ctx, stream, blocks * unit.length, { baseModel: "gpt-4o-mini", epochs: "1" }).finally(() =>
      clearInterval(sampler),
    );
    const growthMb = (Math.max(peak, process.memoryUsage().rss) - before) / 2 ** 20;
    console.log(`200 MB body: RSS ${Math.round(before / 2 ** 20)} MB before, peak growth ${Math.round(growthMb)} MB`);
    expect(growthMb).toBeLessThan(256);

    expect(report).toMatchObject({
      format: "chat",
      examples: blocks * perBlock.examples,
      validExamples: blocks * perBlock.validExamples,
      errorCount: blocks * perBlock.errorCount,
      baseModel: "gpt-4o-mini-2024-07-18",
      encoding: "o200k_base",
      epochs: 1,
      epochsSource: "given",
    });
    expect(report.tokens.total).toBe(blocks * perBlock.tokens.total);
    expect(report.tokens.assistant).toBe(blocks * perBlock.tokens.assistant);
    expect(report.trainedTokens).toBe(report.tokens.billedPerEpoch);
    expect(report.errors).toHaveLength(1_000);
    expect(report.errors[0]).toEqual(perBlock.errors[0]);
    // Line numbers run on across the whole body: block 2's first error is one block's lines further down.
    expect(report.errors[perBlock.errorCount]?.line).toBe((perBlock.errors[0]?.line ?? 0) + perBlock.lines);
    expect(report.trainingCostUsd).toBe(toDecimalString(toDecimal(String(report.trainedTokens)).times("3").div(1_000_000)));
  });

  it("answers 413 from Content-Length without reading the body", async () => {
    process.env.TUNECOST_ANALYZE_MAX_BYTES = "1000";
    const ctx = ctxOf(await createTeamWithOwner());
    const { stream, state } = body(new TextEncoder().encode(`${chat("a", "b")}\n`), 10_000);
    await expect(analyzeRequestStream(ctx, stream, 1_001, {})).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(1_000); // at most the one chunk a stream prefetches
  });

  it("answers 413 mid-stream when the bytes pass the limit, and stops reading", async () => {
    process.env.TUNECOST_ANALYZE_MAX_BYTES = "5000";
    const ctx = ctxOf(await createTeamWithOwner());
    const line = new TextEncoder().encode(`${chat("a", "b")}\n`);
    const { stream, state } = body(line, 1_000_000);
    await expect(analyzeRequestStream(ctx, stream, null, {})).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(5_000 + 3 * line.length);
    // Exactly at the limit is fine.
    const exact = body(line, 5 * line.length);
    process.env.TUNECOST_ANALYZE_MAX_BYTES = String(5 * line.length);
    await expect(analyzeRequestStream(ctx, exact.stream, null, {})).resolves.toMatchObject({ examples: 5, errorCount: 0 });
  });

  it("rejects a bad query or an unknown base model with field errors, before reading", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    const line = new TextEncoder().encode(`${chat("a", "b")}\n`);
    const bad = body(line, 10_000);
    await expect(analyzeRequestStream(ctx, bad.stream, null, { epochs: "0" })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { epochs: ["Must be at least 1"] },
    });
    expect(bad.state.cancelled).toBe(true);
    await expect(analyzeRequestStream(ctx, body(line, 100).stream, null, { baseModel: "gpt-4o-mni" })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { baseModel: [expect.stringMatching(/Did you mean: gpt-4o-mini/)] },
    });
  });

  it("prices with the caller's team prices, never another team's", async () => {
    const a = ctxOf(await createTeamWithOwner());
    const b = ctxOf(await createTeamWithOwner());
    await db.priceEntry.create({
      data: {
        modelId: "gpt-4o-mini-2024-07-18",
        teamId: a.teamId,
        priceSet: "openai",
        effectiveFrom: new Date("2025-01-01T00:00:00Z"),
        trainingPerMTokUsd: "500",
        inputPerMTokUsd: "0.3",
        outputPerMTokUsd: "1.2",
        baseInputPerMTokUsd: "0.15",
        baseOutputPerMTokUsd: "0.6",
      },
    });
    const line = new TextEncoder().encode(`${chat("Hello there", "General Kenobi")}\n`);
    const forA = await analyzeRequestStream(a, body(line, 3 * line.length).stream, null, { epochs: "2" });
    const forB = await analyzeRequestStream(b, body(line, 3 * line.length).stream, null, { epochs: "2" });
    expect(forA.trainedTokens).toBe(forB.trainedTokens);
    const usd = (perMTok: string) => toDecimalString(toDecimal(String(forA.trainedTokens)).times(perMTok).div(1_000_000));
    expect(forA.trainingCostUsd).toBe(usd("500"));
    expect(forB.trainingCostUsd).toBe(usd("3"));
  });

  it("analyses an empty body as an empty file", async () => {
    const ctx = ctxOf(await createTeamWithOwner());
    await expect(analyzeRequestStream(ctx, null, 0, {})).resolves.toMatchObject({ examples: 0, validExamples: 0, errorCount: 0, trainedTokens: 0 });
  });
});
