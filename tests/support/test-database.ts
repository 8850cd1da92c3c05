/**
 * A real PostgreSQL for tests: the same embedded server the app uses, in its
 * own data directory and port, with a database created fresh for each run.
 */
import { readFile, realpath, rm } from "node:fs/promises";
import { join } from "node:path";
import { embeddedMajorVersion, startEmbeddedPostgres, stopLeftoverServer, type RunningPostgres } from "@/lib/platform/embedded-postgres";
import { applyMigrations } from "@/lib/platform/migrate";
import { dataDir, projectRoot } from "@/lib/platform/paths";
import pg from "pg";

export interface TestDatabase {
  server: RunningPostgres;
  /** URL of a freshly created, fully migrated database. */
  url: string;
}

/** Starts the test server (stopping one a killed run left behind) and creates `database` from the migrations. */
export async function startTestDatabase(name: string, port: number, database: string): Promise<TestDatabase> {
  const dir = join(dataDir(), name);
  await stopLeftoverServer(dir);
  // Test clusters are disposable: one made by another PostgreSQL major version is replaced.
  const made = (await readFile(join(await realpath(dir).catch(() => dir), "PG_VERSION"), "utf8").catch(() => null))?.trim();
  if (made && made !== (await embeddedMajorVersion())) await rm(await realpath(dir), { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir: dir, port });
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const url = server.url(database);
  await applyMigrations(url, join(projectRoot(), "prisma", "migrations"));
  return { server, url };
}
