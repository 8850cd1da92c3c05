import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/usage/export.csv/route";
import { createApiKey } from "@/lib/api-keys/create";
import { db } from "@/lib/db/client";
import { parseCsv } from "@/lib/imports/csv";
import { exportUsageCsvOrThrow } from "@/lib/imports/export";
import { commitUsageImport } from "@/lib/imports/mutations";
import { prepareUsageImport } from "@/lib/imports/queries";
import { createModel } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { createTeamWithOwner } from "../support/factories";

const SUPPORT = "ft:gpt-4o-mini-2024-07-18:acme:support-bot:B7xQ2mLk";
const TRIAGE = "ft:gpt-4.1-mini-2025-04-14:acme:ticket-triage:C9pR4sTn";
const HEADER = "month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd";
const fixture = readFileSync(new URL("../fixtures/openai-usage-completions.json", import.meta.url), "utf8");

/** A team with one project and the fixture's two fine-tuned models (gpt-4o-mini and gpt-4.1-mini). */
async function teamWithModels(projectName = "Support bot") {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: projectName });
  const model = (displayName: string, providerModelId: string) =>
    createModel(ctx, { projectId: project.id, displayName, providerModelId, status: "ACTIVE" });
  const support = await model("Support v1", SUPPORT);
  const triage = await model("Triage v2", TRIAGE);
  return { ctx, project, support, triage };
}

const csv = (...lines: string[]) => ({ format: "csv" as const, text: `${[HEADER, ...lines].join("\r\n")}\r\n` });
const reasonsByLabel = (problems: { label: string; reasons: string[] }[]) => Object.fromEntries(problems.map((p) => [p.label, p.reasons]));
const storedCount = (teamId: string) => db.usageRecord.count({ where: { teamId } });

describe("CSV import", () => {
  it("names every bad row with its line and reason, refuses to commit, and writes nothing", async () => {
    const { ctx, support } = await teamWithModels();
    const file = csv(
      `2026-01,${SUPPORT},1000,0,10,1,`, // 2 good
      `2026-13,${SUPPORT},1000,0,10,1,`, // 3 bad month
      `2026-02,${SUPPORT},-1000,0,10,1,`, // 4 negative
      `2026-03,${SUPPORT},10.5,0,10,1,`, // 5 not a whole number
      `2026-04,${SUPPORT},100,200,10,1,`, // 6 cached > input
      `2026-05,ft:gpt-4o-mini-2024-07-18:other:x:Zz9,1000,0,10,1,`, // 7 unknown model
      `2026-01,${support.id},5,0,5,1,`, // 8 same model (by id) and month as line 2
      `2026-06,${SUPPORT},1000,0`, // 9 missing columns
      `2026-07,${SUPPORT},1000,0,10,1,,surplus`, // 10 extra column
      `2025-03,${SUPPORT},1000,0,10,1,`, // 11 before the catalog has prices
    );
    const { preview } = await prepareUsageImport(ctx, file);
    expect(reasonsByLabel(preview.problems)).toEqual({
      "Line 3": ['month: is not a month like 2026-03 ("2026-13")'],
      "Line 4": ['input_tokens: must not be negative ("-1000")'],
      "Line 5": ['input_tokens: must be a whole number ("10.5")'],
      "Line 6": ["cached_input_tokens: 200 exceeds input_tokens 100; cached tokens are part of the input"],
      "Line 7": ['model: unknown model "ft:gpt-4o-mini-2024-07-18:other:x:Zz9" in your team'],
      "Line 8": ["The same model and month (2026-01) as line 2"],
      "Line 9": ["Missing columns output_tokens, requests, cost_usd: the row has 4 of the header's 7 cells"],
      "Line 10": ["1 extra cell(s): the row has 8 cells, the header 7"],
      "Line 11": ['No price for gpt-4o-mini-2024-07-18 in force on 2025-03-01 (price set "openai").'],
    });
    expect(preview.rows.map((r) => r.line)).toEqual([2]);
    await expect(commitUsageImport(ctx, file)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^9 problem\(s\).*nothing was imported/) });
    expect(await storedCount(ctx.teamId)).toBe(0);
  });

  it("commits a good file in one go, priced with the catalog; the same file again changes nothing", async () => {
    const { ctx, support, triage } = await teamWithModels();
    const file = csv(
      `2026-02,${SUPPORT},1000000,200000,500000,900,`,
      `2026-03,${support.id},2000000,0,1000000,,1.50`,
      `2026-02,"${TRIAGE}",1000000,0,100000,10,`,
    );
    const first = await prepareUsageImport(ctx, file);
    expect(first.preview).toMatchObject({ rowCount: 3, problemCount: 0, changes: { new: 3, update: 0, same: 0 } });
    // 0.8 × 0.30 + 0.2 × 0.15 + 0.5 × 1.20 = 0.87; 2 × 0.30 + 1 × 1.20 = 1.8; 1 × 0.80 + 0.1 × 3.20 = 1.12
    expect(first.preview.rows.map((r) => [r.modelName, r.month, r.costUsd])).toEqual([
      ["Support v1", "2026-02", "0.87"],
      ["Support v1", "2026-03", "1.8"],
      ["Triage v2", "2026-02", "1.12"],
    ]);
    expect(first.preview.totalCostUsd).toBe("3.79");

    expect(await commitUsageImport(ctx, file)).toEqual({ received: 3, changed: 3, unchanged: 0, skippedModels: 0 });
    const stored = await db.usageRecord.findMany({ where: { teamId: ctx.teamId }, orderBy: [{ modelId: "asc" }, { month: "asc" }] });
    expect(stored).toHaveLength(3);
    expect(stored.every((r) => r.source === "CSV" && r.version === 1)).toBe(true);
    const march = stored.find((r) => r.modelId === support.id && r.month.toISOString().startsWith("2026-03"))!;
    expect([march.invoicedCostUsd?.toString(), march.requests]).toEqual(["1.5", null]);

    expect((await prepareUsageImport(ctx, file)).preview.changes).toEqual({ new: 0, update: 0, same: 3 });
    expect(await commitUsageImport(ctx, file)).toEqual({ received: 3, changed: 0, unchanged: 3, skippedModels: 0 });
    const again = await db.usageRecord.findMany({ where: { teamId: ctx.teamId } });
    expect(again.map((r) => r.version)).toEqual([1, 1, 1]);

    const edited = csv(`2026-02,${TRIAGE},1000000,0,200000,10,`);
    expect((await prepareUsageImport(ctx, edited)).preview.changes).toEqual({ new: 0, update: 1, same: 0 });
    expect(await commitUsageImport(ctx, edited)).toMatchObject({ changed: 1, unchanged: 0 });
    const triageFeb = await db.usageRecord.findFirstOrThrow({ where: { modelId: triage.id, month: new Date("2026-02-01T00:00:00Z") } });
    expect([triageFeb.outputTokens, triageFeb.version]).toEqual([200_000n, 2]);
  });

  it("treats another team's model as unknown, by id or by provider id, and writes nothing anywhere", async () => {
    const a = await teamWithModels();
    const b = await createTeamWithOwner();
    const ctxB = { userId: b.userId, teamId: b.teamId, role: "OWNER" as const };
    const file = csv(`2026-02,${a.support.id},1000,0,10,1,`, `2026-02,${SUPPORT},1000,0,10,1,`);
    const { preview } = await prepareUsageImport(ctxB, file);
    expect(reasonsByLabel(preview.problems)).toEqual({
      "Line 2": [`model: unknown model "${a.support.id}" in your team`],
      "Line 3": [`model: unknown model "${SUPPORT}" in your team`],
    });
    await expect(commitUsageImport(ctxB, file)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await storedCount(a.ctx.teamId)).toBe(0);
    expect(await storedCount(ctxB.teamId)).toBe(0);
  });
});

describe("OpenAI usage export import", () => {
  const now = new Date("2026-03-03T15:00:00Z"); // the fixture's last daily bucket is still running

  it("sums the fixture into months per model, prices them, lists the unmatched base model, and commits", async () => {
    const { ctx, support, triage } = await teamWithModels();
    const input = { format: "openai" as const, text: fixture };
    const { preview } = await prepareUsageImport(ctx, input, now);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.month, r.modelName, r.inputTokens, r.cachedInputTokens, r.outputTokens, r.requests, r.asOf, r.costUsd])).toEqual([
      // gpt-4.1-mini FT: 0.80 / 0.20 cached / 3.20 per 1M; gpt-4o-mini FT: 0.30 / 0.15 / 1.20
      ["2026-02", "Triage v2", "1200000", "100000", "120000", "2400", null, "1.284"],
      ["2026-02", "Support v1", "3600000", "900000", "1200000", "7200", null, "2.385"],
      ["2026-03", "Triage v2", "800000", "150000", "80000", "1600", "2026-03-03", "0.806"],
      ["2026-03", "Support v1", "2300000", "500000", "750000", "4600", "2026-03-03", "1.515"],
    ]);
    expect(preview.unmatched).toEqual([
      { model: "gpt-4o-2024-08-06", months: ["2026-02", "2026-03"], inputTokens: "3500000", cachedInputTokens: "500000", outputTokens: "1050000", requests: "1600" },
    ]);
    expect(preview.notes).toEqual([expect.stringMatching(/^2026-02: the export starts on 2026-02-25/)]);

    expect(await commitUsageImport(ctx, input, now)).toEqual({ received: 4, changed: 4, unchanged: 0, skippedModels: 1 });
    const stored = await db.usageRecord.findMany({ where: { teamId: ctx.teamId }, select: { modelId: true, month: true, inputTokens: true, asOf: true, source: true } });
    expect(stored.map((r) => [r.modelId === support.id ? "support" : r.modelId === triage.id ? "triage" : "?", r.month.toISOString().slice(0, 7), r.inputTokens, r.asOf?.toISOString().slice(0, 10) ?? null, r.source]).sort()).toEqual([
      ["support", "2026-02", 3_600_000n, null, "OPENAI"],
      ["support", "2026-03", 2_300_000n, "2026-03-03", "OPENAI"],
      ["triage", "2026-02", 1_200_000n, null, "OPENAI"],
      ["triage", "2026-03", 800_000n, "2026-03-03", "OPENAI"],
    ]);
    expect(await commitUsageImport(ctx, input, now)).toMatchObject({ changed: 0, unchanged: 4 });
  });

  it("prices batch: true results at the batch price, stored apart from the other tokens", async () => {
    const { ctx, support } = await teamWithModels();
    const result = (batch: boolean, input: number, output: number) => ({
      object: "organization.usage.completions.result", input_tokens: input, input_cached_tokens: 0, output_tokens: output, num_model_requests: 100, model: SUPPORT, batch,
    });
    const day = (d: number) => Date.UTC(2026, 1, d) / 1000;
    const page = {
      object: "page",
      has_more: false,
      data: Array.from({ length: 28 }, (_, i) => ({
        object: "bucket",
        start_time: day(i + 1),
        end_time: day(i + 2),
        results: i === 0 ? [result(false, 1_000_000, 1_000_000), result(true, 2_000_000, 1_000_000)] : [],
      })),
    };
    const input = { format: "openai" as const, text: JSON.stringify(page) };
    const { preview } = await prepareUsageImport(ctx, input, now);
    expect(preview.problems).toEqual([]);
    // Normal 1M × 0.30 + 1M × 1.20 = 1.50; batch at half: 2M × 0.15 + 1M × 0.60 = 0.90. (Billed at the full price, as
    // before: 3.30.)
    expect(preview.rows.map((r) => [r.month, r.inputTokens, r.outputTokens, r.costUsd])).toEqual([["2026-02", "1000000", "1000000", "2.4"]]);
    expect(preview.notes).toContainEqual(expect.stringMatching(/^1 Batch API result\(s\)/));
    await commitUsageImport(ctx, input, now);
    const stored = await db.usageRecord.findFirstOrThrow({ where: { modelId: support.id }, select: { inputTokens: true, batchInputTokens: true, batchOutputTokens: true, costUsd: true } });
    expect(stored).toMatchObject({ inputTokens: 1_000_000n, batchInputTokens: 2_000_000n, batchOutputTokens: 1_000_000n });
    expect(stored.costUsd.toString()).toBe("2.4");
    // The same file again changes nothing.
    expect(await commitUsageImport(ctx, input, now)).toMatchObject({ changed: 0, unchanged: 1 });
  });

  it("refuses an export that is not grouped by model, writing nothing", async () => {
    const { ctx } = await teamWithModels();
    const ungrouped = fixture.replaceAll(`"model": "${SUPPORT}"`, `"model": null`);
    const input = { format: "openai" as const, text: ungrouped };
    expect((await prepareUsageImport(ctx, input, now)).preview.problems).toEqual([
      { line: null, label: "Results", reasons: [expect.stringMatching(/group_by=model/)] },
    ]);
    await expect(commitUsageImport(ctx, input, now)).rejects.toMatchObject({ code: "validation_failed" });
    expect(await storedCount(ctx.teamId)).toBe(0);
  });

  it("never matches another team's models: all of its usage is unmatched and nothing is written", async () => {
    const a = await teamWithModels();
    const b = await createTeamWithOwner();
    const ctxB = { userId: b.userId, teamId: b.teamId, role: "OWNER" as const };
    const input = { format: "openai" as const, text: fixture };
    const { preview } = await prepareUsageImport(ctxB, input, now);
    expect([preview.rowCount, preview.unmatched.map((u) => u.model).sort()]).toEqual([0, ["ft:gpt-4.1-mini-2025-04-14:acme:ticket-triage:C9pR4sTn", SUPPORT, "gpt-4o-2024-08-06"].sort()]);
    await expect(commitUsageImport(ctxB, input, now)).rejects.toMatchObject({ message: expect.stringMatching(/Nothing to import/) });
    expect(await storedCount(ctxB.teamId)).toBe(0);
    expect(await storedCount(a.ctx.teamId)).toBe(0);
  });
});

/** Calls the real route handler with an API key, as a script would. */
async function getExport(key: string, query = "") {
  const req = new Request(`http://localhost/api/v1/usage/export.csv${query}`, { headers: { authorization: `Bearer ${key}` } });
  return exportRoute(req, { params: Promise.resolve({}) });
}

describe("CSV export", () => {
  it("streams usage and exact costs, with formula cells defused and RFC 4180 quoting", async () => {
    const { ctx, project } = await teamWithModels('=HYPERLINK("http://evil.example","click")');
    const sneaky = await createModel(ctx, { projectId: project.id, displayName: "@SUM(1+1), -2", providerModelId: null, baseModel: "gpt-4o-mini", status: "ACTIVE" });
    await commitUsageImport(ctx, csv(`2026-02,${SUPPORT},1000000,200000,500000,900,1.25`, `2026-02,${sneaky.id},1000,0,10,,`));
    const { key } = await createApiKey(ctx.teamId, ctx.userId, { name: "export", scope: "READ" });

    const res = await getExport(key);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="tunecost-usage\.csv"$/);
    const text = await res.text();
    const [header, ...lines] = text.split("\r\n");
    expect(header).toBe("month,project,model,provider_model_id,base_model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd,invoiced_cost_usd,as_of,source,provider,batch_input_tokens,batch_output_tokens,hosting_hours,fixed_cost_usd");
    // Sorted here: how "@SUM" and "Support" order depends on the database's collation.
    expect(lines.sort()).toEqual([
      "",
      `2026-02,"'=HYPERLINK(""http://evil.example"",""click"")","'@SUM(1+1), -2",,gpt-4o-mini-2024-07-18,1000,0,10,,0.000312,,,csv,openai,0,0,,0`,
      `2026-02,"'=HYPERLINK(""http://evil.example"",""click"")",Support v1,${SUPPORT},gpt-4o-mini-2024-07-18,1000000,200000,500000,900,0.87,1.25,,csv,openai,0,0,,0`,
    ]);
    // What a spreadsheet would show: text starting with a quote mark, never a formula.
    const cells = parseCsv(text).slice(1).flatMap((r) => r.cells);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it("filters by project and months, and pages through big exports without losing or repeating rows", async () => {
    const { ctx, support, triage } = await teamWithModels();
    const other = await createProject(ctx, { name: "Another project" });
    const lone = await createModel(ctx, { projectId: other.id, displayName: "Lone", baseModel: "gpt-4o-mini", status: "ACTIVE" });
    const months = ["2026-01", "2026-02", "2026-03"];
    await commitUsageImport(ctx, csv(...months.flatMap((m) => [support.id, triage.id, lone.id].map((id) => `${m},${id},10,0,1,,`))));

    const read = async (q: Parameters<typeof exportUsageCsvOrThrow>[1], batchSize: number) => {
      const text = await new Response(await exportUsageCsvOrThrow(ctx, q, { batchSize })).text();
      return parseCsv(text).slice(1).map((r) => `${r.cells[0]} ${r.cells[1]} ${r.cells[2]}`);
    };
    const all = await read({}, 2);
    expect(all).toEqual(months.flatMap((m) => [`${m} Another project Lone`, `${m} Support bot Support v1`, `${m} Support bot Triage v2`]));
    expect(await read({}, 1000)).toEqual(all);
    expect(await read({ projectId: other.id, from: "2026-02", to: "2026-03" }, 1)).toEqual(["2026-02 Another project Lone", "2026-03 Another project Lone"]);
  });

  it("answers another team's project with 404 and bad parameters with 400", async () => {
    const a = await teamWithModels();
    const b = await teamWithModels();
    const { key } = await createApiKey(b.ctx.teamId, b.ctx.userId, { name: "b", scope: "READ" });
    const res = await getExport(key, `?projectId=${a.project.id}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Project not found" } });
    await expect(exportUsageCsvOrThrow(b.ctx, { projectId: a.project.id })).rejects.toMatchObject({ code: "not_found" });

    expect((await getExport(key, `?projectId=${b.project.id}&from=&to=`)).status).toBe(200);
    const bad = await getExport(key, "?from=2026-13&to=2026-01");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("from");
  });
});
