import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test, type TestInfo } from "@playwright/test";
import Decimal from "decimal.js";
import pg from "pg";

// Issue #9: several app instances on one database. Two extra production servers (`tunecost serve`, the same build the
// suite serves) start at the same moment on a fresh database of the e2e PostgreSQL server, so they race for the
// migrations, the catalog seed and the pg-boss set-up. The test then checks, through both, what must not depend on which
// instance answers: sessions, data, alerts, webhook deliveries and the daily job.

test.describe.configure({ timeout: 180_000 });

const root = process.cwd();
const PG_PORT = Number(process.env.TUNECOST_E2E_PG_PORT ?? 54349);
const FT_MINI = "ft:gpt-4o-mini-2024-07-18:acme:multi";
/**
 * The receiver answers each webhook after this long: longer than the 5-second delivery loop, so while one instance is
 * sending, the other instance's loop runs at least once. Only the claim (SKIP LOCKED and the lease) keeps it from
 * sending the same delivery again.
 */
const RECEIVER_DELAY_MS = 6_000;
/** Failed log-ins allowed per e-mail address (TUNECOST_LOGIN_MAX_FAILURES_PER_EMAIL) before 429. */
const MAX_FAILURES = 4;

const execFileAsync = promisify(execFile);

/** The month before the current one (UTC): complete, so its recorded cost is compared with the budget as it is. */
function previousMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function databaseUrl(database: string): string {
  const password = readFileSync(join(root, ".data", "e2e", "postgres.password"), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/${database}`;
}

/** One statement on the e2e server's own database (CREATE / DROP DATABASE cannot run inside the new one). */
async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl("tunecost") });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A `tunecost serve` process of the production build, with its output kept for the report. */
class Instance {
  readonly url: string;
  output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [join(root, "bin", "tunecost.mjs"), "serve", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.on("data", (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on("data", (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((r) => this.child.once("exit", (code) => r(code)));
  }

  /** Resolves once the server printed its ready line, which comes after the HTTP server, pg-boss and the outbox loops started. */
  async ready(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes("tunecost is ready on")) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode} while starting:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} not ready after ${timeoutMs / 1000} s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM to the server process itself (not a wrapper), then waits for it to exit; SIGKILL only as a last resort. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill("SIGTERM");
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 40_000).unref());
    const result = await Promise.race([this.exited, timeout]);
    if (result !== "timeout") return result;
    this.child.kill("SIGKILL");
    await this.exited;
    throw new Error(`${this.name} did not stop within 40 s of SIGTERM:\n${this.output}`);
  }

  /** Lines of its output that contain `text`. */
  lines(text: string): string[] {
    return this.output.split("\n").filter((l) => l.includes(text));
  }
}

/** A JSON request to /api/v1 with the API key; the answer's status, ETag and body. */
async function api(instance: Instance, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${instance.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: res.status, etag: res.headers.get("etag"), json };
}

/** next-auth's CSRF token and the cookie that goes with it, from one instance. */
async function csrfFrom(instance: Instance): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${instance.url}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

/** A log-in as the login form posts it; the cookies it sets (name=value) and its status. */
async function postLogin(instance: Instance, csrf: { token: string; cookie: string }, email: string, password: string) {
  const res = await fetch(`${instance.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
    body: new URLSearchParams({ csrfToken: csrf.token, email, password, json: "true" }),
  });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), cookies: res.headers.getSetCookie().map((c) => c.split(";")[0]!) };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that records every request on arrival and answers 200 after RECEIVER_DELAY_MS. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      setTimeout(() => res.writeHead(200).end("ok"), RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/multi-instance-hook`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function attachOutputs(testInfo: TestInfo, instances: Instance[]): Promise<void> {
  for (const i of instances) await testInfo.attach(`${i.name}.log`, { body: i.output, contentType: "text/plain" });
}

test("two instances on one database: shared sessions, limits and data; one alert, one delivery per event, one daily job", async ({ page }, testInfo) => {
  const suffix = randomBytes(4).toString("hex");
  const database = `multi_${suffix}`;
  const email = `owner-${suffix}@example.test`;
  const password = `several-instances-${suffix}`;
  const team = `multi-${suffix}`;
  const month = previousMonth();

  await admin(`CREATE DATABASE ${database}`);
  const dbUrl = databaseUrl(database);
  const sql = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const receiver = await startReceiver();
  const instances: Instance[] = [];

  try {
    // Both start at once with identical settings, as a deployment would start them.
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: dbUrl,
      // Shared by every instance: a session signed by one is accepted by the others.
      NEXTAUTH_SECRET: `multi-instance-secret-${suffix}`,
      // The one public address (a load balancer's in production); here instance A's.
      NEXTAUTH_URL: `http://127.0.0.1:${portA}`,
      TUNECOST_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
      TUNECOST_BOOTSTRAP_EMAIL: email,
      TUNECOST_BOOTSTRAP_PASSWORD: password,
      TUNECOST_BOOTSTRAP_TEAM: team,
      TUNECOST_LOGIN_MAX_FAILURES_PER_EMAIL: String(MAX_FAILURES),
      TUNECOST_LOGIN_MAX_FAILURES_PER_IP: "1000",
      DATABASE_POOL_SIZE: "4",
    };
    const started = Date.now();
    const a = new Instance("instance-a", portA, env);
    const b = new Instance("instance-b", portB, env);
    instances.push(a, b);
    await test.step("both instances come up on a fresh database, started at the same moment", async () => {
      await Promise.all([a.ready(), b.ready()]);
      // Exactly one of them applied the migrations (the other waited for the lock and found nothing to do).
      expect([...a.lines("Applied migrations:"), ...b.lines("Applied migrations:")]).toHaveLength(1);
      testInfo.annotations.push({ type: "startup", description: `both ready after ${((Date.now() - started) / 1000).toFixed(1)} s` });
    });

    const { stdout } = await execFileAsync(
      process.execPath,
      [join(root, "bin", "tunecost.mjs"), "apikey", "create", "--team", team, "--name", "multi-instance", "--scope", "write"],
      { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl } },
    );
    const key = stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^tc_/);

    await test.step("a session made by one instance is accepted by the other (no sticky sessions)", async () => {
      await page.goto(`${b.url}/login`);
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      expect(new URL(page.url()).port).toBe(String(portB));
      // Cookies are per host, not per port: the browser sends B's session cookie to A.
      await page.goto(`${a.url}/settings/notifications`);
      await expect(page).toHaveURL(`${a.url}/settings/notifications`);
      await expect(page.getByText("No webhooks yet.")).toBeVisible();

      // Behind a load balancer the two requests of a log-in may reach different instances: A's CSRF token, B's log-in.
      const csrf = await csrfFrom(a);
      const login = await postLogin(b, csrf, email, password);
      const session = login.cookies.find((c) => c.startsWith("next-auth.session-token="));
      expect(session, `no session cookie from ${b.name} (HTTP ${login.status})`).toBeDefined();
      const me = await fetch(`${a.url}/api/v1/me`, { headers: { cookie: session! } });
      expect(me.status).toBe(200);
    });

    await test.step("failed log-ins count against one limit, whichever instance they reach", async () => {
      const csrf = await csrfFrom(a);
      const nobody = `nobody-${suffix}@example.test`;
      for (let i = 0; i < MAX_FAILURES; i++) {
        const attempt = await postLogin(i % 2 ? a : b, csrf, nobody, "not-the-password");
        expect(attempt.status, `attempt ${i + 1}`).not.toBe(429);
      }
      // Each instance saw only some of the failures; the limit is kept in PostgreSQL, so both refuse now.
      for (const instance of [a, b]) {
        const refused = await postLogin(instance, csrf, nobody, "not-the-password");
        expect(refused.status, instance.name).toBe(429);
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      }
    });

    let webhookSecret = "";
    await test.step("a webhook added through instance A", async () => {
      await page.getByLabel("URL", { exact: true }).fill(receiver.url);
      await page.getByRole("button", { name: "Add webhook" }).click();
      webhookSecret = (await page.getByTestId("new-webhook-secret").textContent())?.trim() ?? "";
      expect(webhookSecret).toMatch(/^whsec_/);
      // Instance B lists it too.
      await page.goto(`${b.url}/settings/notifications`);
      await expect(page.getByRole("row", { name: /multi-instance-hook/ })).toContainText("Active");
    });

    await test.step("(a) what one instance writes, the other reads", async () => {
      const project = await api(a, key, "POST", "/projects", { name: "Visibility" });
      expect(project.status).toBe(201);
      const projectId = project.json.id as string;
      expect((await api(b, key, "GET", `/projects/${projectId}`)).json).toMatchObject({ id: projectId, name: "Visibility" });

      const model = await api(b, key, "POST", "/models", { projectId, displayName: "Visible", providerModelId: `${FT_MINI}:vis` });
      expect(model.status).toBe(201);
      const modelId = model.json.id as string;
      expect((await api(a, key, "GET", `/models/${modelId}`)).json).toMatchObject({ id: modelId, displayName: "Visible" });

      const first = await api(a, key, "PUT", `/models/${modelId}/usage/${month}`, { inputTokens: 1000, outputTokens: 500 });
      expect(first.status).toBe(200);
      expect(first.etag).toBe('"1"');
      const records = async (instance: Instance) =>
        (await api(instance, key, "GET", `/models/${modelId}/usage?from=${month}&to=${month}`)).json.records as { inputTokens: string; version: number }[];
      expect(await records(b)).toMatchObject([{ inputTokens: "1000", version: 1 }]);

      // B updates the version it read; A, still holding version 1, is refused: the version lives in the database.
      const second = await api(b, key, "PUT", `/models/${modelId}/usage/${month}`, { inputTokens: 2000, outputTokens: 500 }, { "if-match": '"1"' });
      expect(second.status).toBe(200);
      expect(second.etag).toBe('"2"');
      expect(await records(a)).toMatchObject([{ inputTokens: "2000", version: 2 }]);
      const stale = await api(a, key, "PUT", `/models/${modelId}/usage/${month}`, { inputTokens: 3000, outputTokens: 500 }, { "if-match": '"1"' });
      expect(stale.status).toBe(409);
    });

    let budgetProjectId = "";
    await test.step("(b) concurrent writes through both instances that take a project over budget open each alert once", async () => {
      const project = await api(a, key, "POST", "/projects", { name: "Over budget", monthlyBudgetUsd: "1.00" });
      expect(project.status).toBe(201);
      budgetProjectId = project.json.id as string;
      const modelIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const created = await api(i % 2 ? b : a, key, "POST", "/models", {
          projectId: budgetProjectId,
          displayName: `Model ${i}`,
          providerModelId: `${FT_MINI}:m${i}`,
        });
        expect(created.status).toBe(201);
        modelIds.push(created.json.id as string);
      }
      // $0.90 each (1M input at $0.30, 500k output at $1.20 per 1M): one alone is 90% of the budget, two are over it.
      const writes = await Promise.all(
        modelIds.map((id, i) => api(i % 2 ? b : a, key, "PUT", `/models/${id}/usage/${month}`, { inputTokens: 1_000_000, outputTokens: 500_000 })),
      );
      expect(writes.map((w) => w.status)).toEqual(modelIds.map(() => 200));
      const totalUsd = writes.reduce((sum, w) => sum.plus(w.json.costUsd as string), new Decimal(0));
      expect(totalUsd.gt(2)).toBe(true);

      // Both instances report every write in the month's cost.
      for (const instance of [a, b]) {
        const costs = await api(instance, key, "GET", `/projects/${budgetProjectId}/costs?from=${month}&to=${month}`);
        const [m] = costs.json.months as { actualUsd: string }[];
        expect(new Decimal(m!.actualUsd).eq(totalUsd), `${instance.name}: ${m!.actualUsd} is not ${totalUsd.toString()}`).toBe(true);
      }

      const alerts = await sql.query<{ kind: string; threshold: string; status: string; n: number }>(
        `SELECT kind::text, threshold::text, status::text, count(*)::int AS n FROM "Alert" WHERE "projectId" = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2`,
        [budgetProjectId],
      );
      expect(alerts.rows.map((r) => ({ ...r, threshold: String(Number(r.threshold)) }))).toEqual([
        { kind: "BUDGET_ACTUAL", threshold: "100", status: "OPEN", n: 1 },
        { kind: "BUDGET_FORECAST", threshold: "100", status: "OPEN", n: 1 },
        { kind: "BUDGET_FORECAST", threshold: "80", status: "OPEN", n: 1 },
      ]);
      // Each was opened once and never resolved or reopened on the way (evaluations of a month run one at a time).
      const events = await sql.query<{ type: string; n: number }>(
        `SELECT e.type, count(*)::int AS n FROM "AlertEvent" e JOIN "Alert" a ON a.id = e."alertId" WHERE a."projectId" = $1 AND e.type <> 'updated' GROUP BY 1`,
        [budgetProjectId],
      );
      expect(events.rows).toEqual([{ type: "opened", n: 3 }]);

      // Both instances answer with the same three alerts, holding the figures of all six writes: whichever evaluation
      // ran last saw every write committed before it.
      const viaA = await api(a, key, "GET", `/alerts?status=open&projectId=${budgetProjectId}`);
      const viaB = await api(b, key, "GET", `/alerts?status=open&projectId=${budgetProjectId}`);
      type ApiAlert = { id: string; actualUsd: string; projectedUsd: string };
      const summary = (r: typeof viaA) =>
        (r.json.alerts as ApiAlert[]).map((x) => `${x.id} ${new Decimal(x.actualUsd).toString()} ${new Decimal(x.projectedUsd).toString()}`).sort();
      expect(summary(viaA)).toHaveLength(3);
      expect(summary(viaB)).toEqual(summary(viaA));
      for (const line of summary(viaA)) expect(line).toMatch(new RegExp(` ${totalUsd.toString()} ${totalUsd.toString()}$`));
    });

    await test.step("(c) each alert event reaches the webhook exactly once, though both instances run delivery loops", async () => {
      const alertIds = (await sql.query<{ id: string }>(`SELECT id::text FROM "Alert" WHERE "projectId" = $1 ORDER BY id`, [budgetProjectId])).rows.map((r) => r.id);
      const deliveries = async () =>
        (await sql.query<{ status: string; attempts: number }>(`SELECT status::text, attempts FROM "WebhookDelivery" WHERE "eventType" <> 'webhook.test'`)).rows;
      await expect.poll(async () => (await deliveries()).filter((d) => d.status === "PENDING").length, { timeout: 60_000, intervals: [500] }).toBe(0);
      // No wait needed: a delivery is SUCCEEDED only after the receiver answered it, and a second send of one would be a
      // second claim (attempts 2), which the last assertion of this step refuses.
      const alertEvents = receiver.received.filter((r) => r.body.includes('"alert.'));
      const bodies = alertEvents.map((r) => JSON.parse(r.body) as { type: string; data: { alert: { id: string } } });
      expect(bodies.map((bd) => `${bd.type} ${bd.data.alert.id}`).sort()).toEqual(alertIds.map((id) => `alert.opened ${id}`));
      expect(new Set(alertEvents.map((r) => r.headers["webhook-id"])).size).toBe(alertIds.length);
      expect(await deliveries()).toEqual(alertIds.map(() => ({ status: "SUCCEEDED", attempts: 1 })));
      // Whichever instance sent it, it is signed with the secret shown once.
      const keyBytes = Buffer.from(webhookSecret.slice("whsec_".length), "base64");
      for (const { headers, body } of alertEvents) {
        const signed = `${String(headers["webhook-id"])}.${String(headers["webhook-timestamp"])}.${body}`;
        expect(headers["webhook-signature"]).toBe(`v1,${createHmac("sha256", keyBytes).update(signed).digest("base64")}`);
      }
    });

    await test.step("(d) the daily alert evaluation both instances queued at start ran once", async () => {
      // Each instance queued today's run at start (catch-up); pg-boss keeps one job per singleton key and UTC day.
      const jobs = async () =>
        (await sql.query<{ state: string }>(`SELECT state::text FROM pgboss.job WHERE name = 'alerts-evaluate' ORDER BY created_on`)).rows.map((r) => r.state);
      await expect
        .poll(async () => (await jobs()).filter((s) => s === "created" || s === "retry" || s === "active"), { timeout: 60_000, intervals: [500] })
        .toEqual([]);
      expect(await jobs()).toEqual(["completed"]);
      expect([...a.lines("[tunecost] alert evaluation:"), ...b.lines("[tunecost] alert evaluation:")]).toHaveLength(1);
      // One schedule for the 00:15 UTC cron, though both instances registered it.
      const schedules = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'alerts-evaluate'`);
      expect(schedules.rows).toEqual([{ n: 1 }]);
    });

    await test.step("both stop cleanly on SIGTERM", async () => {
      const codes = await Promise.all(instances.map((i) => i.stop()));
      expect(codes).toEqual([0, 0]);
      for (const i of instances) expect(i.output).toContain("Stopped.");
    });
  } finally {
    await Promise.allSettled(instances.map((i) => i.stop()));
    await attachOutputs(testInfo, instances);
    await sql.end().catch(() => undefined);
    await receiver.close();
    // FORCE: also when an instance could not be stopped and still holds connections.
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});
