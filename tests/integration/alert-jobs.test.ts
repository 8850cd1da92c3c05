import pg from "pg";
import { describe, expect, it } from "vitest";
import { evaluateAllTeams } from "@/lib/alerts/evaluate";
import { db } from "@/lib/db/client";
import { addMonths, monthOf } from "@/lib/forecast";
import { ALERTS_EVALUATE, type AlertsEvaluateData, queueAlertEvaluation, startJobs } from "@/lib/jobs";
import { createModel, saveUsagePlan } from "@/lib/models/mutations";
import { createProject } from "@/lib/projects/mutations";
import { putModelUsage } from "@/lib/usage/mutations";
import { usageFiguresSchema } from "@/lib/usage/schemas";
import { createTeamWithOwner } from "../support/factories";

const LAST = addMonths(monthOf(new Date()), -1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A team whose last month is 10% over its plan: no alert at the default 20%, one once the threshold drops to 5%. */
async function teamToEvaluate(): Promise<string> {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: "Jobs" });
  const model = await createModel(ctx, { projectId: project.id, displayName: "M", baseModel: "gpt-4o-mini", status: "ACTIVE" });
  await saveUsagePlan(ctx, model.id, { startMonth: addMonths(LAST, -3), period: "MONTH", inputTokens: 1_000_000n, outputTokens: 1_000_000n, daysPerMonth: 30, monthlyGrowthPct: "0" });
  await putModelUsage(ctx, model.id, LAST, usageFiguresSchema.parse({ inputTokens: 1_100_000, outputTokens: 1_100_000 }), { source: "API" });
  expect(await db.alert.count({ where: { teamId: owner.teamId } })).toBe(0);
  // Rule changes are picked up by the scheduled run, not by the change itself.
  await db.project.update({ where: { id: project.id }, data: { deviationThresholdPct: "5" } });
  return owner.teamId;
}

/**
 * Two app instances on one database, each with a worker, counting the evaluations they run. They evaluate only the
 * test's team: other test files' teams are being evaluated by their own writes meanwhile.
 */
async function twoInstances(schema: string, teamId: string, extra: { cron?: string; cronMonitorIntervalSeconds?: number } = {}) {
  const runs: string[] = [];
  const instance = (name: string) =>
    startJobs({
      connectionString: process.env.DATABASE_URL!,
      schema,
      catchUp: false,
      pollingIntervalSeconds: 0.5,
      ...extra,
      evaluate: async (_data: AlertsEvaluateData) => {
        runs.push(name);
        return evaluateAllTeams({ teamIds: [teamId] });
      },
    });
  const [a, b] = await Promise.all([instance("a"), instance("b")]);
  return { a, b, runs, stop: () => Promise.all([a.stop(), b.stop()]) };
}

/** A query on a pg-boss schema; `%s` stands for the schema name. */
async function jobsQuery<T extends pg.QueryResultRow>(schema: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text.replace("%s", client.escapeIdentifier(schema)))).rows;
  } finally {
    await client.end();
  }
}

function jobs(schema: string): Promise<{ state: string }[]> {
  return jobsQuery(schema, `SELECT state FROM %s.job WHERE name = '${ALERTS_EVALUATE}'`);
}

async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > ms) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe("scheduled alert evaluation (pg-boss)", () => {
  it("runs once when two instances queue the day's evaluation at the same moment", async () => {
    const teamId = await teamToEvaluate();
    const { a, b, runs, stop } = await twoInstances("pgboss", teamId);
    try {
      const ids = await Promise.all([queueAlertEvaluation(a.boss), queueAlertEvaluation(b.boss)]);
      expect(ids.filter((id) => id !== null)).toHaveLength(1);
      await until("the job to complete", async () => (await jobs("pgboss")).some((j) => j.state === "completed"));
      // The queue holds this one job, completed (below), and pg-boss hands a job to one worker once: no second run can
      // come, so there is nothing to wait for.
      expect(runs).toHaveLength(1);
      expect(await jobs("pgboss")).toEqual([{ state: "completed" }]);
      // Queueing again the same (UTC) day adds nothing.
      expect(await queueAlertEvaluation(b.boss)).toBeNull();
      // The spend alert the data calls for, once (a RETIREMENT alert also opens while gpt-4o-mini's shutdown is near).
      const alerts = await db.alert.findMany({ where: { teamId, kind: { not: "RETIREMENT" } }, include: { events: true } });
      expect(alerts.map((x) => [x.kind, x.status, x.events.map((e) => e.type)])).toEqual([["DEVIATION", "OPEN", ["opened"]]]);
      // pg-boss keeps to its own schema: Prisma's "public" (the one migrations and schema.prisma describe) gains nothing.
      const tables = await db.$queryRaw<{ schema: string; n: number }[]>`
        SELECT table_schema AS schema, count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = 'pgboss' OR (table_schema = 'public' AND table_name IN ('job', 'queue', 'schedule', 'version', 'archive'))
        GROUP BY 1`;
      expect(tables.map((t) => t.schema)).toEqual(["pgboss"]);
    } finally {
      await stop();
    }
  }, 60_000);

  it("fires the schedule on one instance only when both keep the cron", async () => {
    const teamId = await teamToEvaluate();
    // Every minute, checked every second, so the test need not wait for 00:15; one job a day all the same.
    const { runs, stop } = await twoInstances("pgboss_cron_test", teamId, { cron: "* * * * *", cronMonitorIntervalSeconds: 1 });
    try {
      await until("the scheduled job to complete", async () => (await jobs("pgboss_cron_test")).some((j) => j.state === "completed"), 45_000);
      // Wait until the cron monitors have run again twice (pg-boss stamps version.cron_on on each check), rather than
      // for a fixed time: those are the checks that would have queued a second job.
      const cronOn = async () => (await jobsQuery<{ at: Date }>("pgboss_cron_test", "SELECT cron_on AS at FROM %s.version"))[0]?.at.getTime() ?? 0;
      for (let tick = 0; tick < 2; tick++) {
        const before = await cronOn();
        await until("the cron monitor to check again", async () => (await cronOn()) > before, 30_000);
      }
      expect(runs).toHaveLength(1);
      expect(await jobs("pgboss_cron_test")).toEqual([{ state: "completed" }]);
      expect(await db.alert.count({ where: { teamId, status: "OPEN", kind: { not: "RETIREMENT" } } })).toBe(1);
      expect(await db.alert.count({ where: { teamId, kind: "RETIREMENT" } })).toBeLessThanOrEqual(1);
    } finally {
      await stop();
    }
  }, 90_000);
});
