import "server-only";
import { db } from "@/lib/db/client";

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Seconds until `limit` allows again, or 0 when it is not exhausted. Fixed windows kept in PostgreSQL. */
export async function retryAfterSeconds(limit: Limit): Promise<number> {
  const rows = await db.$queryRaw<{ retry: number }[]>`
    SELECT CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${limit.windowSeconds}) - now())))::int AS retry
    FROM "RateLimitBucket"
    WHERE key = ${limit.key}
      AND count >= ${limit.max}
      AND "windowStart" > now() - make_interval(secs => ${limit.windowSeconds})`;
  return Math.max(0, rows[0]?.retry ?? 0);
}

/** Counts one hit against `limit` atomically (safe under concurrent requests and several app instances). */
export async function hit(limit: Limit): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "RateLimitBucket" (key, count, "windowStart") VALUES (${limit.key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${limit.windowSeconds})
                   THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => ${limit.windowSeconds})
                   THEN now() ELSE "RateLimitBucket"."windowStart" END`;
}

/** Forgets a key (e.g. an e-mail's failures after a successful login). */
export async function reset(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}
