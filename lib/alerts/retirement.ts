import "server-only";
import { db } from "@/lib/db/client";
import { dayOf, dayOrNull } from "@/lib/lifecycle/dates";
import { retirementConditions, type RetirementSubject } from "./retirement-rules";
import { applyConditions, type EvaluationCounts, readStoredRetirementAlerts } from "./store";

// Signatures (stable):
//   evaluateRetirementAlerts(teamId, { now? }): Promise<EvaluationCounts>   the daily run (evaluateTeamAlerts) calls it

/**
 * Opens, supersedes and resolves a team's RETIREMENT alerts for today, in one transaction under a per-team advisory
 * lock: two instances running the daily evaluation at once queue one alert and one notification per threshold (the
 * second sees the first's alert; the unique index is the backstop).
 */
export async function evaluateRetirementAlerts(teamId: string, opts: { now?: Date } = {}): Promise<EvaluationCounts> {
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tunecost:retirement'), hashtext(${teamId}))`;
      const rows = await tx.fineTunedModel.findMany({
        where: { teamId, OR: [{ shutdownOn: { not: null } }, { baseModel: { shutdownOn: { not: null } } }] },
        select: {
          id: true,
          displayName: true,
          status: true,
          archivedAt: true,
          shutdownOn: true,
          project: { select: { id: true, name: true, archivedAt: true } },
          baseModel: { select: { id: true, displayName: true, shutdownOn: true } },
          replacedBy: { select: { id: true } },
        },
      });
      const subjects: RetirementSubject[] = rows.map((m) => ({
        id: m.id,
        name: m.displayName,
        projectId: m.project.id,
        projectName: m.project.name,
        baseModelName: m.baseModel.displayName ?? m.baseModel.id,
        shutdownOn: dayOrNull(m.shutdownOn ?? m.baseModel.shutdownOn),
        shutdownSource: m.shutdownOn ? "model" : "catalog",
        tracked: m.archivedAt === null && m.project.archivedAt === null && m.status !== "RETIRED" && m.replacedBy === null,
      }));
      const { conditions, superseded } = retirementConditions(subjects, dayOf(now));
      const stored = await readStoredRetirementAlerts(tx, teamId);
      return applyConditions(tx, teamId, stored, conditions, now, { quietResolve: (key) => superseded.has(key) });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
