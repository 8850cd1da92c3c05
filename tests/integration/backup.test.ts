/**
 * `npx tunecost db backup` / `db restore` as an operator runs them: child
 * processes with DATABASE_URL pointing at databases of their own on the
 * integration server (the shared test database is in use by other files).
 * A team's data is built through the lib functions, backed up, wiped and
 * restored, and every table must come back identical.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgTool } from "@/lib/platform/backup";
import { applyMigrations, readMigrations } from "@/lib/platform/migrate";

const root = process.cwd();
const MIGRATIONS_DIR = join(root, "prisma", "migrations");
const SOURCE = "tunecost_backup_source";
const TARGET = "tunecost_backup_target";
const OLD = "tunecost_backup_old";

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

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops and recreates `name`, empty: the "wipe". */
async function freshDatabase(name: string): Promise<string> {
  await withClient(adminUrl(), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(name);
}

function tunecost(database: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, "bin", "tunecost.mjs"), ...args],
      { cwd: root, env: { ...process.env, ...env, DATABASE_URL: databaseUrl(database) }, maxBuffer: 32 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface Contents {
  /** Every table in `public` (from information_schema, so new tables are covered): row count and a digest of all its rows. */
  tables: Record<string, { rows: number; digest: string }>;
  /** Each table's columns in order: a later migration may add columns, and the rows must keep every older column's value. */
  columns: Record<string, string[]>;
  /** SUM(costUsd) per team, as PostgreSQL's exact decimal text. */
  costs: Record<string, string>;
}

/** Row counts and digests of every table; with `columnsOf`, a table's digest covers only those columns (an older schema's). */
async function contents(database: string, columnsOf?: Record<string, string[]>): Promise<Contents> {
  return withClient(databaseUrl(database), async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const tables: Contents["tables"] = {};
    const columns: Contents["columns"] = {};
    for (const { table_name } of rows) {
      const cols = await c.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table_name],
      );
      columns[table_name] = cols.rows.map((r) => r.column_name);
      const picked = columnsOf?.[table_name];
      const row = picked ? `ROW(${picked.map((n) => `t."${n}"`).join(", ")})::text` : "t::text";
      const r = await c.query<{ rows: string; digest: string | null }>(
        `SELECT count(*) AS rows, md5(string_agg(${row}, E'\\n' ORDER BY ${row})) AS digest FROM "${table_name}" t`,
      );
      tables[table_name] = { rows: Number(r.rows[0]!.rows), digest: r.rows[0]!.digest ?? "" };
    }
    const costs: Contents["costs"] = {};
    if (tables.UsageRecord) {
      const r = await c.query<{ team: string; total: string }>(`SELECT "teamId"::text AS team, SUM("costUsd")::text AS total FROM "UsageRecord" GROUP BY 1`);
      for (const row of r.rows) costs[row.team] = row.total;
    }
    return { tables, columns, costs };
  });
}

let work: string;
let archive: string;
const expectedCosts: Record<string, string> = {};

/** Two teams with projects, models, plans, usage, their own prices, API keys, webhooks, alerts and the audit trail — all through the lib functions. */
async function buildSource(): Promise<void> {
  const url = await freshDatabase(SOURCE);
  await applyMigrations(url, MIGRATIONS_DIR);
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url; // the lib's Prisma client is created on first import, below
  try {
    const { seedPriceCatalog } = await import("@/lib/pricing/seed");
    const { createTeamWithOwner, createTeamMiniPrice } = await import("../support/factories");
    const { createProject } = await import("@/lib/projects/mutations");
    const { createModel, saveUsagePlan } = await import("@/lib/models/mutations");
    const { putModelUsage } = await import("@/lib/usage/mutations");
    const { usageFiguresSchema } = await import("@/lib/usage/schemas");
    const { createApiKey } = await import("@/lib/api-keys/create");
    const { evaluateTeamAlerts } = await import("@/lib/alerts/evaluate");
    const { addMonths, monthOf } = await import("@/lib/forecast");
    const { db, releaseDb } = await import("@/lib/db/client");
    const { toDecimal } = await import("@/lib/money/decimal");
    const { recordAudit } = await import("@/lib/audit/record");

    await seedPriceCatalog();
    const current = monthOf(new Date());
    for (const [i, name] of ["Acme", "Globex"].entries()) {
      const owner = await createTeamWithOwner({ teamName: `${name} ${i}` });
      const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
      await createTeamMiniPrice(owner.teamId, "2025-01-01");
      const project = await createProject(ctx, { name: "Support bot", monthlyBudgetUsd: "5" });
      const model = await createModel(ctx, {
        projectId: project.id,
        displayName: "Support v1",
        providerModelId: `ft:gpt-4o-mini-2024-07-18:${name.toLowerCase()}:support:AbC12${i}`,
        status: "ACTIVE",
        trainingTokens: 1_000_000n,
        epochs: 3,
        trainedAt: "2025-02-10",
      });
      await saveUsagePlan(ctx, model.id, {
        startMonth: addMonths(current, -6),
        period: "MONTH",
        inputTokens: 1_000_000n,
        outputTokens: 1_000_000n,
        daysPerMonth: 30,
        monthlyGrowthPct: "0",
      });
      await db.webhook.create({ data: { teamId: owner.teamId, url: `https://hooks.example.test/${name}`, secret: "whsec_dGVzdA==" } });
      await createApiKey(owner.teamId, owner.userId, { name: "CI", scope: "WRITE" });
      let total = toDecimal(0);
      // Well above the plan and over the $5 budget: deviation and budget alerts, webhook deliveries, audit rows.
      for (const [m, inputM] of [2, 3.333_333, 7].entries()) {
        const figures = usageFiguresSchema.parse({ inputTokens: Math.round(inputM * 1e6) + i, cachedInputTokens: 123_457, outputTokens: 2_000_001 });
        const row = await putModelUsage(ctx, model.id, addMonths(current, -1 - m), figures, { source: "API" });
        total = total.plus(row.costUsd);
      }
      await evaluateTeamAlerts(owner.teamId);
      // Written straight through the audit module: not every write path records one yet.
      await db.$transaction((tx) =>
        recordAudit(tx, ctx, { action: "project.update", entityType: "project", entityId: project.id, summary: "Set the budget of Support bot", before: null, after: { monthlyBudgetUsd: "5" } }),
      );
      expectedCosts[owner.teamId] = total.toFixed(10); // the column is DECIMAL(24,10): SUM keeps 10 places
    }
    await releaseDb();
  } finally {
    process.env.DATABASE_URL = previousUrl;
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "tunecost-backup-"));
  archive = join(work, "tunecost.dump");
  await buildSource();
}, 120_000);

afterAll(async () => {
  await withClient(adminUrl(), async (c) => {
    for (const name of [SOURCE, TARGET, OLD]) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  await rm(work, { recursive: true, force: true });
});

describe("tunecost db backup / restore", { timeout: 120_000 }, () => {
  let original: Contents;

  it("backs up, wipes, restores: every table, row for row, and every team's exact cost total come back", async () => {
    original = await contents(SOURCE);
    // The data the test relies on is really there.
    for (const table of ["Team", "User", "Project", "FineTunedModel", "UsageRecord", "UsagePlan", "PriceEntry", "ApiKey", "Webhook", "Alert", "AlertEvent", "WebhookDelivery", "AuditEvent"]) {
      expect(original.tables[table]?.rows, `no ${table} rows in the source`).toBeGreaterThan(0);
    }
    expect(original.costs).toEqual(expectedCosts);

    const backup = await tunecost(SOURCE, ["db", "backup", archive]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backed up to ${archive}`);
    expect(backup.stdout).toMatch(/Size: [\d.]+ kB, took [\d.]+ s/);
    expect(backup.stdout).toMatch(new RegExp(`UsageRecord\\s+${original.tables.UsageRecord!.rows}\\n`));
    expect(existsSync(`${archive}.tmp`)).toBe(false);
    expect((await stat(archive)).mode & 0o777).toBe(0o600);

    await freshDatabase(SOURCE);
    expect((await contents(SOURCE)).tables).toEqual({});

    const restore = await tunecost(SOURCE, ["db", "restore", archive]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${archive}`);
    expect(restore.stdout).toContain(`Schema: up to date (${(await readMigrations(MIGRATIONS_DIR)).length} migrations)`);
    expect(await contents(SOURCE)).toEqual(original);
  });

  it("refuses to restore over tunecost data without --force and changes nothing; --force replaces it", async () => {
    await withClient(databaseUrl(SOURCE), (c) =>
      c.query(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'Added later', 'added-later', now())`),
    );
    const before = await contents(SOURCE);

    const refused = await tunecost(SOURCE, ["db", "restore", archive]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds tunecost data \(.*\d+ Team.*\)/);
    expect(refused.stderr).toContain("--force");
    expect(await contents(SOURCE)).toEqual(before);

    const forced = await tunecost(SOURCE, ["db", "restore", archive, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Replaced: .*Team/);
    expect(await contents(SOURCE)).toEqual(original);
  });

  it("refuses a missing file, a file that is not an archive, and a damaged archive (rolled back), changing nothing", async () => {
    const before = await contents(SOURCE);

    const missing = await tunecost(SOURCE, ["db", "restore", join(work, "nope.dump"), "--force"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No such file: ${join(work, "nope.dump")}`);

    const text = join(work, "notes.txt");
    await writeFile(text, "id,name\n1,not a backup\n");
    const notArchive = await tunecost(SOURCE, ["db", "restore", text, "--force"]);
    expect(notArchive.code).toBe(1);
    expect(notArchive.stderr).toContain("is not a pg_dump custom-format archive");

    // Damage the compressed rows of one table (not _prisma_migrations, which is read up front): the archive's table of
    // contents is intact, so the failure comes mid-restore and must roll back. In the custom format a data block
    // starts with the byte 1 and its dump id (a sign byte and 4 bytes little-endian), then a length and zlib data.
    const pgRestore = await findPgTool("pg_restore", 15);
    const toc = await new Promise<string>((resolve, reject) =>
      execFile(pgRestore.path, ["--list", archive], (e, out) => (e ? reject(e) : resolve(out))),
    );
    const id = Number(/^(\d+); \d+ \d+ TABLE DATA public User /m.exec(toc)?.[1]);
    expect(id).toBeGreaterThan(0);
    const bytes = await readFile(archive);
    const marker = Buffer.from([1, 0, id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff, id >>> 24]);
    const at = bytes.indexOf(marker);
    expect(at, "data block of User not found in the archive").toBeGreaterThan(0);
    const damaged = join(work, "damaged.dump");
    bytes.fill(0xff, at + 13, at + 23);
    await writeFile(damaged, bytes);
    const broken = await tunecost(SOURCE, ["db", "restore", damaged, "--force"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("The restore failed and was rolled back: the database is unchanged.");

    expect(await contents(SOURCE)).toEqual(before);
  });

  it("restores a backup made by an older tunecost and migrates it forward", async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const older = migrations.slice(0, -1);
    const latest = migrations.at(-1)!.name;
    const dir = join(work, "older-migrations");
    await mkdir(dir);
    for (const m of older) await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
    const oldUrl = await freshDatabase(OLD);
    await applyMigrations(oldUrl, dir);
    const fixture = await readFile(join(root, "tests", "fixtures", "migrations", `${older.at(-1)!.name}.sql`), "utf8");
    await withClient(oldUrl, (c) => c.query(fixture));
    const oldColumns = (await contents(OLD)).columns;
    const oldContents = await contents(OLD, oldColumns);
    const oldArchive = join(work, "older.dump");
    expect((await tunecost(OLD, ["db", "backup", oldArchive])).code).toBe(0);

    // A fresh install of this version: every migration applied, the newest one's tables included.
    const targetUrl = await freshDatabase(TARGET);
    await applyMigrations(targetUrl, MIGRATIONS_DIR);
    const restored = await tunecost(TARGET, ["db", "restore", oldArchive]);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`migrations applied after the restore: ${latest}`);

    // Compared on the older schema's columns, each keeping its value; columns the newest migration adds are new.
    const after = await contents(TARGET, oldColumns);
    for (const [table, { rows, digest }] of Object.entries(oldContents.tables)) {
      if (table === "_prisma_migrations") continue;
      expect(after.tables[table], table).toEqual({ rows, digest });
    }
    expect(after.tables._prisma_migrations!.rows).toBe(migrations.length);
  });

  it("refuses a backup made by a newer tunecost, changing nothing", async () => {
    await withClient(databaseUrl(OLD), (c) =>
      c.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES (gen_random_uuid(), 'x', '29991231000000_from_the_future', now(), 1)`,
      ),
    );
    const futureArchive = join(work, "future.dump");
    expect((await tunecost(OLD, ["db", "backup", futureArchive])).code).toBe(0);
    const before = await contents(TARGET);

    const refused = await tunecost(TARGET, ["db", "restore", futureArchive, "--force"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("This backup comes from a newer tunecost");
    expect(refused.stderr).toContain("29991231000000_from_the_future");
    expect(await contents(TARGET)).toEqual(before);
  });

  it("says which client tools to install when pg_dump is missing or older than the server", async () => {
    const empty = join(work, "no-tools");
    await mkdir(empty);
    const missing = await tunecost(SOURCE, ["db", "backup", join(work, "x.dump")], { TUNECOST_PG_BIN: empty });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`pg_dump was not found in TUNECOST_PG_BIN (${empty})`);
    expect(missing.stderr).toContain("apt install postgresql-client-15");

    const old = join(work, "old-tools");
    await mkdir(old);
    await writeFile(join(old, "pg_dump"), `#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n`);
    await chmod(join(old, "pg_dump"), 0o755);
    const tooOld = await tunecost(SOURCE, ["db", "backup", join(work, "x.dump")], { TUNECOST_PG_BIN: old });
    expect(tooOld.code).toBe(1);
    expect(tooOld.stderr).toContain(`${join(old, "pg_dump")} is version 9`);
    expect(tooOld.stderr).toContain("apt install postgresql-client-15");
    expect(existsSync(join(work, "x.dump"))).toBe(false);
  });
});
