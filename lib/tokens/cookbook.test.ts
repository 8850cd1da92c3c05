import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeFile } from "./analyze-file.node";

// Shared data owned outside this repo: read in place, never copied into fixtures.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const toyFile = path.resolve(repoRoot, "../shared/datasets/toy_chat_fine_tuning.jsonl");

describe("OpenAI cookbook sample (Chat_finetuning_data_prep)", () => {
  it("bills 4,306 tokens per epoch × 20 default epochs = 86,120 tokens with cl100k_base and a 4,096 limit", async () => {
    if (!existsSync(toyFile)) {
      throw new Error(`The cookbook sample is missing: expected ${toyFile} (shared dataset, see /work/shared/datasets)`);
    }
    const progress: number[] = [];
    const report = await analyzeFile(toyFile, { encoding: "cl100k_base", contextLimit: 4_096 }, (p) => progress.push(p.bytesRead));
    expect(report.errorCount).toBe(0);
    expect(report.validExamples).toBe(5);
    expect(report.tokens.billedPerEpoch).toBe(4_306);
    expect(report.epochs).toBe(20);
    expect(report.epochsSource).toBe("default");
    expect(report.trainedTokens).toBe(86_120);
    // The cookbook's own stats for this file: one example over the limit, one without a system / user message.
    expect(report.tokens.overLimitExamples).toBe(1);
    expect(report.examplesWithoutSystemMessage).toBe(1);
    expect(report.examplesWithoutUserMessage).toBe(1);
    expect(progress.at(-1)).toBe(report.bytes);
  });
});
