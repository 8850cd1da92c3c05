import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { analyzeFile } from "@/lib/tokens/analyze-file.node";
import { createTeamWithOwner } from "../support/factories";

// `npx tunecost analyze` as users run it: a child process against the test database (the CLI honours DATABASE_URL).
const root = process.cwd();
const toyFile = join(root, "..", "shared", "datasets", "toy_chat_fine_tuning.jsonl");

function tunecost(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, "bin", "tunecost.mjs"), ...args], { cwd: root, env: process.env, maxBuffer: 32 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tunecost-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = JSON.stringify({ messages: [{ role: "system", content: "Be kind." }, { role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] });

describe("tunecost analyze", { timeout: 90_000 }, () => {
  it("prices the cookbook sample on gpt-3.5-turbo-0125: 20 default epochs × 8,242 tokens (--json, exit 0)", async () => {
    const { code, stdout, stderr } = await tunecost("analyze", toyFile, "--base-model", "gpt-3.5-turbo-0125", "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    // The same figures as the single-thread library at the model's catalog limit (16,385: no example is cut).
    const expected = await analyzeFile(toyFile, { encoding: "cl100k_base", contextLimit: 16_385 });
    expect(report).toMatchObject({
      format: "chat",
      examples: 5,
      validExamples: 5,
      errorCount: 0,
      baseModel: "gpt-3.5-turbo-0125",
      encoding: "cl100k_base",
      epochs: 20,
      epochsSource: "default",
      trainedTokens: 164_840,
      // 164,840 tokens × $8.00 per 1M (openai price set), exact.
      trainingCostUsd: "1.31872",
      tokens: { ...expected.tokens, billedPerEpoch: 8_242, limit: 16_385 },
    });
    expect(report.trainedTokens).toBe(expected.trainedTokens);
    expect(Object.keys(report).sort()).toEqual(
      [
        "format", "examples", "validExamples", "errorCount", "errors", "warningCount", "warnings", "baseModel", "encoding",
        "tokens", "epochs", "epochsSource", "trainedTokens", "trainingCostUsd", "comparison", "histogram",
        "tokenizer", "tokenizerLabel", "countsEstimated", "notes", "fileWarnings",
      ].sort(),
    );
    // gpt-3.5-turbo's own tokenizer ships (cl100k_base): exact counts; 5 examples are fewer than OpenAI's minimum of 10.
    expect(report).toMatchObject({ tokenizer: "cl100k_base", countsEstimated: false });
    expect(report.fileWarnings.map((w: { code: string }) => w.code)).toEqual(["too_few_examples"]);
    expect(report.comparison.map((r: { modelId: string }) => r.modelId)).toContain("gpt-3.5-turbo-0125");
    expect(report.warnings).toEqual([{ line: 4, code: "missing_user_message", message: expect.any(String) }]);
  });

  it("lists format errors by line:column and exits 1", async () => {
    const file = join(dir, "errors.jsonl");
    writeFileSync(file, `${valid}\n{"messages": [}\n\n${JSON.stringify({ messages: [{ role: "user", content: "Hi" }] })}\n`);
    const { code, stdout } = await tunecost("analyze", file, "--epochs", "3");
    expect(code).toBe(1);
    expect(stdout).toContain("2 format errors");
    expect(stdout).toMatch(/line 2:15 {2}invalid_json {2}This line is not valid JSON/);
    expect(stdout).toMatch(/line 4 {2}example_missing_assistant_message/);
    expect(stdout).toMatch(/Epochs: 3 \(given\)/);
    expect(stdout).toMatch(/Training cost on gpt-4o-mini-2024-07-18: \$0\.00 \(price set openai\)/);

    const json = await tunecost("analyze", file, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).errors).toEqual([
      { line: 2, column: 15, code: "invalid_json", message: expect.stringMatching(/column 15/) },
      { line: 4, code: "example_missing_assistant_message", message: expect.any(String) },
    ]);
  });

  // One CLI at a time: concurrent commands serialise on the catalog seed's lock, which a loaded machine can push past
  // Prisma's 5 s transaction timeout.
  it.each([
    ["--epochs 0", ["--epochs", "0"], /--epochs: Must be at least 1/],
    ["--epochs x", ["--epochs", "x"], /--epochs:/],
    ["an unknown base model", ["--base-model", "gpt-4o-mni"], /Unknown model "gpt-4o-mni". Did you mean: gpt-4o-mini/],
    ["an unknown team", ["--team", "no-such-team-slug"], /No team with slug "no-such-team-slug"/],
  ])("exits 2 on %s", async (_, args, message) => {
    const { code, stdout, stderr } = await tunecost("analyze", toyFile, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
  });

  it("exits 2 for a missing file, a directory, or no file argument", async () => {
    const missing = await tunecost("analyze", join(dir, "nope.jsonl"));
    const directory = await tunecost("analyze", dir);
    const none = await tunecost("analyze");
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/Cannot read .*nope\.jsonl: no such file/) });
    expect(directory).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not a file/) });
    expect(none).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing required argument 'file'/) });
  });

  it("prices with the team's own price (--team) and only that team's", async () => {
    const owner = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const { slug } = await db.team.findUniqueOrThrow({ where: { id: owner.teamId }, select: { slug: true } });
    const { slug: otherSlug } = await db.team.findUniqueOrThrow({ where: { id: other.teamId }, select: { slug: true } });
    await db.priceEntry.create({
      data: {
        modelId: "gpt-4o-mini-2024-07-18",
        teamId: owner.teamId,
        priceSet: "openai",
        effectiveFrom: new Date("2025-01-01T00:00:00Z"),
        trainingPerMTokUsd: "1000",
        inputPerMTokUsd: "0.3",
        outputPerMTokUsd: "1.2",
        baseInputPerMTokUsd: "0.15",
        baseOutputPerMTokUsd: "0.6",
      },
    });
    const file = join(dir, "one.jsonl");
    writeFileSync(file, `${valid}\n`);
    const run = async (...team: string[]) => {
      const r = await tunecost("analyze", file, "--epochs", "2", "--json", ...team);
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const mine = await run("--team", slug);
    const theirs = await run("--team", otherSlug);
    const global = await run();
    const cost = (r: { stdout: string }) => JSON.parse(r.stdout) as { trainedTokens: number; trainingCostUsd: string };
    const trained = cost(mine).trainedTokens;
    expect(trained).toBeGreaterThan(0);
    const usd = (perMTok: string) => toDecimalString(toDecimal(String(trained)).times(perMTok).div(1_000_000));
    expect(cost(mine).trainingCostUsd).toBe(usd("1000"));
    expect(cost(theirs).trainingCostUsd).toBe(usd("3")); // the published gpt-4o-mini training price
    expect(cost(global).trainingCostUsd).toBe(cost(theirs).trainingCostUsd);
  });
});
