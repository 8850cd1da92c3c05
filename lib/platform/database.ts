/**
 * Which PostgreSQL the process talks to: DATABASE_URL when set, otherwise the
 * embedded server in `.data/postgres` (started here, or shared with a running
 * app for CLI commands).
 */
import { join } from "node:path";
import pg from "pg";
import { embeddedUrl, EmbeddedPostgresError, leftoverServerPid, startEmbeddedPostgres } from "./embedded-postgres";
import { ensureDatabase } from "./migrate";
import { dataDir } from "./paths";

export const EMBEDDED_DATABASE = "tunecost";

export function embeddedPort(): number {
  return Number(process.env.TUNECOST_PG_PORT ?? 54329);
}

export function embeddedDataDir(): string {
  return join(dataDir(), "postgres");
}

export interface DatabaseHandle {
  url: string;
  /** "external" (DATABASE_URL), "started" (we own the server) or "shared" (another tunecost process owns it). */
  source: "external" | "started" | "shared";
  /** Stops the server when this process started it. */
  close(): Promise<void>;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Resolves the database. `share: true` (CLI commands) connects to the embedded
 * server of a running app; `share: false` (the app itself) must own it.
 */
export async function openDatabase(opts: { share: boolean; log?: (line: string) => void }): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, source: "external", close: async () => undefined };

  const dir = embeddedDataDir();
  const port = embeddedPort();
  const running = await leftoverServerPid(dir);
  if (running !== null) {
    const url = await embeddedUrl(dir, port, EMBEDDED_DATABASE);
    if (opts.share && (await canConnect(url))) return { url, source: "shared", close: async () => undefined };
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL (pid ${running}) is already running on ${dir}. ` +
        (opts.share
          ? `It does not answer on port ${port}; stop it with \`npx tunecost db stop\` and try again.`
          : `Another tunecost server may be running; if not, it was left behind by a killed process: stop it with \`npx tunecost db stop\`, then start again.`),
    );
  }
  const server = await startEmbeddedPostgres({ dataDir: dir, port, onLog: opts.log });
  try {
    await ensureDatabase(server.url(), EMBEDDED_DATABASE);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return { url: server.url(EMBEDDED_DATABASE), source: "started", close: () => server.stop() };
}
