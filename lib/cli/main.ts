import { Command, InvalidArgumentError, Option } from "commander";
import { openDatabase, embeddedDataDir } from "@/lib/platform/database";
import { EmbeddedPostgresError, leftoverServerPid, stopLeftoverServer } from "@/lib/platform/embedded-postgres";
import { applyMigrations } from "@/lib/platform/migrate";
import { projectRoot } from "@/lib/platform/paths";
import { join } from "node:path";
import { registerAlertsCommand } from "./alerts";
import { registerAnalyzeCommand } from "./analyze";
import { registerCatalogCommand } from "./catalog";
import { registerDemoCommand } from "./demo";

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new InvalidArgumentError("Expected a port number.");
  return n;
}

/**
 * Runs `fn` against the app's database: DATABASE_URL, the running app's
 * embedded server, or an embedded server started for this command only.
 * Migrations are applied first so a fresh checkout works too.
 */
export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const database = await openDatabase({ share: true });
  try {
    await applyMigrations(database.url, join(projectRoot(), "prisma", "migrations"));
    process.env.DATABASE_URL = database.url;
    const { seedPriceCatalog } = await import("@/lib/pricing/seed");
    await seedPriceCatalog();
    const result = await fn();
    const { releaseDb } = await import("@/lib/db/client");
    await releaseDb();
    return result;
  } finally {
    await database.close();
  }
}

/** Builds the `tunecost` command tree; each command has --help. */
export function buildProgram(): Command {
  const program = new Command("tunecost")
    .description("tunecost: track what your fine-tuned LLMs cost")
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own help/version exits are successes; usage errors are exit 2.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });

  program
    .command("serve")
    .description("Start the web app (embedded PostgreSQL unless DATABASE_URL is set)")
    .option("--dev", "development mode with hot reload")
    .addOption(new Option("-p, --port <port>", "HTTP port").argParser(int).default(Number(process.env.PORT ?? 3000)))
    .option("-H, --hostname <host>", "interface to listen on", process.env.HOSTNAME_BIND ?? "0.0.0.0")
    .action(async (o: { dev?: boolean; port: number; hostname: string }) => {
      const { serve } = await import("./serve");
      await serve({ dev: !!o.dev, port: o.port, hostname: o.hostname });
    });

  const user = program.command("user").description("Manage users");
  user
    .command("create")
    .description("Create a user in a team (creates the team when missing; safe to run twice)")
    .requiredOption("--email <email>", "e-mail address (the login)")
    .requiredOption("--password <password>", "password, 8 to 128 characters, not a commonly used one")
    .requiredOption("--team <slug>", "team slug, e.g. acme")
    .option("--name <name>", "display name")
    .addOption(new Option("--role <role>", "role in the team").choices(["OWNER", "ADMIN", "MEMBER", "VIEWER"]).default("OWNER"))
    .action(async (o: { email: string; password: string; team: string; name?: string; role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" }) => {
      const { z } = await import("zod");
      const { emailSchema, passwordSchema, teamSlugSchema } = await import("@/lib/teams/schemas");
      const parsed = z.object({ email: emailSchema, password: passwordSchema, team: teamSlugSchema }).safeParse(o);
      if (!parsed.success) {
        for (const i of parsed.error.issues) console.error(`--${String(i.path[0])}: ${i.message}`);
        process.exit(2);
      }
      const { passwordProblem } = await import("@/lib/auth/password-policy");
      const problem = await passwordProblem(parsed.data.password);
      if (problem) {
        console.error(`--password: ${problem}`);
        process.exit(2);
      }
      const result = await withDatabase(async () => {
        const { ensureMember } = await import("@/lib/teams/bootstrap");
        return ensureMember({ email: parsed.data.email, password: parsed.data.password, name: o.name, teamSlug: parsed.data.team, role: o.role });
      });
      console.log(
        [
          result.teamCreated ? `Created team ${parsed.data.team}.` : `Team ${parsed.data.team} exists.`,
          result.userCreated ? `Created user ${parsed.data.email}.` : `User ${parsed.data.email} exists (password unchanged).`,
          result.membershipCreated ? `Added as ${o.role}.` : "Already a member (role unchanged).",
        ].join("\n"),
      );
    });

  const apikey = program.command("apikey").description("Manage REST API keys");
  apikey
    .command("create")
    .description("Create an API key for a team; the key alone is printed on the last line (for scripts)")
    .requiredOption("--team <slug>", "team slug")
    .requiredOption("--name <name>", "what the key is for")
    .addOption(new Option("--scope <scope>", "read, or write (read-write)").choices(["read", "write"]).default("read"))
    .action(async (o: { team: string; name: string; scope: "read" | "write" }) => {
      const { createApiKeySchema } = await import("@/lib/api-keys/schemas");
      const parsed = createApiKeySchema.safeParse({ name: o.name, scope: o.scope.toUpperCase() });
      if (!parsed.success) {
        for (const i of parsed.error.issues) console.error(`--${String(i.path[0])}: ${i.message}`);
        process.exit(2);
      }
      const created = await withDatabase(async () => {
        const { db } = await import("@/lib/db/client");
        const team = await db.team.findUnique({ where: { slug: o.team }, select: { id: true } });
        if (!team) return null;
        const { createApiKey } = await import("@/lib/api-keys/create");
        return createApiKey(team.id, null, parsed.data);
      });
      if (!created) {
        console.error(`No team with slug "${o.team}".`);
        process.exit(1);
      }
      console.log(`Created ${created.scope === "WRITE" ? "read-write" : "read"} API key "${created.name}" (${created.prefix}) for team ${o.team}.`);
      console.log("Store it now: it cannot be shown again.");
      console.log(created.key);
    });

  registerAnalyzeCommand(program);
  registerAlertsCommand(program);
  registerDemoCommand(program);
  registerCatalogCommand(program);

  const dbCmd = program.command("db").description("Database tasks");
  dbCmd
    .command("migrate")
    .description("Apply pending migrations")
    .action(async () => {
      const database = await openDatabase({ share: true });
      try {
        const applied = await applyMigrations(database.url, join(projectRoot(), "prisma", "migrations"));
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      } finally {
        await database.close();
      }
    });
  dbCmd
    .command("backup")
    .description("Back up the database to FILE (pg_dump custom format; needs pg_dump of the server's version or newer)")
    .argument("<file>", "archive to write, e.g. tunecost-2026-05-01.dump (replaced atomically when it exists)")
    .addHelpText("after", "\nThe client tools are looked up in TUNECOST_PG_BIN, then PATH, then /usr/lib/postgresql/*/bin.")
    .action(async (file: string) => {
      const { backupDatabase, formatBackupResult } = await import("@/lib/platform/backup");
      const database = await openDatabase({ share: true });
      try {
        console.log(formatBackupResult(await backupDatabase({ databaseUrl: database.url, file })));
      } finally {
        await database.close();
      }
    });
  dbCmd
    .command("restore")
    .description("Replace the database with the backup in FILE, in one transaction, then apply newer migrations")
    .argument("<file>", "archive written by `tunecost db backup` (or pg_dump -Fc)")
    .option("--force", "replace a database that already holds tunecost data (teams, users, usage…)")
    .action(async (file: string, o: { force?: boolean }) => {
      const { assertArchiveFile, restoreDatabase, formatRestoreResult } = await import("@/lib/platform/backup");
      await assertArchiveFile(file); // a typo should not start the embedded server
      const database = await openDatabase({ share: true });
      try {
        const result = await restoreDatabase({ databaseUrl: database.url, file, force: !!o.force, migrationsDir: join(projectRoot(), "prisma", "migrations") });
        console.log(formatRestoreResult(result));
      } finally {
        await database.close();
      }
    });
  dbCmd
    .command("status")
    .description("Tell whether the embedded PostgreSQL is running")
    .action(async () => {
      const pid = await leftoverServerPid(embeddedDataDir());
      console.log(pid === null ? "The embedded PostgreSQL is not running." : `The embedded PostgreSQL is running (pid ${pid}).`);
    });
  dbCmd
    .command("stop")
    .description("Stop an embedded PostgreSQL left running (e.g. after the app was killed)")
    .action(async () => {
      const pid = await stopLeftoverServer(embeddedDataDir());
      console.log(pid === null ? "The embedded PostgreSQL was not running." : `Stopped the embedded PostgreSQL (pid ${pid}).`);
    });
  return program;
}

/** CLI entry: parses argv, prints errors without stack traces, exits 1 on failure. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError || error instanceof Error) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
