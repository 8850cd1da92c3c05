import type { Command } from "commander";

/** Adds `demo generate`: reproducible demo and benchmark data (lib/demo). */
export function registerDemoCommand(program: Command): void {
  const demo = program.command("demo").description("Demo data");
  demo
    .command("generate")
    .description("Fill the database with seeded, reproducible demo teams: projects, models, plans, budgets and priced monthly usage")
    .requiredOption("--teams <n>", "how many teams")
    .requiredOption("--projects <n>", "projects per team")
    .requiredOption("--models <n>", "fine-tuned models per project")
    .requiredOption("--months <n>", "months of usage history, ending with --until")
    .option("--seed <n>", "random seed: the same seed gives the same figures", "1")
    .option("--prefix <slug>", "team slugs are <prefix>-001, <prefix>-002, …", "demo")
    .option("--until <YYYY-MM>", "last month of history (default: the current month, in progress up to today)")
    .addHelpText("after", "\nLog in to a generated team with: tunecost user create --email you@example.com --password … --team demo-001")
    .action(async (o: Record<string, string | undefined>) => {
      const { demoGenerateSchema } = await import("@/lib/demo/schemas");
      const parsed = demoGenerateSchema.safeParse(o);
      if (!parsed.success) {
        for (const i of parsed.error.issues) console.error(i.message.startsWith("--") ? i.message : `--${String(i.path[0])}: ${i.message}`);
        process.exit(2);
      }
      const { withDatabase } = await import("./main");
      const started = Date.now();
      const result = await withDatabase(async () => {
        const { generateDemoData } = await import("@/lib/demo/generate");
        const step = Math.max(1, Math.floor(parsed.data.teams / 10));
        return generateDemoData(parsed.data, (done, total, team) => {
          if (done % step === 0 || done === total) console.log(`  ${done}/${total} teams (${team.slug}: ${team.models} models, ${team.usageRecords.toLocaleString("en-US")} usage months)`);
        });
      });
      const first = result.teams[0]!.slug;
      const last = result.teams.at(-1)!.slug;
      console.log(
        `Generated ${result.teams.length} team(s) ${first === last ? first : `${first} … ${last}`} with ${result.usageRecords.toLocaleString("en-US")} usage months in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      if (result.backdatedPriceRows) {
        console.log(`Added ${result.backdatedPriceRows} team price row(s) dated back to the start of the history: the catalog's prices begin later.`);
      }
    });
}
