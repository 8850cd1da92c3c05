/**
 * prisma/schema.prisma and prisma/migrations must describe the same database:
 * replaying the migrations (on a temporary shadow database) and diffing against
 * the schema has to yield nothing. When this fails, run
 * `npm run db:migration -- <name>` and commit the new migration.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSchemaSql } from "@/lib/platform/schema-engine";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const SCHEMA_PATH = fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url));
// Each diff instantiates the wasm engine and replays every migration on a fresh database.
const DIFF_TIMEOUT = 60_000;

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run this through the integration project (its globalSetup starts PostgreSQL).");
  return url;
}

async function shadowDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'tunecost\\_shadow\\_%'");
    return rows.map((r) => r.datname).sort();
  } finally {
    await client.end();
  }
}

describe("migrations in sync with schema.prisma", () => {
  let shadowsBefore: string[] = [];
  beforeAll(async () => {
    shadowsBefore = await shadowDatabases();
  });

  it(
    "replaying prisma/migrations yields exactly prisma/schema.prisma",
    async () => {
      const sql = await diffSchemaSql({ fromMigrationsDir: MIGRATIONS_DIR, toSchemaPath: SCHEMA_PATH, shadowDatabaseUrl: adminUrl() });
      expect(
        sql,
        "schema.prisma has changes that no migration contains: run `npm run db:migration -- <name>` and commit the migration. Missing SQL:\n" +
          sql,
      ).toBe("");
    },
    DIFF_TIMEOUT,
  );

  describe("would notice a schema change without a migration", () => {
    let dir: string;
    let changedSchema: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "tunecost-schema-"));
      changedSchema = join(dir, "schema.prisma");
      const original = await readFile(SCHEMA_PATH, "utf8");
      const withField = original.replace(/^model User \{\n/m, "model User {\n  inSyncProbeField String?\n");
      expect(withField, "the probe expects a `model User {` block in schema.prisma").not.toBe(original);
      await writeFile(
        changedSchema,
        `${withField}\nmodel InSyncProbe {\n  id    Int    @id @default(autoincrement())\n  label String\n}\n`,
      );
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it(
      "reports the new model and the new field as missing SQL",
      async () => {
        const sql = await diffSchemaSql({ fromMigrationsDir: MIGRATIONS_DIR, toSchemaPath: changedSchema, shadowDatabaseUrl: adminUrl() });
        expect(sql).toMatch(/CREATE TABLE "InSyncProbe"/);
        expect(sql).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"inSyncProbeField" TEXT/);
      },
      DIFF_TIMEOUT,
    );
  });

  it("drops the shadow databases it creates", async () => {
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });
});
