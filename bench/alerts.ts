/**
 * `npm run bench:alerts`: alert evaluation on a team with 200 models × 36 months (issue #6), and the same at 20 and
 * 100 models to show that the per-write evaluation does not grow with the number of models.
 *
 * Starts its own embedded PostgreSQL (temp data directory, free port), applies the migrations and seeds the price
 * catalog, then writes three teams with direct SQL: 20, 100 and 200 models in projects of 10 (every model with a usage
 * plan and a budgeted project), 36 months of usage each, the last month in progress. For each team it times:
 * - per write: evaluating one project and month, what runs after each usage write (median and p95 of 30 runs over
 *   different months, round-robin over the three teams), and a whole `putModelUsage` call (the write and its
 *   evaluation);
 * - full: re-evaluating the whole team (every project, every month), first on fresh data (opening its alerts), then
 *   again on the same data (the daily run's usual case: nothing changes).
 * Prints a table and writes bench/out/alerts.json. Removes its data at the end, also on failure. A benchmark, not a
 * test: nothing fails on a slow machine.
 */
import { register } from "node:module";
import { mkdirSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, machine } from "./support";

// The alert engine's modules say `import "server-only"`; this process is a server.
register("../bin/server-only-hook.mjs", import.meta.url);

const ROOT = join(import.meta.dirname, "..");
const SIZES = [20, 100, 200] as const;
const MODELS_PER_PROJECT = 10;
const MONTHS = 36;
const PER_WRITE_RUNS = 30;


const ms = (start: number) => performance.now() - start;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;

const dataDir = mkdtempSync(join(tmpdir(), "tunecost-bench-alerts-"));
// Readable by the `postgres` OS user PostgreSQL runs as under root (see bench/ingest.ts).
chmodSync(dataDir, 0o755);
const { startEmbeddedPostgres } = await import("@/lib/platform/embedded-postgres");
const { applyMigrations } = await import("@/lib/platform/migrate");
const server = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg"), port: await freePort() });
let exitCode = 0;
try {
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query("CREATE DATABASE bench");
  await admin.end();
  const url = server.url("bench");
  await applyMigrations(url, join(ROOT, "prisma", "migrations"));
  process.env.DATABASE_URL = url;

  const { seedPriceCatalog } = await import("@/lib/pricing/seed");
  await seedPriceCatalog();
  const { db } = await import("@/lib/db/client");
  const { evaluateAlerts, evaluateTeamAlerts } = await import("@/lib/alerts/evaluate");
  const { putModelUsage } = await import("@/lib/usage/mutations");
  const { usageFiguresSchema } = await import("@/lib/usage/schemas");
  const { addMonths, monthOf } = await import("@/lib/forecast");

  const current = monthOf(new Date());
  const first = addMonths(current, -(MONTHS - 1));

  /**
   * One team of `models` models in projects of 10, with plans and 36 months of usage, by direct SQL. Costs follow each
   * model's plan ($1.50 × a per-model scale) with a trend and ±15% noise from hashes, so some months deviate, pass
   * budgets or fall outside their trend's interval, as real data would; the current month runs to day 10.
   */
  async function seedTeam(models: number): Promise<{ teamId: string; projectId: string; modelId: string }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const {
        rows: [team],
      } = await client.query<{ id: string }>(
        `INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id::text`,
        [`bench-${models}`],
      );
      const teamId = team!.id;
      await client.query(
        `INSERT INTO "Project" (id, "teamId", name, "monthlyBudgetUsd", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, 'Project ' || lpad(p::text, 3, '0'), 30 * ${MODELS_PER_PROJECT}, now()
         FROM generate_series(1, $2::int) p`,
        [teamId, models / MODELS_PER_PROJECT],
      );
      await client.query(
        `INSERT INTO "FineTunedModel" (id, "teamId", "projectId", "displayName", "baseModelId", status, "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, p.id, p.name || ' model ' || i, 'gpt-4o-mini-2024-07-18', 'ACTIVE', now()
         FROM "Project" p CROSS JOIN generate_series(1, ${MODELS_PER_PROJECT}) i WHERE p."teamId" = $1::uuid`,
        [teamId],
      );
      // Plan: 10M input + 10M output tokens a month ($15), 1% growth.
      await client.query(
        `INSERT INTO "UsagePlan" (id, "teamId", "modelId", "startMonth", period, "inputTokens", "outputTokens", "monthlyGrowthPct", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, m.id, $2::date, 'MONTH', 10000000, 10000000, 1, now() FROM "FineTunedModel" m WHERE m."teamId" = $1::uuid`,
        [teamId, `${first}-01`],
      );
      await client.query(
        `INSERT INTO "UsageRecord" (id, "teamId", "modelId", month, "inputTokens", "outputTokens", "costUsd", "asOf", source, "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, m.id, month, 0, 0,
                round((15 * (1 + 0.02 * k) * (0.85 + (abs(hashtext(m.id::text || k::text)) % 300) / 1000.0)
                       * CASE WHEN month = $3::date THEN 10.0 / extract(day FROM (month + interval '1 month' - interval '1 day')) ELSE 1 END)::numeric, 6),
                CASE WHEN month = $3::date THEN month + 9 END, 'API', now()
         FROM "FineTunedModel" m
         CROSS JOIN LATERAL (SELECT k, ($2::date + make_interval(months => k))::date AS month FROM generate_series(0, ${MONTHS - 1}) k) months
         WHERE m."teamId" = $1::uuid`,
        [teamId, `${first}-01`, `${current}-01`],
      );
      await client.query("COMMIT");
      const {
        rows: [pick],
      } = await client.query<{ projectId: string; modelId: string }>(
        `SELECT p.id::text AS "projectId", m.id::text AS "modelId" FROM "Project" p JOIN "FineTunedModel" m ON m."projectId" = p.id
         WHERE p."teamId" = $1::uuid ORDER BY p.name, m."displayName" LIMIT 1`,
        [teamId],
      );
      await client.query("ANALYZE");
      return { teamId, ...pick! };
    } finally {
      await client.end();
    }
  }

  // Seed and fully evaluate each team, then time the per-write evaluations round-robin across the three teams, so a
  // load spike from another process on the machine hits every size alike instead of one.
  const teams = [];
  for (const models of SIZES) {
    process.stdout.write(`${models} models: seeding… `);
    const team = await seedTeam(models);
    process.stdout.write("full re-evaluation… ");
    let started = performance.now();
    const firstRun = await evaluateTeamAlerts(team.teamId);
    const fullFirstMs = ms(started);
    started = performance.now();
    const steadyRun = await evaluateTeamAlerts(team.teamId);
    const fullSteadyMs = ms(started);
    console.log("done");
    teams.push({ models, team, firstRun, steadyRun, fullFirstMs, fullSteadyMs, perWrite: [] as number[], writes: [] as number[] });
  }

  process.stdout.write("Per-write evaluations and writes, round-robin… ");
  // Untimed first: JIT compilation and cold caches.
  for (const t of teams) for (let i = 0; i < 10; i++) await evaluateAlerts(t.team.teamId, [{ projectId: t.team.projectId, month: addMonths(current, -i) }]);
  for (let i = 0; i < PER_WRITE_RUNS; i++) {
    for (const t of teams) {
      const started = performance.now();
      await evaluateAlerts(t.team.teamId, [{ projectId: t.team.projectId, month: addMonths(current, -(i % 12)) }]);
      t.perWrite.push(ms(started));
    }
  }
  for (let i = 0; i < 10; i++) {
    // Alternating figures, so every call really writes and its evaluation really changes the alerts' figures.
    const figures = usageFiguresSchema.parse({ inputTokens: 10_000_000 + (i % 2) * 4_000_000, outputTokens: 10_000_000 });
    for (const t of teams) {
      const ctx = { userId: "", teamId: t.team.teamId, role: "MEMBER" as const };
      const started = performance.now();
      await putModelUsage(ctx, t.team.modelId, addMonths(current, -1), figures, { source: "API" });
      t.writes.push(ms(started));
    }
  }
  console.log("done");

  const results = await Promise.all(
    teams.map(async (t) => {
      const alerts = await db.alert.groupBy({ by: ["kind"], where: { teamId: t.team.teamId, status: { not: "RESOLVED" } }, _count: true });
      return {
        models: t.models,
        projects: t.models / MODELS_PER_PROJECT,
        months: MONTHS,
        usageRecords: t.models * MONTHS,
        perWriteEvaluationMs: { median: round(median(t.perWrite)), p95: round(p95(t.perWrite)), runs: t.perWrite.length },
        putModelUsageMs: { median: round(median(t.writes)), p95: round(p95(t.writes)), runs: t.writes.length },
        fullReEvaluationMs: { firstRun: round(t.fullFirstMs), steadyState: round(t.fullSteadyMs) },
        firstRun: t.firstRun,
        steadyRun: t.steadyRun,
        liveAlertsByKind: Object.fromEntries(alerts.map((a) => [a.kind, a._count])),
      };
    }),
  );

  const at = (n: number) => results.find((r) => r.models === n)!;
  const ratio = Math.round((at(200).perWriteEvaluationMs.median / at(20).perWriteEvaluationMs.median) * 100) / 100;
  console.log("\nmodels  per-write evaluation (median / p95)  putModelUsage (median)  full re-evaluation (first / steady)");
  for (const r of results) {
    console.log(
      `${String(r.models).padStart(6)}  ${`${r.perWriteEvaluationMs.median} / ${r.perWriteEvaluationMs.p95} ms`.padStart(35)}  ${`${r.putModelUsageMs.median} ms`.padStart(22)}  ${`${r.fullReEvaluationMs.firstRun} / ${r.fullReEvaluationMs.steadyState} ms`.padStart(35)}`,
    );
  }
  console.log(`\nPer-write evaluation at 200 models ÷ at 20 models: ${ratio} (projects of ${MODELS_PER_PROJECT} models; 1 means no growth).`);

  mkdirSync(join(ROOT, "bench", "out"), { recursive: true });
  writeFileSync(
    join(ROOT, "bench", "out", "alerts.json"),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: machine(),
        modelsPerProject: MODELS_PER_PROJECT,
        perWriteRatio200to20: ratio,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log("Wrote bench/out/alerts.json");
  const { releaseDb } = await import("@/lib/db/client");
  await releaseDb();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
