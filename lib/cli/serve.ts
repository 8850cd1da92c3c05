import { createServer, type IncomingMessage } from "node:http";
import { join } from "node:path";
import { openDatabase } from "@/lib/platform/database";
import { applyMigrations } from "@/lib/platform/migrate";
import { projectRoot } from "@/lib/platform/paths";
import { ensureAuthSecret } from "@/lib/platform/secrets";

const CLIENT_IP_HEADER = "x-tunecost-client-ip";

/** The client's address: the socket's, or the one `hops` trusted proxies recorded in X-Forwarded-For. */
function clientIp(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? "unknown";
  if (hops === 0) return socket;
  const header = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  chain.push(socket);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket;
}

export interface ServeOptions {
  dev: boolean;
  port: number;
  hostname: string;
}

/**
 * Starts everything the app needs in one process: the database (embedded unless
 * DATABASE_URL is set), migrations, the demo/bootstrap seed, then Next.js behind
 * a plain HTTP server that owns the client-IP header. Ctrl-C / SIGTERM stop it
 * all in order.
 */
export async function serve(opts: ServeOptions): Promise<void> {
  const started = Date.now();
  (process.env as Record<string, string>).NODE_ENV = opts.dev ? "development" : "production";
  await ensureAuthSecret(opts.dev);

  const database = await openDatabase({ share: false, log: (l) => process.env.TUNECOST_PG_LOG && console.log(`[postgres] ${l}`) });
  let shuttingDownSince = 0;
  const shutdown = async (code: number) => {
    if (shuttingDownSince) return;
    shuttingDownSince = Date.now();
    console.log("\nStopping tunecost…");
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(r)).catch(() => undefined);
    await nextApp?.close().catch(() => undefined);
    await jobs?.stop().catch((e: unknown) => console.error("[tunecost] stopping the job queue failed", e));
    await notifications?.stop().catch((e: unknown) => console.error("[tunecost] stopping notification delivery failed", e));
    await database.close();
    console.log(database.source === "started" ? "Stopped (embedded PostgreSQL shut down cleanly)." : "Stopped.");
    process.exit(code);
  };
  // Registered before anything slow so a Ctrl-C during start-up still stops PostgreSQL.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      // A process group often gets the same signal twice at once (terminal, test runners):
      // only a repeat after a pause means "hurry up" — and even then PostgreSQL is stopped first.
      if (shuttingDownSince && Date.now() - shuttingDownSince > 2000) {
        console.log("Forcing exit.");
        void database.close().finally(() => process.exit(1));
        return;
      }
      void shutdown(0);
    });
  }
  let nextApp: { close(): Promise<void> } | undefined;
  let jobs: { stop(): Promise<void> } | undefined;
  let notifications: { stop(): Promise<void> } | undefined;
  const httpServer = createServer();

  try {
    const applied = await applyMigrations(database.url, join(projectRoot(), "prisma", "migrations"));
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    process.env.DATABASE_URL = database.url;

    const { seedDemoOnce, bootstrapFromEnv } = await import("@/lib/teams/seed");
    const { seedPriceCatalog } = await import("@/lib/pricing/seed");
    const { releaseDb } = await import("@/lib/db/client");
    const seeded = await seedPriceCatalog();
    if (seeded.models || seeded.prices) console.log(`Price catalog: added ${seeded.models} models and ${seeded.prices} price rows.`);
    const bootstrapped = await bootstrapFromEnv();
    const demo =
      !bootstrapped && (database.source !== "external" || process.env.TUNECOST_SEED_DEMO === "true") ? await seedDemoOnce() : null;
    await releaseDb();

    const { env } = await import("@/lib/env");
    const hops = env().TUNECOST_TRUST_PROXY_HOPS;
    const next = (await import("next")).default;
    const app = next({ dev: opts.dev, dir: projectRoot(), hostname: opts.hostname, port: opts.port, ...(opts.dev ? { turbopack: true } : {}) });
    await app.prepare();
    nextApp = app;
    const handle = app.getRequestHandler();
    const upgrade = app.getUpgradeHandler();
    httpServer.on("request", (req, res) => {
      req.headers[CLIENT_IP_HEADER] = clientIp(req, hops);
      void handle(req, res);
    });
    httpServer.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", (e: NodeJS.ErrnoException) =>
        reject(e.code === "EADDRINUSE" ? new Error(`Port ${opts.port} is already in use. Stop the program using it, or start with PORT=<another port>.`) : e),
      );
      httpServer.listen(opts.port, opts.hostname, () => resolve());
    });
    // The daily alert evaluation (pg-boss). Its worker runs in this process with the launcher's own Prisma client, which
    // releaseDb() disconnected above and which reconnects on first use, apart from the copy Next.js bundles.
    const { startJobs } = await import("@/lib/jobs");
    jobs = await startJobs({ connectionString: database.url });
    // Webhook and e-mail outboxes: rows are claimed with SKIP LOCKED, so every instance may run this loop.
    const { startNotificationWorkers } = await import("@/lib/webhooks/workers");
    notifications = startNotificationWorkers();
    const url = `http://${opts.hostname === "0.0.0.0" ? "localhost" : opts.hostname}:${opts.port}`;
    console.log(`\ntunecost is ready on ${url} (${opts.dev ? "development" : "production"}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`Database: ${database.source === "external" ? "DATABASE_URL" : "embedded PostgreSQL in .data/postgres"}`);
    if (demo) console.log(`\nDemo login (kept in .data/demo-login.txt):\n${demo}`);
  } catch (error) {
    console.error(`\n${(error as Error).message}`);
    await shutdown(1);
  }
}
