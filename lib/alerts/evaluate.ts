import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { db } from "@/lib/db/client";
import { addMonths, compareMonths, monthOf, monthRange } from "@/lib/forecast";
import { loadProjection } from "@/lib/projections/load";
import { evaluateRetirementAlerts } from "./retirement";
import { monthConditions } from "./rules";
import { applyConditions, emptyCounts, type EvaluationCounts, readStoredAlerts } from "./store";

// Signatures (stable):
//   afterUsageWrite(ctx, affected: { projectId, month }[]): Promise<void>      never throws; the usage write hook
//   evaluateAlerts(teamId, targets: { projectId, month }[], { now? }): Promise<EvaluationCounts>
//   evaluateTeamAlerts(teamId, { now? }): Promise<EvaluationCounts>            every month with data, up to 60
//   evaluateAllTeams({ now?, teamIds? }): Promise<{ teams, failed, counts }>   the scheduled run

/** The full re-evaluation looks back at most this many months (the current one included), like the cost routes. */
export const MAX_EVALUATION_MONTHS = 60;

/** A big project's months are evaluated in one transaction; its data is loaded inside it, so give it time. */
const TRANSACTION_TIMEOUT_MS = 120_000;

function add(a: EvaluationCounts, b: EvaluationCounts): EvaluationCounts {
  return { opened: a.opened + b.opened, reopened: a.reopened + b.reopened, updated: a.updated + b.updated, resolved: a.resolved + b.resolved };
}

/**
 * Evaluates some months of one project in one transaction. Each (project, month) is locked first (in one global
 * order, so evaluations never deadlock), and the usage is read after the lock: evaluations of a month run one at a
 * time and the last one sees every write committed before it, so racing writes end in the state of the final data.
 */
async function evaluateProjectMonths(teamId: string, projectId: string, months: readonly string[], now: Date): Promise<EvaluationCounts> {
  const sorted = [...new Set(months)].sort(compareMonths);
  if (sorted.length === 0) return emptyCounts();
  return db.$transaction(
    async (tx) => {
      const locks = sorted.map((m) => `${projectId}:${m}`);
      // Two-key advisory locks: a key space apart from the usage write's one-key locks.
      const hashes = await tx.$queryRaw<{ h: number }[]>`SELECT DISTINCT hashtext(k) AS h FROM unnest(${locks}::text[]) AS k ORDER BY 1`;
      for (const { h } of hashes) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tunecost:alerts'), ${h}::int)`;

      const projection = await loadProjection(tx, { teamId, projectIds: [projectId], from: sorted[0]!, to: sorted.at(-1)! });
      const project = projection.projects[0];
      // Archived projects keep the alerts they had; nothing new is raised for them.
      if (!project || project.archived) return emptyCounts();
      const wanted = new Set(sorted);
      const sums = projection.projectMonths.get(project.id)!;
      const conditions = projection.months.flatMap((month, i) =>
        wanted.has(month) ? monthConditions(project, sums[i]!, projection.models.map((m) => ({ id: m.id, name: m.name, month: m.months[i]! }))) : [],
      );
      const stored = await readStoredAlerts(tx, teamId, project.id, sorted);
      return applyConditions(tx, teamId, stored, conditions, now);
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
}

/**
 * Evaluates the given project months of a team, one project at a time. Months after the current one are skipped:
 * nothing can be spent in them yet, and the month-rollover run picks each up when it starts.
 */
export async function evaluateAlerts(
  teamId: string,
  targets: readonly { projectId: string; month: string }[],
  opts: { now?: Date } = {},
): Promise<EvaluationCounts> {
  const now = opts.now ?? new Date();
  const current = monthOf(now);
  const byProject = new Map<string, string[]>();
  for (const t of targets) {
    if (compareMonths(t.month, current) > 0) continue;
    const months = byProject.get(t.projectId) ?? [];
    months.push(t.month);
    byProject.set(t.projectId, months);
  }
  let counts = emptyCounts();
  for (const [projectId, months] of byProject) counts = add(counts, await evaluateProjectMonths(teamId, projectId, months, now));
  return counts;
}

/**
 * Evaluates the team's RETIREMENT alerts, then re-evaluates every month of the team that has usage or a plan, from the first such month (at most
 * MAX_EVALUATION_MONTHS back) to the current one: catches up on failed per-write evaluations, plan, budget and rule
 * changes, re-priced usage, and the months that later data changed the trend of.
 */
export async function evaluateTeamAlerts(teamId: string, opts: { now?: Date } = {}): Promise<EvaluationCounts> {
  const now = opts.now ?? new Date();
  // Shutdowns come from the models' dates, not from usage: a team without usage still hears of them.
  const retirements = await evaluateRetirementAlerts(teamId, { now });
  return add(retirements, await evaluateSpendAlerts(teamId, now));
}

async function evaluateSpendAlerts(teamId: string, now: Date): Promise<EvaluationCounts> {
  const current = monthOf(now);
  const [first] = await db.$queryRaw<{ month: string | null }[]>`
    SELECT to_char(LEAST((SELECT min(month) FROM "UsageRecord" WHERE "teamId" = ${teamId}::uuid),
                         (SELECT min("startMonth") FROM "UsagePlan" WHERE "teamId" = ${teamId}::uuid)), 'YYYY-MM') AS month`;
  if (!first?.month || compareMonths(first.month, current) > 0) return emptyCounts();
  const earliest = addMonths(current, -(MAX_EVALUATION_MONTHS - 1));
  const months = monthRange(compareMonths(first.month, earliest) < 0 ? earliest : first.month, current);
  const projects = await db.project.findMany({ where: { teamId, archivedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
  return evaluateAlerts(teamId, projects.flatMap((p) => months.map((month) => ({ projectId: p.id, month }))), { now });
}

/** The scheduled run: every team (or the given ones), one after another; a team that fails is logged and skipped. */
export async function evaluateAllTeams(opts: { now?: Date; teamIds?: readonly string[] } = {}): Promise<{ teams: number; failed: number; counts: EvaluationCounts }> {
  const teams = opts.teamIds ? [...opts.teamIds] : (await db.team.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((t) => t.id);
  let counts = emptyCounts();
  let failed = 0;
  for (const teamId of teams) {
    try {
      counts = add(counts, await evaluateTeamAlerts(teamId, opts));
    } catch (error) {
      failed++;
      console.error(`[tunecost] alert evaluation of team ${teamId} failed`, error);
    }
  }
  return { teams: teams.length, failed, counts };
}

/**
 * The usage write hook: evaluates the written months of the affected projects, after the write committed. It never
 * throws: a failed evaluation must not fail (or seem to undo) a write that is stored; it is logged, and the daily run
 * catches up.
 */
export async function afterUsageWrite(ctx: TeamContext, affected: readonly { projectId: string; month: string }[]): Promise<void> {
  try {
    await evaluateAlerts(ctx.teamId, affected);
  } catch (error) {
    console.error(`[tunecost] alert evaluation after a usage write failed (team ${ctx.teamId}); the scheduled run will catch up`, error);
  }
}
