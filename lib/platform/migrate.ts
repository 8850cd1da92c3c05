/**
 * Applies `prisma/migrations/<name>/migration.sql` folders in order and records
 * them in Prisma's own `_prisma_migrations` table (checksum = sha256 of the
 * file), so a database migrated here is up to date for `prisma migrate deploy`
 * and the other way round. The Prisma CLI cannot fetch its native engine on
 * offline machines; see docs/decisions/003-migrations.md.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

/** Same key as Prisma Migrate, so our runner and `prisma migrate deploy` never run at once. */
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The migration folders, oldest first. */
export async function readMigrations(dir: string): Promise<Migration[]> {
  if (!existsSync(dir)) return [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const out: Migration[] = [];
  for (const name of names) {
    const file = join(dir, name, "migration.sql");
    if (!existsSync(file)) continue;
    const sql = await fs.readFile(file, "utf8");
    out.push({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return out;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Applies every pending migration, each in its own transaction together with its record. Returns the names applied. */
export async function applyMigrations(databaseUrl: string, dir: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  // The lock is transaction-level, held by an open transaction on a connection of its own for the whole run: behind a
  // transaction-mode pooler (PgBouncer) a session lock would stay on whatever server connection ran it, and the next
  // instance's start would wait for it forever (docs/decisions/015). Same key as Prisma's own migrate, so the two
  // still exclude each other.
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await lock.query("BEGIN");
    await lock.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.connect();
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const failed = rows.find((r) => r.finished_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} was started but never finished. Repair the database, then mark it rolled back ` +
          `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}').`,
      );
    }
    const done: string[] = [];
    for (const m of migrations) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum) {
          throw new MigrationError(
            `Migration ${m.name} was changed after it was applied. Migrations only move forward: restore the file and add a new migration.`,
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.end().catch(() => undefined);
    await lock.query("COMMIT").catch(() => undefined); // releases the lock
    await lock.end();
  }
}

/** Creates `database` on the server behind `adminUrl` when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((e: { code?: string }) => {
        if (e.code !== "42P04") throw e; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}
