import pg from "pg";
import PgBoss from "pg-boss";

// Background jobs in PostgreSQL (pg-boss, in its own schema "pgboss"; Prisma manages and diffs "public" only).
// Any number of app instances may run this: pg-boss hands each job to one worker (SKIP LOCKED), and the alert run is
// a singleton per UTC day, so it happens once a day whichever instance, cron tick or start-up queued it.

/** The scheduled alert evaluation's queue. */
export const ALERTS_EVALUATE = "alerts-evaluate";

/** 00:15 UTC every day; on the 1st this is the month-rollover run that closes last month and opens the new one. */
export const ALERTS_EVALUATE_CRON = "15 0 * * *";

/** What an alert evaluation job may carry: only these teams (tests, targeted re-runs); every team when absent. */
export interface AlertsEvaluateData {
  teamIds?: string[];
}

/** One job per UTC day: pg-boss drops a second send with the same key in the same 86,400-second slot. */
const DAILY = { singletonKey: ALERTS_EVALUATE, singletonSeconds: 86_400 } as const;

export interface JobsOptions {
  connectionString: string;
  /** Default "pgboss". */
  schema?: string;
  /** Runs one evaluation job; default: every team's alerts (lib/alerts/evaluate.ts evaluateAllTeams). */
  evaluate?: (data: AlertsEvaluateData) => Promise<unknown>;
  /** Default ALERTS_EVALUATE_CRON. */
  cron?: string;
  /** Queue today's run at start, so a day the app was down at 00:15 is not skipped (default true). */
  catchUp?: boolean;
  /** pg-boss polling and cron intervals, in seconds (tests shorten them). */
  pollingIntervalSeconds?: number;
  cronMonitorIntervalSeconds?: number;
}

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

async function evaluateEveryTeam(data: AlertsEvaluateData): Promise<unknown> {
  // Loaded on first use: the launcher starts jobs before any request, and the alert engine pulls in Prisma.
  const { evaluateAllTeams } = await import("@/lib/alerts/evaluate");
  const result = await evaluateAllTeams({ teamIds: data.teamIds });
  console.log(`[tunecost] alert evaluation: ${result.teams} team(s), ${JSON.stringify(result.counts)}${result.failed ? `, ${result.failed} failed` : ""}`);
  return result;
}

/**
 * Starts pg-boss (creating or migrating its schema), the alert evaluation queue, its daily schedule and a worker.
 * `stop()` waits for a running evaluation to finish (up to 30 s).
 */
export async function startJobs(opts: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: opts.connectionString,
    schema: opts.schema ?? "pgboss",
    application_name: "tunecost-jobs",
    max: 3,
    // A singleton slot only holds while its job is still in the job table: keep finished jobs there past a day.
    archiveCompletedAfterSeconds: 2 * 86_400,
    ...(opts.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: opts.cronMonitorIntervalSeconds } : {}),
  });
  boss.on("error", (error) => console.error("[tunecost] job queue error", error));
  await boss.start();
  // Two instances creating the queue at once deadlock inside pg-boss (it creates and attaches a partition), so the
  // set-up runs under an advisory lock held by a connection of its own, in an open transaction. It must stay
  // transaction-scoped: behind a transaction-mode pooler (PgBouncer) a session lock stays with the server connection
  // after this client has gone, and the next instance to start would wait for it forever; an open transaction keeps its
  // server connection until it ends, and ending it releases the lock (docs/decisions/015-several-instances.md).
  const lock = new pg.Client({ connectionString: opts.connectionString, application_name: "tunecost-jobs-setup" });
  await lock.connect();
  try {
    await lock.query("BEGIN");
    await lock.query("SELECT pg_advisory_xact_lock(hashtext('tunecost:jobs-setup'))");
    if (!(await boss.getQueue(ALERTS_EVALUATE))) {
      await boss.createQueue(ALERTS_EVALUATE, { name: ALERTS_EVALUATE, retryLimit: 2, retryDelay: 60, expireInSeconds: 3_600 });
    }
    await boss.schedule(ALERTS_EVALUATE, opts.cron ?? ALERTS_EVALUATE_CRON, {}, { ...DAILY, tz: "UTC" });
  } finally {
    await lock.query("COMMIT").catch(() => undefined); // releases the lock (closing the connection would too)
    await lock.end();
  }
  const evaluate = opts.evaluate ?? evaluateEveryTeam;
  await boss.work<AlertsEvaluateData>(ALERTS_EVALUATE, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10 }, async ([job]) => evaluate(job?.data ?? {}));
  if (opts.catchUp ?? true) await queueAlertEvaluation(boss);
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 30_000 }) };
}

/** Queues today's alert evaluation unless it is queued or done already today; null when it was. */
export function queueAlertEvaluation(boss: PgBoss, data: AlertsEvaluateData = {}): Promise<string | null> {
  return boss.send(ALERTS_EVALUATE, data, DAILY);
}
