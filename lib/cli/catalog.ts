import type { Command } from "commander";

const FORMAT_HELP = "\nThe file format (every field) is documented in docs/prices.md, section \"Catalog file\".";

/** Asks a yes/no question on the terminal (or reads one line of piped input); anything but y/yes is no. */
async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question).catch(() => "");
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Adds `catalog export [FILE]` and `catalog import FILE [--yes] [--dry-run]`: the global catalog as a versioned JSON file. */
export function registerCatalogCommand(program: Command): void {
  const catalog = program.command("catalog").description("The global price catalog as a file: load newer prices and lifecycle dates without a release");
  catalog
    .command("export")
    .description("Write the global catalog (every model and price row, with sources) as a catalog file to FILE or stdout")
    .argument("[file]", "file to write (replaced when it exists); stdout when omitted")
    .addHelpText("after", FORMAT_HELP)
    .action(async (file: string | undefined) => {
      const { withDatabase } = await import("./main");
      const exported = await withDatabase(async () => {
        const { exportGlobalCatalog } = await import("@/lib/pricing/seed");
        return exportGlobalCatalog();
      });
      const json = `${JSON.stringify(exported, null, 2)}\n`;
      if (file === undefined) {
        process.stdout.write(json);
        return;
      }
      const { writeFile, rename } = await import("node:fs/promises");
      // Written beside and renamed, so an interrupted export never leaves half a file under the name.
      await writeFile(`${file}.tmp`, json);
      await rename(`${file}.tmp`, file);
      console.log(`Wrote ${exported.models.length} models and ${exported.prices.length} price rows to ${file}.`);
    });
  catalog
    .command("import")
    .description("Load a catalog file: validate it, print the changes (prices and dates, old → new), ask, then write them in one transaction")
    .argument("<file>", "a catalog file, e.g. one written by `tunecost catalog export`")
    .option("--yes", "write without asking")
    .option("--dry-run", "print the changes and write nothing")
    .addHelpText(
      "after",
      [
        "",
        "New price rows apply from their effectiveFrom; stored usage of the months they now price is re-priced, and every",
        "team's audit log gets a catalog.import event. A row for an existing (model, price set, day) with other figures is",
        "refused: price rows are never rewritten, add a row with a later effectiveFrom. Models and rows missing from the",
        "file are left as they are. Exit codes: 0 written or nothing to do, 1 declined or failed, 2 invalid file.",
        FORMAT_HELP.trim(),
      ].join("\n"),
    )
    .action(async (file: string, o: { yes?: boolean; dryRun?: boolean }) => {
      const { readFile } = await import("node:fs/promises");
      const { parseCatalogFile } = await import("@/lib/pricing/catalog-file");
      const content = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
        console.error(`Cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
        process.exit(2);
      });
      // The file's own shape is checked before any database is opened: a typo never starts the embedded server.
      const parsed = parseCatalogFile(content);
      if (!parsed.ok) {
        console.error(`${file} is not a valid catalog file; nothing was written:`);
        for (const e of parsed.errors) console.error(`  ${e}`);
        process.exit(2);
      }
      const { withDatabase } = await import("./main");
      const outcome = await withDatabase(async () => {
        const { applyCatalogImport, planCatalogImport } = await import("@/lib/pricing/seed");
        const { describeChanges } = await import("@/lib/pricing/catalog-file");
        const plan = await planCatalogImport(parsed.file);
        if (plan.errors.length) return { exit: 2, lines: [], errors: [`${file} cannot be imported; nothing was written:`, ...plan.errors.map((e) => `  ${e}`)] };
        console.log(plan.diff);
        if (plan.changes.length === 0) return { exit: 0, lines: [], errors: [] };
        const what = describeChanges(plan.changes);
        if (o.dryRun) return { exit: 0, lines: [`Dry run: ${what} would be written; nothing was written.`], errors: [] };
        if (!o.yes && !(await confirm(`Write ${what}? [y/N] `))) return { exit: 1, lines: [], errors: ["Cancelled; nothing was written."] };
        const { AppError } = await import("@/lib/errors");
        try {
          const result = await applyCatalogImport(parsed.file, plan.changes);
          return {
            exit: 0,
            lines: [`Imported ${what}: ${result.repricedUsageRecords} usage month(s) repriced, audit event written for ${result.auditedTeams} team(s).`],
            errors: [],
          };
        } catch (e) {
          if (e instanceof AppError) return { exit: e.code === "validation_failed" ? 2 : 1, lines: [], errors: e.message.split("\n") };
          throw e;
        }
      });
      for (const l of outcome.lines) console.log(l);
      for (const e of outcome.errors) console.error(e);
      if (outcome.exit !== 0) process.exit(outcome.exit);
    });
}
