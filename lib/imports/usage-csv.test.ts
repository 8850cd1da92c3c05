import { describe, expect, it } from "vitest";
import { readUsageCsv } from "./usage-csv";

const HEADER = "month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd";
const FT = "ft:gpt-4o-mini-2024-07-18:acme:support:AbC123";

/** The reasons per line, for compact assertions. */
const problems = (text: string) => Object.fromEntries(readUsageCsv(text).problems.map((p) => [p.label, p.reasons]));

describe("readUsageCsv", () => {
  it("parses good rows to exact counts, empty optional cells to their defaults", () => {
    const read = readUsageCsv(`${HEADER}\r\n2026-02,${FT},3600000,900000,1200000,7200,2.39\r\n2026-03,${FT},9000000000000000001,,5,,\r\n`);
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { line: 2, model: FT, month: "2026-02", inputTokens: 3_600_000n, cachedInputTokens: 900_000n, outputTokens: 1_200_000n, requests: 7200n, invoicedCostUsd: "2.39", asOf: null, batchInputTokens: 0n, batchOutputTokens: 0n, hostingHours: null },
      { line: 3, model: FT, month: "2026-03", inputTokens: 9_000_000_000_000_000_001n, cachedInputTokens: 0n, outputTokens: 5n, requests: null, invoicedCostUsd: null, asOf: null, batchInputTokens: 0n, batchOutputTokens: 0n, hostingHours: null },
    ]);
  });

  it("reads batch tokens apart from input and output, and hosting hours", () => {
    const read = readUsageCsv(`month,model,input_tokens,output_tokens,batch_input_tokens,batch_output_tokens,hosting_hours\n2026-03,${FT},10,5,4000000,2000000,720.5\n`);
    expect(read.problems).toEqual([]);
    expect(read.rows[0]).toMatchObject({ inputTokens: 10n, outputTokens: 5n, batchInputTokens: 4_000_000n, batchOutputTokens: 2_000_000n, hostingHours: "720.5" });
    expect(problems(`month,model,input_tokens,output_tokens,hosting_hours\n2026-03,${FT},1,1,-3\n`)["Line 2"]?.[0]).toMatch(/^hosting_hours: /);
  });

  it("takes the columns in any order, in any case, and leaves optional ones out", () => {
    const read = readUsageCsv(`Output_Tokens, MODEL ,month,input_tokens,as_of\n5,${FT},2026-03,10,2026-03-15\n`);
    expect(read.problems).toEqual([]);
    expect(read.rows[0]).toMatchObject({ month: "2026-03", inputTokens: 10n, outputTokens: 5n, cachedInputTokens: 0n, asOf: "2026-03-15" });
  });

  it("names every bad row with its line and reason", () => {
    const text = [
      HEADER,
      `2026-13,${FT},1,0,1,1,`, // 2 bad month
      `2026-01,${FT},-5,0,1,1,`, // 3 negative
      `2026-01,${FT},1.5,0,1,1,`, // 4 not a whole number
      `2026-01,${FT},100,200,1,1,`, // 5 cached > input
      `2026-01,${FT},1,0,1`, // 6 missing columns
      `2026-01,${FT},1,0,1,1,,extra`, // 7 extra column
      `2026-01,,1,0,abc,1,$3`, // 8 several reasons at once
      `2026-02,${FT},1,0,1,1,`, // 9 good
    ].join("\n");
    expect(problems(text)).toEqual({
      "Line 2": ['month: is not a month like 2026-03 ("2026-13")'],
      "Line 3": ['input_tokens: must not be negative ("-5")'],
      "Line 4": ['input_tokens: must be a whole number ("1.5")'],
      "Line 5": ["cached_input_tokens: 200 exceeds input_tokens 100; cached tokens are part of the input"],
      "Line 6": ["Missing columns requests, cost_usd: the row has 5 of the header's 7 cells"],
      "Line 7": ["1 extra cell(s): the row has 8 cells, the header 7"],
      "Line 8": [
        expect.stringMatching(/^model: is required/),
        'output_tokens: must be a whole number ("abc")',
        expect.stringMatching(/^cost_usd: Must be a plain non-negative decimal.*\("\$3"\)$/),
      ],
    });
    expect(readUsageCsv(text).rows.map((r) => r.line)).toEqual([9]);
  });

  it("refuses an as-of date outside its month", () => {
    expect(problems(`month,model,input_tokens,output_tokens,as_of\n2026-03,${FT},1,1,2026-04-01\n`)).toEqual({
      "Line 2": ["as_of: 2026-04-01 is not a day in 2026-03"],
    });
  });

  it("refuses a file whose header lacks a column, names an unknown one, or is missing", () => {
    expect(problems(`month,model,input_tokens\n2026-01,${FT},1\n`)).toEqual({
      Header: ["Missing column output_tokens (the first line must be the header)"],
    });
    expect(problems(`month,model,input_tokens,output_tokens,cost\n`).Header).toEqual([
      expect.stringMatching(/^Unknown column "cost"; the columns are month, model/),
    ]);
    expect(problems(`2026-01,${FT},1,0,1,1,\n`).Header).toEqual(expect.arrayContaining([expect.stringMatching(/^Missing columns month, model/)]));
    expect(problems("")).toEqual({ File: ["The file is empty: the first line must be the header"] });
    expect(problems(`${HEADER}\n`)).toEqual({ File: ["The file has a header but no rows"] });
  });

  it("refuses more than 100,000 rows with a clear message", () => {
    const text = `${HEADER}\n${`2026-01,${FT},1,0,1,1,\n`.repeat(100_001)}`;
    expect(problems(text)).toEqual({ File: ["The file has 100,001 rows; the limit is 100,000. Split it into smaller files."] });
  });
});
