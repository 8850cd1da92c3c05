/**
 * `npm run bench:dashboard` (after `npm run build`): the dashboards under load (issue #7).
 *
 * Starts the production server on a fresh embedded PostgreSQL, fills it with `tunecost demo generate` — one team of
 * 50 projects × 200 models × 36 months (the one measured) and 1,000 other teams of 3 models × 36 months around it —
 * logs in through next-auth's credentials endpoint like the login form, and then, with 10 concurrent connections
 * (autocannon), requests for a fixed time each: the trivial health endpoint (the reference, measured in the same run),
 * the team dashboard, a project page (200 models) and a model page. Prints p50/p95/p99 and requests/s for each, and
 * each page's p95 against the health endpoint's; writes bench/out/dashboard.json. Every response must be a 200 of
 * the page asked for (a login redirect would be fast and wrong): the run fails otherwise.
 * Load comes in rounds (each page in turn, 3 times) so noise from elsewhere on a shared machine spreads over all pages.
 * A benchmark, not a test: nothing fails on a slow machine. Options: --seconds N (per page in all, default 24), --rounds N,
 * --projects/--models/--months/--other-teams to change the data.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { machine, quantile, runBench, requireProductionBuild, startBenchServer, writeBenchResult, type BenchServer } from "./support";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "24" },
    rounds: { type: "string", default: "3" },
    projects: { type: "string", default: "50" },
    models: { type: "string", default: "200" },
    months: { type: "string", default: "36" },
    "other-teams": { type: "string", default: "1000" },
    connections: { type: "string", default: "10" },
  },
});
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const CONNECTIONS = Number(args.connections);
const TARGET_P95_MS = 250;
const DEADLINE_MS = 30 * 60_000;

requireProductionBuild("bench:dashboard");
let server: BenchServer | undefined;

/** Logs in as the login form does (CSRF token, then the credentials callback); returns the Cookie header to send. */
async function logIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/`, json: "true" }),
  });
  keep(res);
  if (!jar.has("next-auth.session-token")) throw new Error(`Log in failed: ${res.status} ${await res.text()}`);
  return header();
}

interface PageResult {
  name: string;
  path: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  kbPerResponse: number;
  /** p95 of each round on its own: how much the machine's noise moved it. */
  roundP95Ms: number[];
}

interface Page {
  name: string;
  path: string;
  cookie: string;
  mustContain: string;
  latencies: number[];
  bytes: number;
  seconds: number;
  roundP95Ms: number[];
}

/** The page asked for, not a redirect to the login or an error page; then a few warm-up renders. */
async function check(base: string, page: Page): Promise<void> {
  const res = await fetch(`${base}${page.path}`, { headers: { cookie: page.cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(page.mustContain)) {
    throw new Error(`${page.name} (${page.path}) answered ${res.status} without "${page.mustContain}": ${body.slice(0, 300)}`);
  }
  // The first renders compile route code paths and fill PostgreSQL's buffers: not what a user of a running app sees.
  for (let i = 0; i < 5; i++) await fetch(`${base}${page.path}`, { headers: { cookie: page.cookie } }).then((r) => r.arrayBuffer());
}

/** `connections` clients requesting the page for `seconds`; every latency is kept, so p95 is exact. */
async function load(base: string, page: Page, seconds: number): Promise<void> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}${page.path}`, connections: CONNECTIONS, duration: seconds, headers: { cookie: page.cookie }, timeout: 30 },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, resBytes, responseTime) => {
      latencies.push(responseTime);
      page.bytes += resBytes;
    });
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${page.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${latencies.length} responses`);
  }
  page.latencies.push(...latencies);
  page.seconds += result.duration;
  page.roundP95Ms.push(Math.round(quantile(latencies, 0.95) * 10) / 10);
}

function summarise(page: Page): PageResult {
  const round = (x: number) => Math.round(x * 10) / 10;
  const xs = page.latencies;
  return {
    name: page.name,
    path: page.path,
    requests: xs.length,
    requestsPerSecond: round(xs.length / page.seconds),
    p50Ms: round(quantile(xs, 0.5)),
    p95Ms: round(quantile(xs, 0.95)),
    p99Ms: round(quantile(xs, 0.99)),
    maxMs: round(Math.max(...xs)),
    kbPerResponse: round(page.bytes / xs.length / 1024),
    roundP95Ms: page.roundP95Ms,
  };
}

await runBench(DEADLINE_MS, async (own) => {
  server = own(await startBenchServer("dashboard", { DATABASE_POOL_SIZE: "10" }));
  const sizes = { projects: args.projects, models: args.models, months: args.months };
  const started = Date.now();
  console.log(`Generating ${args["other-teams"]} other teams (1 project × 3 models × ${args.months} months each)…`);
  await server.cli(["demo", "generate", "--teams", args["other-teams"], "--projects", "1", "--models", "3", "--months", args.months, "--prefix", "other", "--seed", "2"]);
  console.log(`Generating the measured team (${sizes.projects} projects × ${sizes.models} models × ${sizes.months} months)…`);
  await server.cli(["demo", "generate", "--teams", "1", "--projects", sizes.projects, "--models", sizes.models, "--months", sizes.months, "--prefix", "big", "--seed", "1"]);
  await server.cli(["user", "create", "--email", "big@tunecost.local", "--password", server.bootstrap.password, "--team", "big-001", "--role", "VIEWER"]);
  const generatedSeconds = (Date.now() - started) / 1000;

  const client = new pg.Client({ connectionString: await server.databaseUrl() });
  await client.connect();
  await client.query("VACUUM ANALYZE"); // what autovacuum does to freshly loaded tables, before anyone looks at them
  const counts = (
    await client.query<{ teams: string; models: string; usage: string; team_usage: string }>(`
      SELECT (SELECT count(*) FROM "Team") AS teams, (SELECT count(*) FROM "FineTunedModel") AS models,
             (SELECT count(*) FROM "UsageRecord") AS usage,
             (SELECT count(*) FROM "UsageRecord" u JOIN "Team" t ON t.id = u."teamId" WHERE t.slug = 'big-001') AS team_usage`)
  ).rows[0]!;
  // The busiest project, and its most expensive model with prompt lengths (so the savings panel renders too).
  const pick = (
    await client.query<{ project_id: string; model_id: string }>(`
      SELECT m."projectId" AS project_id, m.id AS model_id
      FROM "FineTunedModel" m JOIN "Team" t ON t.id = m."teamId" JOIN "UsageRecord" u ON u."modelId" = m.id
      WHERE t.slug = 'big-001' AND m."promptTokensBase" IS NOT NULL
      GROUP BY m.id ORDER BY sum(u."costUsd") DESC LIMIT 1`)
  ).rows[0]!;
  await client.end();
  console.log(
    `Data: ${counts.teams} teams, ${Number(counts.models).toLocaleString("en-US")} models, ${Number(counts.usage).toLocaleString("en-US")} usage records ` +
      `(${Number(counts.team_usage).toLocaleString("en-US")} in the measured team), generated in ${generatedSeconds.toFixed(0)} s.`,
  );

  const cookie = await logIn(server.base, "big@tunecost.local", server.bootstrap.password);
  const page = (name: string, path: string, mustContain: string, withCookie = true): Page => ({
    name, path, cookie: withCookie ? cookie : "", mustContain, latencies: [], bytes: 0, seconds: 0, roundP95Ms: [],
  });
  const measured = [
    page("health (reference)", "/api/health", '"ok":true', false),
    page("team dashboard", "/", "Dashboard"),
    page("project page", `/projects/${pick.project_id}`, "Models"),
    page("model page", `/models/${pick.model_id}`, "Usage"),
  ];
  for (const p of measured) await check(server.base, p);
  // Rounds, each page in turn: a burst of load from elsewhere on a shared machine then spreads over every page instead
  // of landing on one, and the rounds' own p95s show how much it moved.
  const perRound = SECONDS / ROUNDS;
  console.log(`Logged in. ${CONNECTIONS} connections, ${ROUNDS} rounds of ${perRound} s per page…`);
  for (let r = 0; r < ROUNDS; r++) for (const p of measured) await load(server.base, p, perRound);
  const pages = measured.map(summarise);

  const health = pages[0]!;
  const header = `${"page".padEnd(22)}${"requests".padStart(9)}${"req/s".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"KB".padStart(7)}${"p95 ÷ health".padStart(14)}  p95 by round`;
  const rows = pages.map(
    (p) =>
      `${p.name.padEnd(22)}${String(p.requests).padStart(9)}${p.requestsPerSecond.toFixed(1).padStart(8)}${p.p50Ms.toFixed(1).padStart(9)}${p.p95Ms.toFixed(1).padStart(9)}` +
      `${p.p99Ms.toFixed(1).padStart(9)}${p.kbPerResponse.toFixed(0).padStart(7)}${(p.p95Ms / health.p95Ms).toFixed(1).padStart(13)}×  ${p.roundP95Ms.join(" / ")}`,
  );
  const dashboard = pages[1]!;
  console.log(["", header, ...rows, "", `Team dashboard p95 ${dashboard.p95Ms} ms (target < ${TARGET_P95_MS} ms: ${dashboard.p95Ms < TARGET_P95_MS ? "met" : "missed"}).`].join("\n"));

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    connections: CONNECTIONS,
    secondsPerPage: SECONDS,
    rounds: ROUNDS,
    data: {
      teams: Number(counts.teams),
      models: Number(counts.models),
      usageRecords: Number(counts.usage),
      measuredTeam: { ...Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Number(v)])), usageRecords: Number(counts.team_usage) },
      generatedSeconds: Math.round(generatedSeconds),
    },
    pages,
    ratio: Object.fromEntries(pages.slice(1).map((p) => [p.name, Math.round((p.p95Ms / health.p95Ms) * 10) / 10])),
    target: { dashboardP95Ms: TARGET_P95_MS, met: dashboard.p95Ms < TARGET_P95_MS },
  };
  writeBenchResult("dashboard", result);
});
