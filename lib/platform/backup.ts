/**
 * `tunecost db backup` / `db restore`: pg_dump custom-format archives of the
 * app's database (embedded or external). The restore is one transaction —
 * clear the schema, load the archive, check its migrations — so a failed
 * restore leaves the database as it was; pending migrations run afterwards,
 * which is how a backup from an older tunecost moves forward. See
 * docs/decisions/013-backups.md.
 */
import { spawn } from "node:child_process";
import { constants, existsSync, readdirSync } from "node:fs";
import * as fs from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import pg from "pg";
import { z } from "zod";
import { applyMigrations, readMigrations } from "./migrate";

/** A backup or restore refused or failed; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Same key as lib/platform/migrate.ts: a restore and a migration never overlap. */
const MIGRATION_LOCK = 72707369;
const MIGRATIONS_TABLE = "_prisma_migrations";

// ---------------------------------------------------------------------------
// Client tools

export interface PgTool {
  path: string;
  major: number;
}

type ToolName = "pg_dump" | "pg_restore" | "psql";

function run(cmd: string, args: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (e) => done({ code: -1, stdout, stderr: stderr + String(e) }));
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

async function toolMajor(path: string): Promise<number | null> {
  const { code, stdout } = await run(path, ["--version"]);
  const match = code === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(stdout) : null;
  return match ? Number(match[1]) : null;
}

function isExecutable(path: string): Promise<boolean> {
  return fs.access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Where to look, in order: TUNECOST_PG_BIN alone when set; else PATH, then /usr/lib/postgresql/<version>/bin, newest first. */
function toolCandidates(name: ToolName): string[] {
  const explicit = process.env.TUNECOST_PG_BIN;
  if (explicit) return [join(resolve(explicit), name)];
  const fromPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, name));
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return [...new Set([...fromPath, ...versions.map((v) => join(root, v, "bin", name))])];
}

function installHint(major: number): string {
  return (
    `Install PostgreSQL ${major}'s client tools (Debian/Ubuntu: \`apt install postgresql-client-${major}\`), ` +
    `or set TUNECOST_PG_BIN to a directory holding pg_dump, pg_restore and psql of version ${major} or newer.`
  );
}

/**
 * Finds `name` of major version ≥ `minMajor` (pg_dump refuses servers newer
 * than itself; an old pg_restore cannot read a newer archive).
 */
export async function findPgTool(name: ToolName, minMajor: number): Promise<PgTool> {
  const seen: string[] = [];
  for (const path of toolCandidates(name)) {
    if (!(await isExecutable(path))) continue;
    const major = await toolMajor(path);
    if (major === null) continue;
    if (major >= minMajor) return { path, major };
    seen.push(`${path} is version ${major}`);
  }
  const where = process.env.TUNECOST_PG_BIN ? ` in TUNECOST_PG_BIN (${process.env.TUNECOST_PG_BIN})` : "";
  if (seen.length === 0) throw new BackupError(`${name} was not found${where}. ${installHint(minMajor)}`);
  throw new BackupError(`The database server is PostgreSQL ${minMajor}, but ${seen.join("; ")}: ${name} must be version ${minMajor} or newer. ${installHint(minMajor)}`);
}

// ---------------------------------------------------------------------------
// Connections

/** Query parameters only Prisma understands; libpq (pg_dump, psql) rejects unknown ones. */
const PRISMA_ONLY_PARAMS = ["schema", "connection_limit", "pool_timeout", "socket_timeout", "pgbouncer", "statement_cache_size", "sslaccept", "sslidentity"];

/**
 * The URL for the client tools without its password, which goes in
 * PGPASSWORD instead: never on a command line, where `ps` shows it.
 */
export function toolConnection(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new BackupError("DATABASE_URL is not a valid postgresql:// URL.");
  }
  const password = decodeURIComponent(url.password);
  url.password = "";
  for (const p of PRISMA_ONLY_PARAMS) url.searchParams.delete(p);
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

async function serverVersion(client: pg.Client): Promise<{ major: number; text: string }> {
  const { rows } = await client.query("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text");
  const row = z.object({ num: z.coerce.number().int().positive(), text: z.string() }).parse(rows[0]);
  return { major: Math.floor(row.num / 10_000), text: row.text.split(" ")[0]! };
}

/** Exact row count of every table in the `public` schema (new tables are covered without changes here). */
export async function tableRowCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables = z.array(z.object({ table_name: z.string() })).parse(rows);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const r = await client.query(`SELECT count(*)::bigint AS n FROM public.${client.escapeIdentifier(table_name)}`);
    counts[table_name] = z.coerce.number().int().nonnegative().parse(r.rows[0]?.n);
  }
  return counts;
}

/**
 * Rows that are somebody's data. A fresh install writes the others by itself
 * (the migrations record, the seeded global price catalog, rate-limit
 * counters), so a database holding only those may be restored over.
 */
async function userDataRows(client: pg.Client, counts: Record<string, number>): Promise<Record<string, number>> {
  const data: Record<string, number> = {};
  for (const [table, n] of Object.entries(counts)) {
    if (table === MIGRATIONS_TABLE || table === "CatalogModel" || table === "RateLimitBucket") continue;
    let rows = n;
    if (table === "PriceEntry" && n > 0) {
      const r = await client.query(`SELECT count(*)::bigint AS n FROM public."PriceEntry" WHERE "teamId" IS NOT NULL`);
      rows = z.coerce.number().int().parse(r.rows[0]?.n);
    }
    if (rows > 0) data[table] = rows;
  }
  return data;
}

async function appliedMigrationNames(client: pg.Client): Promise<string[] | null> {
  const exists = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`, [MIGRATIONS_TABLE]);
  if (!exists.rowCount) return null;
  const { rows } = await client.query(
    `SELECT migration_name FROM public."${MIGRATIONS_TABLE}" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return z.array(z.object({ migration_name: z.string() })).parse(rows).map((r) => r.migration_name);
}

// ---------------------------------------------------------------------------
// Backup

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  serverVersion: string;
  tool: PgTool;
  migrations: string[];
  /** Row counts of every table, read in the same snapshot pg_dump dumped. */
  counts: Record<string, number>;
}

/** Writes a pg_dump custom-format archive of `databaseUrl` to `file` (via `file.tmp`, renamed when complete). */
export async function backupDatabase(opts: { databaseUrl: string; file: string }): Promise<BackupResult> {
  const started = performance.now();
  const file = resolve(opts.file);
  const dirStat = await fs.stat(dirname(file)).catch(() => null);
  if (!dirStat?.isDirectory()) throw new BackupError(`The folder ${dirname(file)} does not exist.`);
  if ((await fs.stat(file).catch(() => null))?.isDirectory()) throw new BackupError(`${file} is a folder; give a file name, e.g. ${join(file, "tunecost.dump")}.`);

  const client = await connect(opts.databaseUrl);
  const tmp = `${file}.tmp`;
  try {
    const server = await serverVersion(client);
    const migrations = await appliedMigrationNames(client);
    if (!migrations?.length) throw new BackupError("This database has no tunecost tables yet (no applied migrations): there is nothing to back up.");
    const tool = await findPgTool("pg_dump", server.major);

    // pg_dump dumps the snapshot this transaction exported, so the counts printed are exactly what the archive holds.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snap = await client.query("SELECT pg_export_snapshot() AS id");
    const snapshot = z.object({ id: z.string() }).parse(snap.rows[0]).id;
    const counts = await tableRowCounts(client);

    const { dbname, env } = toolConnection(opts.databaseUrl);
    await fs.rm(tmp, { force: true });
    const dump = await run(tool.path, ["--format=custom", `--file=${tmp}`, `--snapshot=${snapshot}`, `--dbname=${dbname}`], env);
    await client.query("COMMIT");
    if (dump.code !== 0) throw new BackupError(`pg_dump failed (exit ${dump.code}); no backup was written:\n${dump.stderr.trim()}`);

    // The archive holds password hashes and webhook secrets: owner-only, like .data/.
    await fs.chmod(tmp, 0o600);
    const handle = await fs.open(tmp, "r+");
    try {
      await handle.sync(); // on disk before it takes the real name
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
    const { size } = await fs.stat(file);
    return { file, bytes: size, ms: performance.now() - started, serverVersion: server.text, tool, migrations, counts };
  } finally {
    await fs.rm(tmp, { force: true });
    await client.end();
  }
}

// ---------------------------------------------------------------------------
// Reading an archive

const migrationRowSchema = z.object({
  migration_name: z.string().min(1),
  checksum: z.string(),
  finished_at: z.string().nullable(),
  rolled_back_at: z.string().nullable(),
});

export interface ArchiveInfo {
  file: string;
  createdAt: string | null;
  dumpedFrom: string | null;
  /** Migrations recorded as applied in the archived database, oldest first. */
  migrations: string[];
}

/** Checks `file` exists and starts like a pg_dump custom-format archive, before any database is touched. */
export async function assertArchiveFile(file: string): Promise<string> {
  const path = resolve(file);
  const stat = await fs.stat(path).catch(() => null);
  if (!stat) throw new BackupError(`No such file: ${path}`);
  if (!stat.isFile()) throw new BackupError(`${path} is not a file.`);
  const handle = await fs.open(path, "r");
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString("latin1") !== "PGDMP") {
      throw new BackupError(`${path} is not a pg_dump custom-format archive (made by \`npx tunecost db backup\` or \`pg_dump -Fc\`). Nothing was changed.`);
    }
  } finally {
    await handle.close();
  }
  return path;
}

/** Parses the `COPY … FROM stdin;` block pg_restore prints for one table. */
function parseCopy(sql: string, table: string): Record<string, string | null>[] {
  const lines = sql.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`COPY public.${table} (`) || l.startsWith(`COPY public."${table}" (`));
  if (start < 0) return [];
  const columns = /\((.*)\) FROM stdin;$/
    .exec(lines[start]!)?.[1]
    ?.split(", ")
    .map((c) => c.replace(/^"|"$/g, ""));
  if (!columns) return [];
  const rows: Record<string, string | null>[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    const values = line.split("\t");
    rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i] === "\\N" || values[i] === undefined ? null : values[i]!])));
  }
  return rows;
}

/**
 * Reads the archive's table of contents and its `_prisma_migrations` rows, and
 * refuses an archive this code cannot restore: not tunecost's, from a newer
 * tunecost (a migration unknown here), or with a migration that differs from ours.
 */
export async function inspectArchive(file: string, migrationsDir: string, pgRestore: PgTool): Promise<ArchiveInfo> {
  const path = await assertArchiveFile(file);
  const toc = await run(pgRestore.path, ["--list", path]);
  if (toc.code !== 0) throw new BackupError(`${path} cannot be read as a pg_dump archive; nothing was changed.\n${toc.stderr.trim()}`);
  const createdAt = /^;\s*Archive created at (.+)$/m.exec(toc.stdout)?.[1]?.trim() ?? null;
  const dumpedFrom = /^;\s+Dumped from database version: (.+)$/m.exec(toc.stdout)?.[1]?.trim() ?? null;
  if (!new RegExp(`TABLE DATA public ${MIGRATIONS_TABLE} `).test(toc.stdout)) {
    throw new BackupError(`${path} is a pg_dump archive, but not of a tunecost database (it has no ${MIGRATIONS_TABLE} table). Nothing was changed.`);
  }
  const data = await run(pgRestore.path, ["--data-only", `--table=${MIGRATIONS_TABLE}`, "--file=-", path]);
  if (data.code !== 0) throw new BackupError(`${path} is damaged; nothing was changed.\n${data.stderr.trim()}`);
  const rows = z.array(migrationRowSchema).parse(parseCopy(data.stdout, MIGRATIONS_TABLE)).filter((r) => r.rolled_back_at === null);

  const local = new Map((await readMigrations(migrationsDir)).map((m) => [m.name, m]));
  const unfinished = rows.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (unfinished.length) {
    throw new BackupError(`The backed-up database was in the middle of migration ${unfinished.join(", ")}; it cannot be restored as is. Nothing was changed.`);
  }
  const unknown = rows.filter((r) => !local.has(r.migration_name)).map((r) => r.migration_name);
  if (unknown.length) {
    throw new BackupError(
      `This backup comes from a newer tunecost: its database has migration(s) this version does not know (${unknown.join(", ")}). ` +
        `Migrations only move forward, so upgrade tunecost to a version that has them, then restore. Nothing was changed.`,
    );
  }
  const changed = rows.filter((r) => local.get(r.migration_name)!.checksum !== r.checksum).map((r) => r.migration_name);
  if (changed.length) {
    throw new BackupError(
      `Migration(s) ${changed.join(", ")} in this backup differ from this version's files (checksum mismatch); restoring would leave a schema the code does not describe. Nothing was changed.`,
    );
  }
  return { file: path, createdAt, dumpedFrom, migrations: rows.map((r) => r.migration_name).sort() };
}

// ---------------------------------------------------------------------------
// Restore

export interface RestoreResult {
  archive: ArchiveInfo;
  /** Migrations applied after the restore (the backup was older than this code). */
  applied: string[];
  /** What the target held before (user data only; empty when it was empty or freshly installed). */
  replaced: Record<string, number>;
  counts: Record<string, number>;
  ms: number;
}

function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Run first inside the restore's transaction: take the migration lock, then
 * drop everything in `public` (tables, sequences, types, functions). `--clean` alone would only drop the objects the
 * archive has, leaving tables of newer migrations that the forward migration
 * after the restore would then collide with.
 */
const CLEAR_SCHEMA = `
SET client_min_messages = warning;
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
    EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE'
                                  WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE'
                                  WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS public.%I CASCADE'
                                  ELSE 'DROP TABLE IF EXISTS public.%I CASCADE' END, r.relname);
  END LOOP;
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'S' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.relname);
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
  END LOOP;
  -- Functions too (the usage rollup's trigger functions): a migration re-applied after the restore creates them.
  -- Those an extension owns stay with their extension.
  FOR r IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.signature);
  END LOOP;
END $$;
`;

/** Run last inside the transaction, after the archive loaded: the same migration check as inspectArchive, on what was really restored. */
function verifyRestored(localNames: string[]): string {
  const known = localNames.length ? `ARRAY[${localNames.map(sqlLiteral).join(", ")}]::text[]` : "ARRAY[]::text[]";
  return `
DO $$
BEGIN
  IF to_regclass('public.${MIGRATIONS_TABLE}') IS NULL THEN
    RAISE EXCEPTION 'tunecost: the archive did not contain a ${MIGRATIONS_TABLE} table';
  END IF;
  IF EXISTS (SELECT 1 FROM public.${MIGRATIONS_TABLE} WHERE rolled_back_at IS NULL AND NOT (migration_name = ANY (${known}))) THEN
    RAISE EXCEPTION 'tunecost: the archive holds migrations this version does not know';
  END IF;
END $$;
`;
}

/**
 * Replaces the database behind `databaseUrl` with the archive in `file`, in one
 * transaction, then applies pending migrations. Refuses a database holding
 * tunecost data unless `force`.
 */
export async function restoreDatabase(opts: { databaseUrl: string; file: string; force: boolean; migrationsDir: string }): Promise<RestoreResult> {
  const started = performance.now();
  await assertArchiveFile(opts.file);
  const client = await connect(opts.databaseUrl);
  let replaced: Record<string, number>;
  let archive: ArchiveInfo;
  let psql: PgTool;
  let pgRestore: PgTool;
  try {
    const server = await serverVersion(client);
    pgRestore = await findPgTool("pg_restore", server.major);
    psql = await findPgTool("psql", server.major);
    archive = await inspectArchive(opts.file, opts.migrationsDir, pgRestore);
    replaced = await userDataRows(client, await tableRowCounts(client));
    if (Object.keys(replaced).length && !opts.force) {
      throw new BackupError(
        `The database already holds tunecost data (${describeCounts(replaced)}). ` +
          `A restore replaces all of it with the backup. Back it up first if you may need it, then run again with --force; ` +
          `or restore into an empty database. Nothing was changed.`,
      );
    }
  } finally {
    await client.end();
  }

  const local = (await readMigrations(opts.migrationsDir)).map((m) => m.name);
  await loadArchive({ databaseUrl: opts.databaseUrl, file: archive.file, pgRestore, psql, verifySql: verifyRestored(local) });

  const applied = await applyMigrations(opts.databaseUrl, opts.migrationsDir);
  const after = await connect(opts.databaseUrl);
  try {
    const counts = await tableRowCounts(after);
    return { archive, applied, replaced, counts, ms: performance.now() - started };
  } finally {
    await after.end();
  }
}

/**
 * pg_restore writes the archive as SQL; psql runs it between our own BEGIN and
 * COMMIT (ON_ERROR_STOP), together with the schema clear and the check. COMMIT
 * is only sent when pg_restore read the whole archive, so a damaged file rolls
 * back too.
 */
async function loadArchive(opts: { databaseUrl: string; file: string; pgRestore: PgTool; psql: PgTool; verifySql: string }): Promise<void> {
  const { dbname, env } = toolConnection(opts.databaseUrl);
  const childEnv = { ...process.env, ...env, LC_ALL: "C" };
  const psql = spawn(opts.psql.path, ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", `--dbname=${dbname}`, "--file=-"], {
    env: childEnv,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const restore = spawn(
    opts.pgRestore.path,
    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error", "--file=-", opts.file],
    { env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let psqlErr = "";
  let restoreErr = "";
  psql.stderr.on("data", (c: Buffer) => (psqlErr += c.toString()));
  restore.stderr.on("data", (c: Buffer) => (restoreErr += c.toString()));
  psql.stdin.on("error", () => undefined); // psql stopped on an error: reported from its exit below
  const psqlExit = new Promise<number>((done) => {
    psql.on("error", (e) => {
      psqlErr += String(e);
      done(-1);
    });
    psql.on("close", (code) => done(code ?? -1));
  });
  // If psql stops early, nobody reads pg_restore's output any more: stop it too.
  void psqlExit.then(() => restore.kill());
  const restoreExit = new Promise<number>((done) => {
    restore.on("error", (e) => {
      restoreErr += String(e);
      done(-1);
    });
    restore.on("close", (code) => done(code ?? -1));
  });

  psql.stdin.write("BEGIN;\n" + CLEAR_SCHEMA);
  restore.stdout.pipe(psql.stdin, { end: false });
  // A child's "close" comes after its stdout ended, so every chunk is already queued on psql's stdin.
  const restoreCode = await restoreExit;
  // Without COMMIT, psql reaches the end of its input inside the transaction and the server rolls it back.
  psql.stdin.end(restoreCode === 0 ? `\n${opts.verifySql}\nCOMMIT;\n` : "\n");
  const psqlCode = await psqlExit;

  if (psqlCode !== 0 || restoreCode !== 0) {
    const lines = (psqlCode !== 0 ? psqlErr : restoreErr).trim().split("\n");
    const errors = lines.filter((l) => /ERROR|error:|CONTEXT|DETAIL/.test(l));
    const detail = (errors.length ? errors : lines).slice(-6).join("\n");
    throw new BackupError(`The restore failed and was rolled back: the database is unchanged.\n${detail}`);
  }
}

// ---------------------------------------------------------------------------
// Reporting

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([t, n]) => `${n.toLocaleString("en-US")} ${t}`)
    .join(", ");
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function countTable(counts: Record<string, number>): string[] {
  const entries = Object.entries(counts).filter(([t]) => t !== MIGRATIONS_TABLE);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  const width = Math.max(0, ...entries.map(([t]) => t.length));
  return [
    `Rows: ${total.toLocaleString("en-US")} in ${entries.length} tables`,
    ...entries.filter(([, n]) => n > 0).map(([t, n]) => `  ${t.padEnd(width)}  ${n.toLocaleString("en-US").padStart(10)}`),
  ];
}

/** What `db backup` prints. */
export function formatBackupResult(r: BackupResult): string {
  return [
    `Backed up to ${r.file}`,
    `Size: ${formatBytes(r.bytes)}, took ${(r.ms / 1000).toFixed(1)} s (PostgreSQL ${r.serverVersion}, ${r.tool.path} ${r.tool.major})`,
    `Schema: ${r.migrations.length} migrations, latest ${r.migrations.at(-1)}`,
    ...countTable(r.counts),
  ].join("\n");
}

/** What `db restore` prints. */
export function formatRestoreResult(r: RestoreResult): string {
  return [
    `Restored ${r.archive.file}` + (r.archive.createdAt ? ` (backup of ${r.archive.createdAt}, PostgreSQL ${r.archive.dumpedFrom ?? "?"})` : ""),
    `Took ${(r.ms / 1000).toFixed(1)} s.` + (Object.keys(r.replaced).length ? ` Replaced: ${describeCounts(r.replaced)}.` : ""),
    r.applied.length
      ? `The backup was made by an older tunecost; migrations applied after the restore: ${r.applied.join(", ")}`
      : `Schema: up to date (${r.archive.migrations.length} migrations).`,
    ...countTable(r.counts),
  ].join("\n");
}
