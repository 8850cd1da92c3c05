import { describe, expect, it } from "vitest";
import * as teamCosts from "@/app/api/v1/costs/route";
import * as projectCosts from "@/app/api/v1/projects/[id]/costs/route";
import { createApiKey } from "@/lib/api-keys/create";
import { db } from "@/lib/db/client";
import { addMonths, daysInMonth, monthOf } from "@/lib/forecast";
import { createModel, saveUsagePlan } from "@/lib/models/mutations";
import { projectCostsSchema, teamCostsSchema } from "@/lib/projections/schemas";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const C = monthOf(new Date());
const m = (n: number) => addMonths(C, n);
/** Usage costing n × $1.50 (n million input at $0.30 and n million output at $1.20). */
const usage = (n: number, asOf?: string) => usageFiguresSchema.parse({ inputTokens: n * 1_000_000, outputTokens: n * 1_000_000, ...(asOf ? { asOf } : {}) });

/**
 * Support: budget $100, a $1.50 plan, then $1.50, $3, $4.50, $6 in four complete months (a straight line) and $1.50
 * by day 10 of the current month. Search: no plan, $3 last month.
 */
async function team() {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const support = await createProject(ctx, { name: "Support", monthlyBudgetUsd: "100" });
  const search = await createProject(ctx, { name: "Search" });
  const a = await createModel(ctx, { projectId: support.id, displayName: "Support v1", baseModel: "gpt-4o-mini", status: "ACTIVE" });
  const b = await createModel(ctx, { projectId: search.id, displayName: "Search v1", baseModel: "gpt-4o-mini", status: "ACTIVE" });
  // These tests are about precedence, not lifecycles: the team's own far-off shutdown date keeps gpt-4o-mini's
  // (14 January 2027) from cutting the months they look at, whatever the month they run in.
  await db.fineTunedModel.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { shutdownOn: new Date("2099-01-01T00:00:00Z") } });
  await saveUsagePlan(ctx, a.id, { startMonth: m(-12), period: "MONTH", inputTokens: 1_000_000n, outputTokens: 1_000_000n, daysPerMonth: 30, monthlyGrowthPct: "0" });
  for (const [i, n] of [1, 2, 3, 4].entries()) await putModelUsage(ctx, a.id, m(i - 4), usage(n), { source: "API" });
  await putModelUsage(ctx, a.id, C, usage(1, `${C}-10`), { source: "API" });
  await putModelUsage(ctx, b.id, m(-1), usage(2), { source: "API" });
  const key = (await createApiKey(owner.teamId, owner.userId, { name: "read", scope: "READ" })).key;
  return { key, support, search, a, b };
}

async function get(handler: (req: Request, route: { params: Promise<unknown> }) => Promise<Response>, key: string, path: string, params: Record<string, string> = {}) {
  const res = await handler(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as any };
}

describe("GET /api/v1/projects/{id}/costs", () => {
  it("gives each month's actual, expectation by precedence, deviation and budget, as exact strings", async () => {
    const t = await team();
    const res = await get(projectCosts.GET, t.key, `/projects/${t.support.id}/costs?from=${m(-4)}&to=${m(1)}`, { id: t.support.id });
    expect(res.status).toBe(200);
    expect(projectCostsSchema.safeParse(res.json).success).toBe(true);
    // $1.50 by day 10 paces to $1.50 × days / 10; the trend it replaced expected $7.50.
    const [pace, deviation] = ({ 28: ["4.2", "-44"], 29: ["4.35", "-42"], 30: ["4.5", "-40"], 31: ["4.65", "-38"] } as Record<number, [string, string]>)[daysInMonth(C)]!;
    expect(res.json.months).toEqual([
      { month: m(-4), actualUsd: "1.5", projectedUsd: "1.5", lowUsd: "1.5", highUsd: "1.5", forecastKind: "plan", deviationPct: "0", budgetUsd: "100" },
      { month: m(-3), actualUsd: "3", projectedUsd: "1.5", lowUsd: "1.5", highUsd: "1.5", forecastKind: "plan", deviationPct: "100", budgetUsd: "100" },
      { month: m(-2), actualUsd: "4.5", projectedUsd: "1.5", lowUsd: "1.5", highUsd: "1.5", forecastKind: "plan", deviationPct: "200", budgetUsd: "100" },
      // Three complete months on a line: the trend takes over (with no scatter, its interval has no width).
      { month: m(-1), actualUsd: "6", projectedUsd: "6", lowUsd: "6", highUsd: "6", forecastKind: "trend", deviationPct: "0", budgetUsd: "100" },
      // In progress: paced to month end and compared with the trend it replaced.
      { month: C, actualUsd: "1.5", projectedUsd: pace, lowUsd: pace, highUsd: pace, forecastKind: "pace", deviationPct: deviation, budgetUsd: "100" },
      // The future: the trend of the complete months, the partial one left out.
      { month: m(1), actualUsd: null, projectedUsd: "9", lowUsd: "9", highUsd: "9", forecastKind: "trend", deviationPct: null, budgetUsd: "100" },
    ]);
    expect(res.json.models).toEqual([{ modelId: t.a.id, name: "Support v1", months: res.json.months.map((x: object) => ({ ...x, budgetUsd: null })) }]);
  });

  it("answers another team's project with 404 and bad ranges with 400", async () => {
    const t = await team();
    const other = await team();
    expect((await get(projectCosts.GET, other.key, `/projects/${t.support.id}/costs`, { id: t.support.id })).status).toBe(404);
    expect((await get(projectCosts.GET, t.key, `/projects/nope/costs`, { id: "nope" })).status).toBe(404);
    for (const query of ["from=2026-13", `from=${m(1)}&to=${m(0)}`, `from=${m(-60)}&to=${m(0)}`, "from=2026-01&extra=1"]) {
      const res = await get(projectCosts.GET, t.key, `/projects/${t.support.id}/costs?${query}`, { id: t.support.id });
      expect([query, res.status, res.json.error.code]).toEqual([query, 400, "bad_request"]);
    }
    expect((await get(projectCosts.GET, t.key, `/projects/${t.support.id}/costs?from=${m(-59)}&to=${m(0)}`, { id: t.support.id })).json.months).toHaveLength(60);
  });
});

describe("GET /api/v1/costs", () => {
  it("sums the team by project and in total; only the team's own projects", async () => {
    const t = await team();
    await team(); // another team's data must not show up
    const res = await get(teamCosts.GET, t.key, `/costs?from=${m(-1)}&to=${m(-1)}`);
    expect(res.status).toBe(200);
    expect(teamCostsSchema.safeParse(res.json).success).toBe(true);
    expect(res.json.projects.map((p: { name: string; months: unknown[] }) => [p.name, p.months])).toEqual([
      ["Search", [{ month: m(-1), actualUsd: "3", projectedUsd: null, lowUsd: null, highUsd: null, forecastKind: null, deviationPct: null, budgetUsd: null }]],
      ["Support", [{ month: m(-1), actualUsd: "6", projectedUsd: "6", lowUsd: "6", highUsd: "6", forecastKind: "trend", deviationPct: "0", budgetUsd: "100" }]],
    ]);
    // Actual is everything recorded; the deviation compares only models that have an expectation (Search has none).
    expect(res.json.total).toEqual([{ month: m(-1), actualUsd: "9", projectedUsd: "6", lowUsd: "6", highUsd: "6", forecastKind: "trend", deviationPct: "0", budgetUsd: "100" }]);
    const defaults = await get(teamCosts.GET, t.key, "/costs");
    expect([defaults.json.from, defaults.json.to, defaults.json.total.length]).toEqual([m(-11), m(3), 15]);
  });
});
