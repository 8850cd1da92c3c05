import type { Command } from "commander";

/** Adds `alerts evaluate [--team SLUG]` to the program: the scheduled evaluation, for cron users. */
export function registerAlertsCommand(program: Command): void {
  const alerts = program.command("alerts").description("Cost alerts");
  alerts
    .command("evaluate")
    .description("Re-evaluate every team's alerts (or one team's) now: what the app's daily 00:15 UTC job does")
    .option("--team <slug>", "only this team")
    .action(async (o: { team?: string }) => {
      const { withDatabase } = await import("./main");
      const result = await withDatabase(async () => {
        const { db } = await import("@/lib/db/client");
        let teamIds: string[] | undefined;
        if (o.team) {
          const team = await db.team.findUnique({ where: { slug: o.team }, select: { id: true } });
          if (!team) return null;
          teamIds = [team.id];
        }
        const { evaluateAllTeams } = await import("@/lib/alerts/evaluate");
        return evaluateAllTeams({ teamIds });
      });
      if (!result) {
        console.error(`No team with slug "${o.team}".`);
        process.exit(1);
      }
      const { opened, reopened, updated, resolved } = result.counts;
      console.log(`Evaluated ${result.teams} team(s): ${opened} opened, ${reopened} reopened, ${updated} updated, ${resolved} resolved.`);
      if (result.failed) {
        console.error(`${result.failed} team(s) failed; see the log above.`);
        process.exitCode = 1;
      }
    });
}
