import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueAlertNotifications, type NotifiedAlert } from "@/lib/alerts/notify";
import { db } from "@/lib/db/client";
import { sendDueEmails } from "@/lib/email/send";
import { createProject } from "@/lib/projects/mutations";
import { deliverDue } from "@/lib/webhooks/deliver";
import { postToTarget } from "@/lib/webhooks/http";
import { createWebhook, deleteWebhook, sendTestWebhook, setWebhookActive } from "@/lib/webhooks/mutations";
import { listDeliveries, listWebhooks } from "@/lib/webhooks/queries";
import { createTeamWithOwner, uniqueEmail } from "../support/factories";

// ---- a local receiver: one path per test, each answering with the statuses the test scripts -------------------------

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const routes = new Map<string, { statuses: number[]; got: Received[]; delayMs: number }>();
let receiver: Server;
let base: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const route = routes.get(req.url ?? "");
      if (!route) return void res.writeHead(404).end();
      route.got.push({ headers: req.headers, body });
      const status = route.statuses[Math.min(route.got.length, route.statuses.length) - 1] ?? 200;
      setTimeout(() => res.writeHead(status).end(status === 200 ? "ok" : "receiver exploded"), route.delayMs);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

beforeEach(() => {
  process.env.TUNECOST_WEBHOOK_ALLOW_HOSTS = "127.0.0.1";
  delete process.env.SMTP_URL;
});

/** A receiver path answering `statuses` in turn (then the last one). */
function route(statuses: number[] = [200], delayMs = 0) {
  const path = `/hook/${randomUUID()}`;
  const entry = { statuses, got: [] as Received[], delayMs };
  routes.set(path, entry);
  return { url: `${base}${path}`, got: entry.got };
}

/** What a receiver does: recompute the Standard Webhooks signature with node:crypto and check the timestamp. */
function verify(secret: string, { headers, body }: Received): boolean {
  const id = String(headers["webhook-id"]);
  const timestamp = Number(headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  const fresh = Math.abs(Date.now() / 1000 - timestamp) < 300;
  return fresh && String(headers["webhook-signature"]).split(" ").includes(expected);
}

// ---- fixtures --------------------------------------------------------------------------------------------------------

async function team(projectName = "Support bot") {
  const owner = await createTeamWithOwner();
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await createProject(ctx, { name: projectName });
  return { ctx, owner, project };
}

function alertOf(teamId: string, projectId: string, overrides: Partial<NotifiedAlert> = {}): NotifiedAlert {
  return {
    id: randomUUID(),
    teamId,
    projectId,
    modelId: null,
    month: new Date("2026-11-01T00:00:00Z"),
    kind: "DEVIATION",
    threshold: "20",
    status: "OPEN",
    message: "Actual spend is 23.5% above the projection.",
    actualUsd: "1234.5",
    projectedUsd: "1000",
    budgetUsd: "1500",
    deviationPct: "23.45",
    ...overrides,
  };
}

const notify = (alert: NotifiedAlert, event: "opened" | "resolved" = "opened") =>
  db.$transaction((tx) => enqueueAlertNotifications(tx, alert, event));

const deliveryRows = (webhookId: string) => db.webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });

/** Fakes the passing of time: every pending delivery of the webhook is due now. */
const makeDue = (webhookId: string) => db.webhookDelivery.updateMany({ where: { webhookId, status: "PENDING" }, data: { nextAttemptAt: new Date() } });

// ---- tests -----------------------------------------------------------------------------------------------------------

describe("webhook delivery", () => {
  it("an alert reaches a local receiver, signed per Standard Webhooks, with exact figures", async () => {
    const { ctx, project } = await team();
    const target = route();
    const { webhook, secret } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    const alert = alertOf(ctx.teamId, project.id);
    await notify(alert);

    const outcomes = await deliverDue(10, { teamId: ctx.teamId });
    expect(outcomes).toMatchObject([{ status: "SUCCEEDED", statusCode: 200, error: null }]);
    expect(target.got).toHaveLength(1);
    const request = target.got[0]!;
    expect(verify(secret, request)).toBe(true);
    expect(verify(secret, { ...request, body: request.body.replace("1234.5", "1234.6") })).toBe(false);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toBe(`msg_${alert.id}_opened_0`);
    expect(JSON.parse(request.body)).toMatchObject({
      type: "alert.opened",
      data: {
        alert: { id: alert.id, kind: "DEVIATION", month: "2026-11", actualUsd: "1234.5", projectedUsd: "1000", budgetUsd: "1500", deviationPct: "23.45" },
        project: { id: project.id, name: "Support bot" },
        url: expect.stringMatching(new RegExp(`/alerts/${alert.id}$`)),
      },
    });
    expect(await deliveryRows(webhook.id)).toMatchObject([{ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200, lastError: null }]);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toEqual([]); // nothing left to send
  });

  it("a Slack webhook gets a sentence with the amounts, the project name escaped", async () => {
    const { ctx, project } = await team("<!channel> & co");
    const target = route();
    await createWebhook(ctx, { url: target.url, format: "SLACK" });
    await notify(alertOf(ctx.teamId, project.id));
    await deliverDue(10, { teamId: ctx.teamId });
    const { text } = JSON.parse(target.got[0]!.body) as { text: string };
    expect(text).toContain("*&lt;!channel&gt; &amp; co*, November 2026");
    expect(text).toContain("Actual $1,234.50, projected $1,000.00, budget $1,500.00, deviation +23.5%");
    expect(text).not.toContain("<!channel>");
  });

  it("queues an occurrence once per webhook; the next occurrence of the event gets its own message", async () => {
    const { ctx, project } = await team();
    const target = route();
    const { webhook } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    const paused = await createWebhook(ctx, { url: `${target.url}/paused`, format: "JSON" });
    await setWebhookActive(ctx, paused.webhook.id, false);
    const stored = await db.alert.create({
      data: { teamId: ctx.teamId, projectId: project.id, subjectKey: `project:${project.id}`, month: new Date("2026-11-01"), kind: "DEVIATION", threshold: "20", message: "Above plan" },
    });
    const alert = alertOf(ctx.teamId, project.id, { id: stored.id });

    await notify(alert, "resolved");
    await notify(alert, "resolved"); // a retried transaction, a second evaluation of the same state
    expect((await deliveryRows(webhook.id)).map((d) => d.messageId)).toEqual([`msg_${alert.id}_resolved_0`]);

    await db.alertEvent.create({ data: { alertId: stored.id, type: "resolved" } });
    await notify(alert, "resolved");
    expect((await deliveryRows(webhook.id)).map((d) => d.messageId)).toEqual([`msg_${alert.id}_resolved_0`, `msg_${alert.id}_resolved_1`]);
    expect(await deliveryRows(paused.webhook.id)).toEqual([]); // a paused webhook gets nothing queued
  });

  it("retries after the receiver fails twice, with the same id and a fresh signature, then succeeds", async () => {
    const { ctx, project } = await team();
    const target = route([500, 500, 200]);
    const { webhook, secret } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    await notify(alertOf(ctx.teamId, project.id));

    const before = Date.now();
    expect(await deliverDue(10, { teamId: ctx.teamId })).toMatchObject([{ status: "PENDING", statusCode: 500, error: "HTTP 500: receiver exploded" }]);
    let [row] = await deliveryRows(webhook.id);
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
    // 30 s ± 20 % from now: not due yet, so an immediate second run sends nothing.
    expect(row!.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(23_000);
    expect(row!.nextAttemptAt.getTime() - before).toBeLessThanOrEqual(37_000);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toEqual([]);

    await makeDue(webhook.id);
    const second = Date.now();
    expect(await deliverDue(10, { teamId: ctx.teamId })).toMatchObject([{ status: "PENDING", statusCode: 500 }]);
    [row] = await deliveryRows(webhook.id);
    expect(row).toMatchObject({ attempts: 2 });
    expect(row!.nextAttemptAt.getTime() - second).toBeGreaterThanOrEqual(47_000); // 60 s ± 20 %

    await makeDue(webhook.id);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toMatchObject([{ status: "SUCCEEDED", statusCode: 200 }]);
    expect(await deliveryRows(webhook.id)).toMatchObject([{ status: "SUCCEEDED", attempts: 3, lastStatusCode: 200, lastError: null }]);

    expect(target.got).toHaveLength(3);
    expect(new Set(target.got.map((g) => g.headers["webhook-id"])).size).toBe(1);
    expect(target.got.every((g) => verify(secret, g))).toBe(true);
  });

  it("gives up after 8 attempts", async () => {
    const { ctx, project } = await team();
    const target = route([503]);
    const { webhook } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    await notify(alertOf(ctx.teamId, project.id));
    for (let i = 1; i <= 8; i++) {
      const [outcome] = await deliverDue(10, { teamId: ctx.teamId });
      expect(outcome?.status).toBe(i < 8 ? "PENDING" : "FAILED");
      await makeDue(webhook.id);
    }
    expect(await deliveryRows(webhook.id)).toMatchObject([{ status: "FAILED", attempts: 8, lastStatusCode: 503 }]);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toEqual([]);
    expect(target.got).toHaveLength(8);
  });

  it("two workers running at once deliver each row exactly once", async () => {
    const { ctx, project } = await team();
    const target = route([200], 50);
    await createWebhook(ctx, { url: target.url, format: "JSON" });
    for (let i = 0; i < 6; i++) await notify(alertOf(ctx.teamId, project.id));

    const [a, b] = await Promise.all([deliverDue(10, { teamId: ctx.teamId }), deliverDue(10, { teamId: ctx.teamId })]);
    expect(a.length + b.length).toBe(6);
    expect(target.got).toHaveLength(6);
    expect(new Set(target.got.map((g) => g.headers["webhook-id"])).size).toBe(6);
  });

  it("Send test delivers at once and reports the result; a failed test is not retried", async () => {
    const { ctx } = await team();
    const ok = route();
    const good = await createWebhook(ctx, { url: ok.url, format: "JSON" });
    expect(await sendTestWebhook(ctx, good.webhook.id)).toMatchObject({ status: "SUCCEEDED", statusCode: 200 });
    expect(verify(good.secret, ok.got[0]!)).toBe(true);
    expect(JSON.parse(ok.got[0]!.body)).toMatchObject({ type: "webhook.test" });

    const broken = route([500]);
    const bad = await createWebhook(ctx, { url: broken.url, format: "SLACK" });
    expect(await sendTestWebhook(ctx, bad.webhook.id)).toMatchObject({ status: "FAILED", statusCode: 500, error: "HTTP 500: receiver exploded" });
    expect(JSON.parse(broken.got[0]!.body)).toEqual({ text: expect.stringContaining("tunecost test") });
    await makeDue(bad.webhook.id);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toEqual([]);

    const log = await listDeliveries(ctx);
    expect(log.map((d) => [d.eventType, d.status, d.attempts, d.lastStatusCode]).sort()).toEqual([
      ["webhook.test", "FAILED", 1, 500],
      ["webhook.test", "SUCCEEDED", 1, 200],
    ]);
  });

  it("pausing a webhook gives up its pending deliveries", async () => {
    const { ctx, project } = await team();
    const target = route([500]);
    const { webhook } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    await notify(alertOf(ctx.teamId, project.id));
    await deliverDue(10, { teamId: ctx.teamId });
    await setWebhookActive(ctx, webhook.id, false);
    await makeDue(webhook.id);
    expect(await deliverDue(10, { teamId: ctx.teamId })).toEqual([]);
    expect(await deliveryRows(webhook.id)).toMatchObject([{ status: "FAILED", lastError: "Webhook paused before delivery" }]);
  });
});

describe("SSRF guard", () => {
  it.each([
    ["https://127.0.0.1/hook", "127.0.0.1 is a loopback address"],
    ["https://10.0.0.1/hook", "10.0.0.1 is a private address"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["http://example.com/hook", "Use an https:// URL"],
    ["https://localhost/hook", /^localhost resolves to a loopback address (::1|127\.0\.0\.1)$/],
  ])("refuses %s without an allowlist: %s", async (url, message) => {
    delete process.env.TUNECOST_WEBHOOK_ALLOW_HOSTS;
    const { ctx } = await team();
    const created = createWebhook(ctx, { url, format: "JSON" });
    await expect(created).rejects.toMatchObject({ code: "validation_failed", fields: { url: [typeof message === "string" ? message : expect.stringMatching(message)] } });
    expect(await listWebhooks(ctx)).toEqual([]);
  });

  it("checks again at delivery time: a target no longer allowed receives nothing", async () => {
    const { ctx, project } = await team();
    const target = route();
    const { webhook } = await createWebhook(ctx, { url: target.url, format: "JSON" });
    await notify(alertOf(ctx.teamId, project.id));
    delete process.env.TUNECOST_WEBHOOK_ALLOW_HOSTS;
    expect(await deliverDue(10, { teamId: ctx.teamId })).toMatchObject([{ status: "PENDING", statusCode: null, error: "Use an https:// URL" }]);
    expect(target.got).toEqual([]);
    expect(await deliveryRows(webhook.id)).toMatchObject([{ lastError: "Use an https:// URL", lastStatusCode: null }]);
  });
});

describe("connecting", () => {
  it("connects to the vetted addresses and never resolves the name again (DNS rebinding)", async () => {
    const target = route();
    const { port, pathname } = new URL(target.url);
    // ".invalid" never resolves: reaching the receiver proves the request used the vetted addresses. The first
    // one refuses, so this also shows every vetted address is tried (as Node does for a name with several).
    const vetted = { url: new URL(`http://rebind.invalid:${port}${pathname}`), addresses: [{ address: "::1", family: 6 as const }, { address: "127.0.0.1", family: 4 as const }] };
    expect(await postToTarget(vetted, { "webhook-id": "msg_x" }, "{}")).toEqual({ statusCode: 200, error: null });
    expect(target.got[0]!.headers.host).toBe(`rebind.invalid:${port}`);
  });
});

describe("tenancy", () => {
  it("another team's webhook is answered as missing and left untouched", async () => {
    const a = await team();
    const b = await team();
    const target = route();
    const { webhook } = await createWebhook(a.ctx, { url: target.url, format: "JSON" });
    await sendTestWebhook(a.ctx, webhook.id);

    await expect(setWebhookActive(b.ctx, webhook.id, false)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(deleteWebhook(b.ctx, webhook.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(sendTestWebhook(b.ctx, webhook.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect(await listWebhooks(b.ctx)).toEqual([]);
    expect(await listDeliveries(b.ctx)).toEqual([]);
    expect(await listWebhooks(a.ctx)).toMatchObject([{ id: webhook.id, active: true }]);
    expect(target.got).toHaveLength(1); // only A's own test
    // B's alert events never reach A's webhook.
    await notify(alertOf(b.ctx.teamId, b.project.id));
    expect(await deliveryRows(webhook.id)).toHaveLength(1);
  });

  it("the same URL twice in one team is a conflict; lists never carry the secret", async () => {
    const { ctx } = await team();
    const target = route();
    await createWebhook(ctx, { url: target.url, format: "JSON" });
    await expect(createWebhook(ctx, { url: target.url, format: "SLACK" })).rejects.toMatchObject({ code: "conflict" });
    const [listed] = await listWebhooks(ctx);
    expect(Object.keys(listed!).sort()).toEqual(["active", "createdAt", "description", "format", "id", "url"]);
  });
});

// ---- e-mail ------------------------------------------------------------------------------------------------------

/** A minimal SMTP server: accepts every message and keeps its recipients and data. */
async function fakeSmtp() {
  const messages: { to: string[]; data: string }[] = [];
  const server = createTcpServer((socket) => {
    let buffer = "";
    let to: string[] = [];
    let inData = false;
    socket.setEncoding("utf8");
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          messages.push({ to, data: buffer.slice(0, end) });
          buffer = buffer.slice(end + 5);
          inData = false;
          to = [];
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake\r\n");
        else if (verb === "RCPT") {
          to.push(/<(.*)>/.exec(line)?.[1] ?? "");
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`, messages, close: () => new Promise((r) => server.close(r)) };
}

describe("e-mail", () => {
  it("with SMTP_URL, an alert is e-mailed to the team's owners and admins only", async () => {
    const smtp = await fakeSmtp();
    try {
      process.env.SMTP_URL = smtp.url;
      const { ctx, owner, project } = await team();
      const member = async (role: "ADMIN" | "MEMBER" | "VIEWER") => {
        const user = await db.user.create({ data: { email: uniqueEmail(role.toLowerCase()), name: role, passwordHash: "x" } });
        await db.membership.create({ data: { userId: user.id, teamId: ctx.teamId, role } });
        return user.email;
      };
      const admin = await member("ADMIN");
      await member("MEMBER");
      await member("VIEWER");

      const alert = alertOf(ctx.teamId, project.id);
      await notify(alert);
      await notify(alert); // queued once
      const outcomes = await sendDueEmails(10, { teamId: ctx.teamId });
      expect(outcomes.map((o) => o.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
      expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([admin, owner.email].sort());
      const mail = smtp.messages[0]!.data.replace(/=\r\n/g, ""); // undo quoted-printable's soft line breaks
      expect(mail).toContain("Subject: [tunecost] Alert opened: Support bot, November 2026");
      expect(mail).toContain("Actual $1,234.50, projected $1,000.00, budget $1,500.00, deviation +23.5%.");
      expect(mail).toMatch(new RegExp(`Open the alert: https?://\\S+/alerts/${alert.id}`));
      expect(await sendDueEmails(10, { teamId: ctx.teamId })).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("without SMTP_URL, nothing is queued for e-mail", async () => {
    const { ctx, project } = await team();
    await notify(alertOf(ctx.teamId, project.id));
    expect(await db.emailOutbox.count({ where: { teamId: ctx.teamId } })).toBe(0);
  });

  it("a refused SMTP connection is retried later", async () => {
    const smtp = await fakeSmtp();
    await smtp.close(); // nothing listens on its port any more
    process.env.SMTP_URL = smtp.url;
    const { ctx, project } = await team();
    await notify(alertOf(ctx.teamId, project.id));
    const [outcome] = await sendDueEmails(10, { teamId: ctx.teamId });
    expect(outcome).toMatchObject({ status: "PENDING", error: expect.stringMatching(/ECONNREFUSED/) });
    expect(await db.emailOutbox.findFirst({ where: { teamId: ctx.teamId } })).toMatchObject({ attempts: 1, status: "PENDING" });
  });
});
