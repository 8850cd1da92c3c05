import { startTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase | undefined;

/** One embedded PostgreSQL for the integration run; tests isolate by creating their own teams. */
export async function setup(): Promise<void> {
  db = await startTestDatabase(process.env.TUNECOST_TEST_PG_NAME ?? "test-postgres", Number(process.env.TUNECOST_TEST_PG_PORT ?? 54339), "tunecost_integration");
  process.env.DATABASE_URL = db.url;
  process.env.TEST_PG_ADMIN_URL = db.server.url();
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-not-for-production";
  // The real seed, as the app runs it at start: tests price against the published catalog.
  const { seedPriceCatalog } = await import("@/lib/pricing/seed");
  const { releaseDb } = await import("@/lib/db/client");
  await seedPriceCatalog();
  await releaseDb();
}

export async function teardown(): Promise<void> {
  await db?.server.stop();
}
