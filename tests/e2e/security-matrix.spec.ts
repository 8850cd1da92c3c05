/**
 * The security matrix of issue #8, generated from the app's pages, server actions and API routes
 * (tests/security/enumerate.ts) and the table of tests/security/matrix.ts. Real sessions (next-auth log-in), real
 * API keys, server actions posted as the browser posts them, against the production server.
 */
import { expect, test as base, type APIRequestContext, type APIResponse } from "@playwright/test";
import { can, keyCan, ROLES, type Role } from "../../lib/auth/roles";
import { leakedSecrets, logInClient, newClient, postAction, signUpByAction, snapshotTeam, teamSecrets, type ActionCall, type Credentials } from "../security/client";
import { listBuiltActions, listPages, listRoutes, listSourceActions, type BuiltAction } from "../security/enumerate";
import { ACTIONS, idFor, MATRIX_DATASET_FILE, MATRIX_DATASET_SHA256, PAGES, ROUTES, type RouteRequest, type Target } from "../security/matrix";
import { sql } from "./support";

const BASE_URL = `http://127.0.0.1:${Number(process.env.TUNECOST_E2E_PORT ?? 3100)}`;
/** scripts/e2e-server.mjs starts the server with this secret. */
const NEXTAUTH_SECRET = "e2e-secret-used-only-by-the-test-suite";
const EVIL_ORIGIN = "http://evil.example";

interface World {
  target: Target;
  owner: Credentials;
  /** Sessions of the target team's members, one per role. */
  sessions: Record<Role, APIRequestContext>;
  /** The owner of another team: every target object must be a 404 to them. */
  foreign: APIRequestContext;
  foreignKey: string;
  keys: Record<"READ" | "WRITE", string>;
  /** No cookies: for API-key calls and anonymous requests. */
  anonymous: APIRequestContext;
  actions: Map<string, BuiltAction>;
}

async function expectOk(res: APIResponse, what: string): Promise<any> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

/** The page a built action is posted to: a static route holding it when there is one. */
function actionPath(action: BuiltAction, t: Target): string {
  const route = action.pages.find((p) => !p.includes("[")) ?? action.pages[0] ?? "/";
  return idFor(route, t);
}

async function createWorld(): Promise<World> {
  // The server queues a catch-up alert evaluation of every team at start. Wait until it is done, so it cannot change
  // a target team's rows in the middle of a before/after comparison.
  await expect
    .poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'alerts-evaluate' AND state = 'completed'`))[0]?.n, {
      message: "the start-up alert evaluation finished",
      timeout: 45_000,
    })
    .toBeGreaterThan(0);
  const actions = new Map(listBuiltActions().map((a) => [a.key, a]));
  const act = (key: string) => {
    const a = actions.get(key);
    if (!a) throw new Error(`${key} is not in the production build: run \`npx next build\``);
    return a;
  };
  const signUp = act("lib/teams/actions.ts#signUpAction");
  const [owner, foreignOwner, admin, member, viewer] = await Promise.all(
    ["owner", "foreign", "admin", "member", "viewer"].map((p) => signUpByAction(BASE_URL, signUp, `matrix-${p}`)),
  );
  const teamId = (await sql<{ teamId: string }>(`SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [owner!.email]))[0]!.teamId;
  const ownerUserId = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [owner!.email]))[0]!.id;
  // Setup, not under test: the other roles join the target team (invitations are another issue's feature).
  for (const [who, role] of [[admin!, "ADMIN"], [member!, "MEMBER"], [viewer!, "VIEWER"]] as const) {
    await sql(`UPDATE "Membership" SET "teamId" = $1, role = $2 WHERE "userId" = (SELECT id FROM "User" WHERE email = $3)`, [teamId, role, who.email]);
  }
  const [ownerS, adminS, memberS, viewerS, foreign] = await Promise.all([owner!, admin!, member!, viewer!, foreignOwner!].map((w) => logInClient(BASE_URL, w)));
  const createKey = async (client: APIRequestContext, scope: "READ" | "WRITE") => {
    const call = await postAction(client, act("lib/api-keys/actions.ts#createApiKeyAction"), "/settings/api-keys", { name: `matrix ${scope}`, scope });
    expect(call.result?.ok, call.text).toBe(true);
    return call.result!.data as { id: string; key: string };
  };
  const [write, read, spare, foreignWrite] = await Promise.all([createKey(ownerS!, "WRITE"), createKey(ownerS!, "READ"), createKey(ownerS!, "READ"), createKey(foreign!, "WRITE")]);
  const anonymous = await newClient(BASE_URL, null);
  const bearer = { authorization: `Bearer ${write!.key}` };
  const projectName = `Matrix project ${teamId.slice(0, 8)}`;
  const project = await expectOk(await anonymous.post("/api/v1/projects", { headers: bearer, data: { name: projectName } }), "create project");
  const providerModelId = `ft:gpt-4o-mini-2024-07-18:matrix:t${teamId.slice(0, 8)}:AbC123`;
  const model = await expectOk(
    await anonymous.post("/api/v1/models", {
      headers: bearer,
      data: { projectId: project.id, displayName: "Matrix model", providerModelId, status: "ACTIVE", trainingTokens: 1_000_000, epochs: 3, trainedAt: "2026-01-10" },
    }),
    "create model",
  );
  await expectOk(await anonymous.put(`/api/v1/models/${model.id}/usage/2026-03`, { headers: bearer, data: { inputTokens: 1000, outputTokens: 500 } }), "put usage");
  // A month without usage or plan: no evaluation ever looks at it, so only the calls under test change this alert.
  const month = "2025-01-01";
  const [alert] = await sql<{ id: string }>(
    `INSERT INTO "Alert" (id, "teamId", "projectId", "subjectKey", month, kind, threshold, message, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4::date, 'BUDGET_ACTUAL', 100, 'Matrix alert', now()) RETURNING id`,
    [teamId, project.id, `project:${project.id}`, month],
  );
  const hook = await postAction(ownerS!, act("lib/webhooks/actions.ts#createWebhookAction"), "/settings/notifications", {
    url: `${BASE_URL}/api/health?hook=matrix`,
    format: "JSON",
  });
  expect(hook.result?.ok, hook.text).toBe(true);
  // Paused, so no background delivery changes the target's rows while a snapshot is compared.
  await sql(`UPDATE "Webhook" SET active = false WHERE "teamId" = $1`, [teamId]);
  // A saved dataset of a known one-example file, as the save form stores it (figures only), for the token-count entries.
  const [dataset] = await sql<{ id: string }>(
    `INSERT INTO "Dataset" (id, "teamId", name, "fileName", "fileBytes", format, examples, "validExamples", "errorCount", "warningCount",
       "baseModelId", encoding, "contextLimit", "totalTokens", "billedTokensPerEpoch", "assistantTokens", "overLimitExamples", epochs,
       "epochsSource", "trainedTokens", "priceSet", "fileSha256", summary)
     VALUES (gen_random_uuid(), $1, 'Matrix dataset', 'matrix.jsonl', $2, 'chat', 1, 1, 0, 0, 'gpt-4o-mini-2024-07-18', 'o200k_base', 65536,
       14, 14, 2, 0, 3, 'given', 42, 'openai', $3, '{}') RETURNING id`,
    [teamId, MATRIX_DATASET_FILE.length, MATRIX_DATASET_SHA256],
  );
  const teamName = (await sql<{ name: string }>(`SELECT name FROM "Team" WHERE id = $1`, [teamId]))[0]!.name;
  const userIdOf = async (email: string) => (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;
  return {
    target: {
      baseURL: BASE_URL,
      teamId,
      teamName,
      ownerUserId,
      projectId: project.id,
      projectName,
      modelId: model.id,
      providerModelId,
      alertId: alert!.id,
      webhookId: (hook.result!.data as { webhook: { id: string } }).webhook.id,
      spareKeyId: spare!.id,
      datasetId: dataset!.id,
      memberUserIds: { ADMIN: await userIdOf(admin!.email), MEMBER: await userIdOf(member!.email), VIEWER: await userIdOf(viewer!.email) },
    },
    owner: owner!,
    sessions: { OWNER: ownerS!, ADMIN: adminS!, MEMBER: memberS!, VIEWER: viewerS! },
    foreign: foreign!,
    foreignKey: foreignWrite!.key,
    keys: { READ: read!.key, WRITE: write!.key },
    anonymous,
    actions,
  };
}

const test = base.extend<object, { world: World }>({
  world: [
    async ({}, use) => {
      const world = await createWorld();
      await use(world);
      await Promise.all([...Object.values(world.sessions), world.foreign, world.anonymous].map((c) => c.dispose()));
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

function callRoute(client: APIRequestContext, method: string, req: RouteRequest, headers: Record<string, string> = {}): Promise<APIResponse> {
  return client.fetch(req.path, { method, data: req.data as never, headers: { ...req.headers, ...headers } });
}

/** The target's ids and names another team must never see in its own answers. */
function targetMarks(t: Target): string[] {
  return [t.teamId, t.teamName, t.projectName];
}

test.describe("the matrix covers the app", () => {
  test("every page, server action and API route has an entry, and every entry still exists", () => {
    const diff = (found: string[], table: object) => ({
      missing: [...new Set(found)].filter((k) => !(k in table)),
      stale: Object.keys(table).filter((k) => !found.includes(k)),
    });
    const pages = diff(listPages(), PAGES);
    const sourceActions = diff(listSourceActions(), ACTIONS);
    const builtActions = diff(
      listBuiltActions().map((a) => a.key),
      ACTIONS,
    );
    const routes = diff(listRoutes(), ROUTES);
    expect(pages.missing, "pages without an entry in tests/security/matrix.ts PAGES").toEqual([]);
    expect(sourceActions.missing, "server actions without an entry in tests/security/matrix.ts ACTIONS").toEqual([]);
    expect(builtActions.missing, "server actions of the build (.next) without an entry in ACTIONS: rebuild, or add them").toEqual([]);
    expect(routes.missing, "route handler methods without an entry in tests/security/matrix.ts ROUTES").toEqual([]);
    expect({ pages: pages.stale, actions: sourceActions.stale, routes: routes.stale }, "entries naming something that no longer exists").toEqual({
      pages: [],
      actions: [],
      routes: [],
    });
  });
});

test.describe("pages", () => {
  for (const [route, entry] of Object.entries(PAGES)) {
    test(`${route}: anonymous, each role, another team`, async ({ world }) => {
      const t = world.target;
      const url = idFor(route, t);
      const anonymous = await world.anonymous.get(url);
      if (entry.access === "public") {
        expect(anonymous.status(), `anonymous ${url}`).toBe(200);
        // A signed-in user is sent on to the app.
        const signedIn = await world.sessions.VIEWER.get(url);
        expect([303, 307, 308]).toContain(signedIn.status());
        expect(signedIn.headers().location).toMatch(/^(\/|https?:\/\/[^/]+\/)$/);
        return;
      }
      if (entry.access === "link") {
        // The link is the credential: everyone sees the same page, signed in or not, and nothing of the target team.
        const secrets = await teamSecrets(t.teamId, NEXTAUTH_SECRET);
        for (const [who, client] of [["anonymous", world.anonymous], ["another team", world.foreign], ...ROLES.map((r) => [r, world.sessions[r]] as const)] as const) {
          const res = await client.get(url);
          const body = await res.text();
          expect(res.status(), `${who} ${url}`).toBe(200);
          expect(leakedSecrets(body, secrets), `secrets in ${url} for ${who}`).toEqual([]);
          if (who === "anonymous" || who === "another team") for (const mark of targetMarks(t)) expect(body, `${who} sees the target's data`).not.toContain(mark);
        }
        return;
      }
      expect([303, 307, 308], `anonymous ${url} is sent to the login`).toContain(anonymous.status());
      expect(anonymous.headers().location).toMatch(/\/login$/);
      if (entry.access === "no-team") {
        const member = await world.sessions.VIEWER.get(url);
        expect([303, 307, 308]).toContain(member.status());
        return;
      }

      const secrets = await teamSecrets(t.teamId, NEXTAUTH_SECRET);
      for (const role of ROLES) {
        const res = await world.sessions[role].get(url);
        expect(res.status(), `${role} ${url}`).toBe(200);
        if (role === "OWNER") {
          const html = await res.text();
          const rsc = await (await world.sessions.OWNER.get(url, { headers: { rsc: "1" } })).text();
          expect(leakedSecrets(html + rsc, secrets), `secrets in ${url} (HTML or RSC payload)`).toEqual([]);
        }
      }

      const foreign = await world.foreign.get(url);
      const body = await foreign.text();
      if (entry.foreign === "not-found") {
        expect(foreign.status(), `another team's ${url}`).toBe(404);
        expect(body).toContain("could not be found");
      } else {
        expect(foreign.status()).toBe(200);
      }
      for (const mark of targetMarks(t)) expect(body, `another team's view of ${url} shows the target's data`).not.toContain(mark);
    });
  }
});

test.describe("server actions, posted directly", () => {
  for (const [key, entry] of Object.entries(ACTIONS)) {
    test(`${key}: anonymous, another team, each role`, async ({ world }) => {
      const t = world.target;
      const action = world.actions.get(key);
      expect(action, `${key} is in the production build`).toBeDefined();
      const path = actionPath(action!, t);
      // The input is built before each snapshot: building it may prepare state (reopen the alert, add a webhook).
      const call = async (client: APIRequestContext, input: unknown): Promise<ActionCall> => {
        const res = await postAction(client, action!, path, input);
        expect(res.result, `${key} answered an ActionResult (${res.status}): ${res.text.slice(0, 300)}`).not.toBeNull();
        return res;
      };

      if (entry.permission === "public") {
        const input = await entry.input(t);
        const before = await snapshotTeam(t.teamId);
        expect((await call(world.anonymous, input)).result?.ok).toBe(true);
        expect(await snapshotTeam(t.teamId)).toEqual(before);
        return;
      }

      expect((await call(world.anonymous, await entry.input(t))).result?.code, "no session").toBe("unauthorized");

      const foreignInput = await entry.input(t);
      const before = await snapshotTeam(t.teamId);
      const foreign = await call(world.foreign, foreignInput);
      const r = foreign.result!;
      if (entry.foreign === "not-found") expect({ ok: r.ok, code: r.code }, "another team").toEqual({ ok: false, code: "not_found" });
      if (entry.foreign === "refused") expect(r.ok).toBe(false);
      entry.foreignCheck?.(r);
      for (const mark of targetMarks(t)) expect(foreign.text).not.toContain(mark);
      expect(await snapshotTeam(t.teamId), "another team's call changed the target team's rows").toEqual(before);

      for (const role of ROLES) {
        const allowed = can(role, entry.permission);
        const input = await entry.input(t);
        const secrets = await teamSecrets(t.teamId, NEXTAUTH_SECRET);
        const refusal = allowed ? entry.refusesFor?.[role] : undefined;
        const snapshot = allowed && !refusal ? null : await snapshotTeam(t.teamId);
        const res = await call(world.sessions[role], input);
        if (refusal) {
          expect(res.result?.code, `${role} may ${entry.permission}, and this input is refused for a domain reason`).toBe(refusal);
          expect(await snapshotTeam(t.teamId), `${role}'s refused call changed nothing`).toEqual(snapshot);
        } else if (allowed) {
          expect(res.result?.ok, `${role} may ${entry.permission}: ${res.text.slice(0, 300)}`).toBe(true);
          await entry.after?.(t);
        } else {
          expect(res.result?.code, `${role} may not ${entry.permission}`).toBe("forbidden");
          expect(await snapshotTeam(t.teamId)).toEqual(snapshot);
        }
        expect(leakedSecrets(res.text, secrets), `secrets in ${key}'s answer to ${role}`).toEqual([]);
      }
    });
  }
});

test.describe("API routes", () => {
  for (const [key, entry] of Object.entries(ROUTES)) {
    const method = key.split(" ")[0]!;
    test(`${key}: anonymous, another team, keys, each role`, async ({ world }) => {
      const t = world.target;
      const isOk = (res: APIResponse) => (entry.okStatus ? res.status() === entry.okStatus : res.status() >= 200 && res.status() < 300);
      if (entry.permission === "public") {
        const res = await callRoute(world.anonymous, method, await entry.request(t));
        expect(res.status(), key).toBeLessThan(500);
        expect(leakedSecrets(await res.text(), await teamSecrets(t.teamId, NEXTAUTH_SECRET))).toEqual([]);
        return;
      }

      expect((await callRoute(world.anonymous, method, await entry.request(t))).status(), "no credentials").toBe(401);

      const permission = entry.permission;
      const foreigners: [string, (r: RouteRequest) => Promise<APIResponse>][] = [
        ["another team's key", (r) => callRoute(world.anonymous, method, r, { authorization: `Bearer ${world.foreignKey}` })],
        ["another team's session", (r) => callRoute(world.foreign, method, r)],
      ];
      for (const [who, send] of foreigners) {
        const req = await entry.request(t);
        const before = await snapshotTeam(t.teamId);
        const res = await send(req);
        const text = await res.text();
        if (entry.sessionOnly && who === "another team's key") expect(res.status(), `${who}: ${text.slice(0, 200)}`).toBe(403);
        else if (entry.foreign === "not-found") expect(res.status(), `${who}: ${text.slice(0, 200)}`).toBe(404);
        else if (entry.foreign === "refused") expect(res.status(), `${who}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        else expect(res.status(), `${who}: ${text.slice(0, 200)}`).toBeLessThan(400);
        expect(res.status()).toBeLessThan(500);
        for (const mark of targetMarks(t)) expect(text, who).not.toContain(mark);
        expect(await snapshotTeam(t.teamId), `${who} changed the target team's rows`).toEqual(before);
      }

      const check = async (who: string, allowed: boolean, send: (r: RouteRequest) => Promise<APIResponse>) => {
        const req = await entry.request(t);
        const secrets = await teamSecrets(t.teamId, NEXTAUTH_SECRET);
        const snapshot = allowed ? null : await snapshotTeam(t.teamId);
        const res = await send(req);
        const text = await res.text();
        if (allowed) expect(isOk(res), `${who} may ${permission}: ${res.status()} ${text.slice(0, 300)}`).toBe(true);
        else {
          expect(res.status(), `${who} may not ${permission}: ${text.slice(0, 300)}`).toBe(403);
          expect(await snapshotTeam(t.teamId)).toEqual(snapshot);
        }
        expect(leakedSecrets(text, secrets), `secrets in ${key}'s answer to ${who}`).toEqual([]);
      };
      for (const scope of ["READ", "WRITE"] as const) {
        await check(`a ${scope} key`, keyCan(scope, permission), (r) => callRoute(world.anonymous, method, r, { authorization: `Bearer ${world.keys[scope]}` }));
      }
      for (const role of ROLES) await check(`${role} session`, can(role, permission), (r) => callRoute(world.sessions[role], method, r));
    });
  }
});

test.describe("cross-origin requests with the session cookie", () => {
  test("every cookie-authenticated API write from a foreign Origin answers 403 and changes nothing", async ({ world }) => {
    test.setTimeout(90_000);
    const t = world.target;
    const evil = await logInClient(BASE_URL, world.owner);
    try {
      for (const [key, entry] of Object.entries(ROUTES)) {
        const method = key.split(" ")[0]!;
        if (method === "GET" || entry.permission === "public") continue;
        const req = await entry.request(t);
        const before = await snapshotTeam(t.teamId);
        const res = await callRoute(evil, method, req, { origin: EVIL_ORIGIN });
        expect(res.status(), `${key} from ${EVIL_ORIGIN}: ${await res.text()}`).toBe(403);
        expect(await snapshotTeam(t.teamId), key).toEqual(before);
      }
    } finally {
      await evil.dispose();
    }
  });

  test("every server action posted from a foreign Origin is refused before it runs and changes nothing", async ({ world }) => {
    test.setTimeout(90_000);
    const t = world.target;
    for (const [key, entry] of Object.entries(ACTIONS)) {
      const action = world.actions.get(key)!;
      const input = await entry.input(t);
      const before = await snapshotTeam(t.teamId);
      const res = await postAction(world.sessions.OWNER, action, actionPath(action, t), input, { origin: EVIL_ORIGIN });
      // Next.js compares Origin with Host for every server action and refuses a mismatch without running it.
      expect(res.result, `${key} from ${EVIL_ORIGIN} ran: ${res.text.slice(0, 200)}`).toBeNull();
      expect(res.status, key).toBeGreaterThanOrEqual(400);
      expect(await snapshotTeam(t.teamId), key).toEqual(before);
    }
  });
});
