import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process. Next's dev server re-evaluates modules on reload, so
// the instance is kept on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { tunecostDb?: PrismaClient };

function createClient(): PrismaClient {
  // DATABASE_URL is set by the launcher (embedded server) or by the operator.
  const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

/** The application's Prisma client. */
export const db: PrismaClient = (globalForDb.tunecostDb ??= createClient());

export type { Prisma } from "@/lib/generated/prisma/client";

/** Closes the pool and forgets the instance (the launcher's own client, before Next.js loads its copy). */
export async function releaseDb(): Promise<void> {
  await globalForDb.tunecostDb?.$disconnect();
  globalForDb.tunecostDb = undefined;
}
