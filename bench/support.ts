/**
 * What the benchmarks share: free ports, and the production server (`tunecost serve`) on a fresh embedded PostgreSQL
 * in a temporary data directory, with the CLI pointed at the same database. A benchmark, not a test: helpers here
 * never judge a figure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** The machine a figure was measured on, for the JSON results. */
export function machine() {
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version };
}

/** Exits with a clear message when `npm run build` has not been run. */
export function requireProductionBuild(script: string): void {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) {
    console.error(`No production build found: run \`npm run build\` first, then \`npm run ${script}\`.`);
    process.exit(1);
  }
}

export interface BenchServer {
  base: string;
  httpPort: number;
  pgPort: number;
  dataDir: string;
  /** The environment the server runs with (its data dir, ports, secret and bootstrap login). */
  env: NodeJS.ProcessEnv;
  bootstrap: { email: string; password: string; team: string };
  /** The connection string of the server's database (for the benchmark's own SQL). */
  databaseUrl(): Promise<string>;
  /** Runs `tunecost …` against the same database; resolves with its standard output. */
  cli(args: string[]): Promise<string>;
  /** SIGTERM (the server stops its PostgreSQL first), SIGKILL after 30 s; removes the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts `tunecost serve` on free ports with its own data directory, and waits for /api/health. `extraEnv` adds or
 * overrides variables (rate limits, pool size). The bootstrap owner and team "bench" exist when it resolves.
 */
export async function startBenchServer(name: string, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `tunecost-bench-${name}-`));
  // Readable by the `postgres` OS user the launcher runs PostgreSQL as under root; a mode-700 directory would make it
  // relocate the cluster to /var/lib/tunecost, outside what this run removes.
  chmodSync(dataDir, 0o755);
  const [httpPort, pgPort] = [await freePort(), await freePort()];
  const bootstrap = { email: "bench@tunecost.local", password: randomBytes(12).toString("hex"), team: "bench" };
  const { DATABASE_URL: _, ...inherited } = process.env; // always the bench's own embedded server
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    TUNECOST_DATA_DIR: dataDir,
    TUNECOST_PG_PORT: String(pgPort),
    NEXTAUTH_URL: `http://127.0.0.1:${httpPort}`,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    TUNECOST_BOOTSTRAP_EMAIL: bootstrap.email,
    TUNECOST_BOOTSTRAP_PASSWORD: bootstrap.password,
    TUNECOST_BOOTSTRAP_TEAM: bootstrap.team,
    TUNECOST_BOOTSTRAP_TEAM_NAME: "Bench",
    ...extraEnv,
  };
  const serverLog = join(dataDir, "server.log");
  const base = `http://127.0.0.1:${httpPort}`;
  console.log(`Starting the production server on :${httpPort} (embedded PostgreSQL on :${pgPort}, data in ${dataDir})…`);
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, "bin", "tunecost.mjs"), "serve", "--port", String(httpPort), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", openSync(serverLog, "a"), openSync(serverLog, "a")],
  });

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const cli = async (args: string[]) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "tunecost.mjs"), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    const [code] = (await once(child, "exit")) as [number];
    if (code !== 0) throw new Error(`tunecost ${args.join(" ")} exited with ${code}`);
    return out;
  };

  try {
    const up = Date.now();
    for (;;) {
      if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}:\n${readFileSync(serverLog, "utf8")}`);
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() - up > 120_000) throw new Error(`The server did not answer within 2 minutes:\n${readFileSync(serverLog, "utf8")}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const databaseUrl = async () => {
    const { openDatabase } = await import("@/lib/platform/database");
    Object.assign(process.env, { TUNECOST_DATA_DIR: dataDir, TUNECOST_PG_PORT: String(pgPort) });
    delete process.env.DATABASE_URL;
    return (await openDatabase({ share: true })).url; // shared: the server's own PostgreSQL, never a second one
  };
  return { base, httpPort, pgPort, dataDir, env, bootstrap, databaseUrl, cli, stop };
}

/** The value at quantile q (0–1) of a list of numbers, nearest-rank. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = xs.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Writes a benchmark's figures to bench/out/<name>.json (what `npm run bench` summarises) and says so. */
export function writeBenchResult(name: string, result: unknown): void {
  mkdirSync(join(ROOT, "bench", "out"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "out", `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Figures written to bench/out/${name}.json`);
}

/**
 * Runs a benchmark's `body` under a deadline. The server it hands to `started` is stopped (its data removed) whatever
 * happens: success, a thrown error (printed, exit 1) or the deadline (exit 1).
 */
export async function runBench(deadlineMs: number, body: (started: (s: BenchServer) => BenchServer) => Promise<void>): Promise<never> {
  let server: BenchServer | undefined;
  const deadline = setTimeout(() => {
    console.error(`Gave up after ${deadlineMs / 60_000} minutes.`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
  }, deadlineMs);
  let exitCode = 0;
  try {
    await body((s) => (server = s));
  } catch (error) {
    console.error(error);
    exitCode = 1;
  } finally {
    await server?.stop();
    clearTimeout(deadline);
  }
  process.exit(exitCode);
}
