/**
 * Migrations only move forward, over real data. For every migration, a
 * database migrated up to it is loaded with `tests/fixtures/migrations/<name>.sql`
 * (rows as they can exist at that point); then the next migration has to apply
 * over them and keep every row. A migration without a fixture fails here, so
 * the next migration is tested against data too. And an applied migration that
 * is edited afterwards is refused.
 */
import { existsSync, readdirSync } from "node:fs";
import { appendFile, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError, readMigrations, type Migration } from "@/lib/platform/migrate";

const root = process.cwd();
const MIGRATIONS_DIR = join(root, "prisma", "migrations");
const FIXTURES_DIR = join(root, "tests", "fixtures", "migrations");

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run this through the integration project (its globalSetup starts PostgreSQL).");
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase(name: string): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  return databaseUrl(name);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Row count of every table but the migrations record. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of rows) {
      const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${table_name}"`);
      counts[table_name] = Number(r.rows[0]!.n);
    }
    return counts;
  });
}

/** A migrations folder holding only `migrations` (copies), for migrating a database part of the way. */
async function migrationsFolder(base: string, migrations: readonly Migration[]): Promise<string> {
  const dir = await mkdtemp(join(base, "migrations-"));
  for (const m of migrations) await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
  return dir;
}

let work: string;
let migrations: Migration[];
const created: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "tunecost-forward-"));
  migrations = await readMigrations(MIGRATIONS_DIR);
});
afterAll(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await rm(work, { recursive: true, force: true });
});

describe("migrations move forward over data", { timeout: 60_000 }, () => {
  it("every migration brings a fixture of data (tests/fixtures/migrations/<migration>.sql)", () => {
    expect(migrations.length).toBeGreaterThan(0);
    const missing = migrations.map((m) => m.name).filter((name) => !existsSync(join(FIXTURES_DIR, `${name}.sql`)));
    expect(missing, `write tests/fixtures/migrations/<name>.sql inserting a few rows valid after each of: ${missing.join(", ")}`).toEqual([]);
  });

  // One case per migration, so a new migration is a new case without touching this file.
  // Test names must be known when the file is collected, hence the synchronous read.
  const names = (() => {
    return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(MIGRATIONS_DIR, e.name, "migration.sql")))
      .map((e) => e.name)
      .sort();
  })();

  it.each(names.map((name, i) => ({ name, next: names[i + 1] ?? null, label: names[i + 1] ?? "none yet", i })))(
    "data after $name survives the next migration ($label)",
    async ({ name, next, i }) => {
    const fixture = join(FIXTURES_DIR, `${name}.sql`);
    expect(existsSync(fixture), `missing fixture ${fixture}`).toBe(true);
    const db = `tunecost_forward_${i}`;
    created.push(db);
    const url = await freshDatabase(db);

    const upTo = await migrationsFolder(work, migrations.slice(0, i + 1));
    expect(await applyMigrations(url, upTo)).toEqual(migrations.slice(0, i + 1).map((m) => m.name));
    await withClient(url, async (c) => {
      await c.query(await readFile(fixture, "utf8"));
    });
    const before = await rowCounts(url);
    const loaded = Object.entries(before).filter(([, n]) => n > 0);
    expect(loaded.length, `${name}.sql inserts no rows`).toBeGreaterThan(0);

    if (next === null) return; // the newest migration: its fixture is ready for the one after it
    const withNext = await migrationsFolder(work, migrations.slice(0, i + 2));
    expect(await applyMigrations(url, withNext)).toEqual([next]);
    const after = await rowCounts(url);
    for (const [table, n] of loaded) expect(after[table], `${next} lost rows of ${table}`).toBeGreaterThanOrEqual(n);
    },
  );
});

describe("applied migrations are append-only", { timeout: 60_000 }, () => {
  it("refuses to run when an applied migration's file was edited, and applies nothing after it", async () => {
    const db = "tunecost_forward_edited";
    created.push(db);
    const url = await freshDatabase(db);
    const dir = await migrationsFolder(work, migrations);
    await applyMigrations(url, dir);

    const first = migrations[0]!.name;
    await appendFile(join(dir, first, "migration.sql"), "\n-- an edit after the fact\n");
    await cp(join(MIGRATIONS_DIR, first), join(dir, "29991231000000_later"), { recursive: true });
    await rm(join(dir, "29991231000000_later", "migration.sql"));
    await appendFile(join(dir, "29991231000000_later", "migration.sql"), `CREATE TABLE "ForwardProbe" ("id" INTEGER PRIMARY KEY);\n`);

    const run = applyMigrations(url, dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(`Migration ${first} was changed after it was applied`);
    const probe = await withClient(url, (c) => c.query(`SELECT to_regclass('public."ForwardProbe"') AS t`));
    expect(probe.rows[0].t).toBeNull();
  });
});
