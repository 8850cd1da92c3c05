import { type Command, Option } from "commander";

/** Adds `analyze FILE [--base-model M] [--epochs N] [--json] [--team SLUG]` to the program. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command("analyze")
    .description("Validate an OpenAI fine-tuning JSONL file, count its tokens and price its training (exit 0 valid, 1 format errors, 2 could not analyse)")
    .argument("<file>", "the training file (.jsonl)")
    .addOption(new Option("--base-model <model>", "base model to price (snapshot id or alias)").default("gpt-4o-mini-2024-07-18"))
    .option("--epochs <n>", "n_epochs (1-100); default: OpenAI's choice for the number of examples")
    .option("--json", "print the report as JSON (stdout), nothing else")
    .option("--team <slug>", "price with this team's price set and overrides (default: the global default price set)")
    .action(async (file: string, options: { baseModel: string; epochs?: string; json?: boolean; team?: string }) => {
      // Loaded here, not at the top: every other command would pay for the analyzer and the database client.
      const { runAnalyze } = await import("./analyze-run");
      process.exitCode = await runAnalyze(file, options);
    });
}
