import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readOpenAiUsage } from "./openai-usage";

const fixture = readFileSync(new URL("../../tests/fixtures/openai-usage-completions.json", import.meta.url), "utf8");
const SUPPORT = "ft:gpt-4o-mini-2024-07-18:acme:support-bot:B7xQ2mLk";
const TRIAGE = "ft:gpt-4.1-mini-2025-04-14:acme:ticket-triage:C9pR4sTn";
const later = new Date("2026-06-01T00:00:00Z");
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

const result = (model: string | null, input: number, cached: number, output: number, requests: number) => ({
  object: "organization.usage.completions.result",
  input_tokens: input,
  input_cached_tokens: cached,
  output_tokens: output,
  num_model_requests: requests,
  model,
});
const bucket = (from: string, to: string, results: unknown[]) => ({ object: "bucket", start_time: day(from), end_time: day(to), results });
const page = (data: unknown[], more = false) => ({ object: "page", data, has_more: more, next_page: more ? "page_AAAA" : null });

describe("readOpenAiUsage", () => {
  it("sums daily buckets into calendar months (UTC) per model, base models included for the caller to list", () => {
    const read = readOpenAiUsage(fixture, later);
    expect(read.problems).toEqual([]);
    const rows = read.rows.map((r) => [r.month, r.model, r.inputTokens, r.cachedInputTokens, r.outputTokens, r.requests, r.asOf]);
    expect(rows).toEqual([
      ["2026-02", TRIAGE, 1_200_000n, 100_000n, 120_000n, 2_400n, null],
      ["2026-02", SUPPORT, 3_600_000n, 900_000n, 1_200_000n, 7_200n, null],
      ["2026-02", "gpt-4o-2024-08-06", 2_000_000n, 500_000n, 600_000n, 900n, null],
      // The export stops on 3 March: the month's figures run to that day.
      ["2026-03", TRIAGE, 800_000n, 150_000n, 80_000n, 1_600n, "2026-03-03"],
      ["2026-03", SUPPORT, 2_300_000n, 500_000n, 750_000n, 4_600n, "2026-03-03"],
      ["2026-03", "gpt-4o-2024-08-06", 1_500_000n, 0n, 450_000n, 700n, "2026-03-03"],
    ]);
    expect(read.notes).toEqual([expect.stringMatching(/^2026-02: the export starts on 2026-02-25/)]);
  });

  it("dates a month still in progress to today, the day its running bucket has reached", () => {
    const read = readOpenAiUsage(JSON.stringify(page([bucket("2026-03-01", "2026-04-01", [result(SUPPORT, 10, 0, 1, 1)])])), new Date("2026-03-15T09:30:00Z"));
    expect(read.rows[0]).toMatchObject({ month: "2026-03", asOf: "2026-03-15" });
    const done = readOpenAiUsage(JSON.stringify(page([bucket("2026-03-01", "2026-04-01", [result(SUPPORT, 10, 0, 1, 1)])])), later);
    expect(done.rows[0]).toMatchObject({ month: "2026-03", asOf: null });
  });

  it("accepts an array of pages and adds them up, and says when the last page has more", () => {
    const pages = [page([bucket("2026-03-01", "2026-03-02", [result(SUPPORT, 10, 2, 1, 1)])], true), page([bucket("2026-03-02", "2026-03-03", [result(SUPPORT, 5, 1, 1, 1)])], true)];
    const read = readOpenAiUsage(JSON.stringify(pages), later);
    expect(read.rows).toMatchObject([{ month: "2026-03", inputTokens: 15n, cachedInputTokens: 3n, requests: 2n }]);
    expect(read.notes).toContainEqual(expect.stringMatching(/has_more is true.*page=page_AAAA/));
  });

  it("refuses a bucket that spans two months", () => {
    const read = readOpenAiUsage(JSON.stringify(page([bucket("2026-02-25", "2026-03-04", [result(SUPPORT, 10, 0, 1, 1)])])), later);
    expect(read.problems).toEqual([{ line: null, label: "Bucket 2026-02-25 00:00 UTC", reasons: [expect.stringMatching(/across two months/)] }]);
  });

  it("refuses the same period twice, which would double its usage", () => {
    const b = bucket("2026-03-01", "2026-03-02", [result(SUPPORT, 10, 0, 1, 1)]);
    const read = readOpenAiUsage(JSON.stringify([page([b]), page([b])]), later);
    expect(read.problems).toEqual([expect.objectContaining({ reasons: [expect.stringMatching(/Overlaps another bucket/)] })]);
  });

  it("explains that an export without group_by=model cannot be imported", () => {
    const read = readOpenAiUsage(JSON.stringify(page([bucket("2026-03-01", "2026-03-02", [result(null, 1000, 800, 500, 5)])])), later);
    expect(read.problems).toEqual([{ line: null, label: "Results", reasons: [expect.stringMatching(/not grouped by model.*group_by=model/)] }]);
  });

  it("names what is wrong with a file that is not a completions usage page", () => {
    expect(readOpenAiUsage("{ not json", later).problems[0]!.reasons[0]).toMatch(/^Not valid JSON/);
    expect(readOpenAiUsage(JSON.stringify({ data: [] }), later).problems).toEqual([
      { line: null, label: "object", reasons: ['Expected "page": this is not a page of the OpenAI Usage API'] },
    ]);
    expect(readOpenAiUsage("[]", later).problems).toEqual([{ line: null, label: "File", reasons: ["holds no pages"] }]);
    const negative = readOpenAiUsage(JSON.stringify(page([bucket("2026-03-01", "2026-03-02", [result(SUPPORT, -1, 0, 1, 1)])])), later);
    expect(negative.problems).toEqual([{ line: null, label: "data.0.results.0.input_tokens", reasons: ["must not be negative"] }]);
    const embeddings = { ...result(SUPPORT, 1, 0, 0, 1), object: "organization.usage.embeddings.result" };
    expect(readOpenAiUsage(JSON.stringify(page([bucket("2026-03-01", "2026-03-02", [embeddings])])), later).problems[0]!.reasons[0]).toMatch(
      /not a completions usage export/,
    );
  });
});

describe("readOpenAiUsage with Batch API results", () => {
  it("counts batch: true results as batch tokens, apart from the others", () => {
    const FT = "ft:gpt-4o-mini-2024-07-18:acme:support:AbC123";
    const result = (batch: boolean | null, input: number, cached: number, output: number) => ({
      object: "organization.usage.completions.result",
      input_tokens: input,
      input_cached_tokens: cached,
      output_tokens: output,
      num_model_requests: 10,
      model: FT,
      batch,
    });
    const page = {
      object: "page",
      has_more: false,
      data: [
        { object: "bucket", start_time: Date.UTC(2026, 2, 1) / 1000, end_time: Date.UTC(2026, 2, 2) / 1000, results: [result(false, 1000, 200, 300), result(true, 4000, 1000, 2000)] },
        { object: "bucket", start_time: Date.UTC(2026, 2, 2) / 1000, end_time: Date.UTC(2026, 2, 3) / 1000, results: [result(null, 500, 0, 100), result(true, 6000, 0, 3000)] },
      ],
    };
    const read = readOpenAiUsage(JSON.stringify(page), new Date("2026-12-01T00:00:00Z"));
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0]).toMatchObject({
      model: FT,
      month: "2026-03",
      inputTokens: 1500n,
      cachedInputTokens: 200n,
      outputTokens: 400n,
      batchInputTokens: 10_000n,
      batchOutputTokens: 5000n,
      requests: 40n,
    });
    expect(read.notes.join(" ")).toMatch(/2 Batch API result\(s\)/);
  });
});
