/**
 * The security matrix (issue #8): every page, server action and API route of the app, with the permission it needs
 * and a valid request against a *target team's* objects. tests/e2e/security-matrix.spec.ts runs each entry:
 *   - with another team's session (and API key): 404 / the not-found ActionResult, and none of the target team's rows
 *     change (a snapshot of every table with a "teamId" column, before and after);
 *   - with a session of each role OWNER/ADMIN/MEMBER/VIEWER of the target team: success exactly when
 *     `can(role, permission)`, otherwise "forbidden" with nothing changed; API routes also with READ and WRITE keys
 *     (`keyCan`);
 *   - server actions are posted directly (Next-Action header + React's reply encoding), not only through the UI;
 *   - every response the owner gets is searched for password hashes, key hashes and webhook secrets.
 * The spec fails when a page, an exported action of a "use server" lib/**\/actions.ts, an action of the production
 * build, or a route handler method has no entry here, and when an entry names something that no longer exists.
 *
 * ADDING AN ENTRY (a few lines): key it as the failure message says, then
 *   - page:   "/things/[id]": page({ foreign: "not-found" }),       // dynamic ids come from `idFor` below
 *   - action: "lib/things/actions.ts#archiveThingAction": action("projects:manage", "not-found", (t) => ({ id: t.projectId })),
 *   - route:  "POST /api/v1/things": route("projects:manage", "own-team", () => ({ path: "/api/v1/things", data: { … } })),
 * The input must be valid for the target team and reference its objects (Target below; add a fixture to
 * `createTarget` in the spec when you need a new kind of object). Each call may run again (one per role), so build
 * unique names per call with `unique()`, and reset state the previous call changed (see the alert entries).
 * foreign: "not-found" when the input names a target-team object (another team must get 404); "own-team" when it
 * names none (another team then acts on its own team; the target's rows must still be unchanged and the answer
 * must not mention the target's ids); "refused" when another team gets a 4xx other than 404 (documented per entry).
 */
import { createHash } from "node:crypto";
import type { Permission, Role } from "../../lib/auth/roles";
import { hashInvitationToken, newInvitationToken } from "../../lib/members/tokens";
import { sql } from "../e2e/support";

export type Access = Permission | "public";
export type Foreign = "not-found" | "own-team" | "refused";

/** The objects of the team under attack, created once per Playwright worker. */
export interface Target {
  baseURL: string;
  teamId: string;
  teamName: string;
  ownerUserId: string;
  projectId: string;
  projectName: string;
  modelId: string;
  providerModelId: string;
  alertId: string;
  webhookId: string;
  /** A key that may be revoked (over and over). */
  spareKeyId: string;
  /** A saved dataset of `MATRIX_DATASET_FILE` (o200k_base, one valid example), for counting with other tokenizers. */
  datasetId: string;
  /** User ids of the target team's admin, member and viewer (the sessions of the matrix). */
  memberUserIds: Record<"ADMIN" | "MEMBER" | "VIEWER", string>;
}

export interface PageEntry {
  kind: "page";
  /**
   * "app": needs a team member's session. "public": login and sign-up. "no-team": a session without a team.
   * "link": opened from a link that carries its own credential (an invitation), with or without a session.
   */
  access: "app" | "public" | "no-team" | "link";
  foreign: "not-found" | "own-team";
}

export interface ActionEntry {
  kind: "action";
  permission: Access;
  foreign: Foreign;
  /** The argument, valid for the target team; may prepare state (runs before every call). */
  input: (t: Target) => unknown | Promise<unknown>;
  /** Extra check of another team's answer (e.g. per-row results). */
  foreignCheck?: (result: { ok: boolean; code?: string; data?: unknown }) => void;
  /** Runs after each successful call, to keep the fixtures quiet (e.g. pause a new webhook). */
  after?: (t: Target) => Promise<void>;
  /**
   * Roles the permission allows but the domain refuses for this input, with the code they must get (e.g. the team's
   * only owner cannot leave it). The permission gate is still proven: these roles never get "forbidden", and nothing
   * changes. Each such case has its success path tested elsewhere (named at the entry).
   */
  refusesFor?: Partial<Record<Role, string>>;
}

export interface RouteRequest {
  path: string;
  data?: unknown;
  headers?: Record<string, string>;
}

export interface RouteEntry {
  kind: "route";
  permission: Access;
  foreign: Foreign;
  request: (t: Target) => RouteRequest | Promise<RouteRequest>;
  /** The status that means "allowed" when not 2xx (the unknown-route catch-all answers 404 to everyone allowed). */
  okStatus?: number;
  /** No API key scope holds the permission: any key, another team's too, is refused with 403 before anything is read. */
  sessionOnly?: boolean;
}

let counter = 0;
/** A value no other call in this worker used (names, URLs, dates). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix} ${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

const page = (p: Partial<PageEntry> = {}): PageEntry => ({ kind: "page", access: "app", foreign: "own-team", ...p });
const action = (permission: Access, foreign: Foreign, input: ActionEntry["input"], more: Partial<ActionEntry> = {}): ActionEntry => ({
  kind: "action",
  permission,
  foreign,
  input,
  ...more,
});
const route = (permission: Access, foreign: Foreign, request: RouteEntry["request"], more: Partial<RouteEntry> = {}): RouteEntry => ({
  kind: "route",
  permission,
  foreign,
  request,
  ...more,
});

/** The id a dynamic page segment takes, by the folder before it. */
export function idFor(route: string, t: Target): string {
  return route
    .replace("/alerts/[id]", `/alerts/${t.alertId}`)
    .replace("/models/[id]", `/models/${t.modelId}`)
    .replace("/projects/[id]", `/projects/${t.projectId}`)
    .replace("[month]", "2026-03")
    // A well-formed token that no invitation has: the page must answer everyone alike, and reveal nothing.
    .replace("/invite/[token]", `/invite/${UNKNOWN_INVITATION_TOKEN}`);
}

const UNKNOWN_INVITATION_TOKEN = "matrixUnknownInvitationToken0123456789abcde";

const BASE = "gpt-4o-mini-2024-07-18";
const figures = { inputTokens: 1_000_000, cachedInputTokens: 200_000, outputTokens: 500_000 };
const estimate = {
  baseModel: "gpt-4o-mini",
  priceSet: "article-2026",
  training: { tokens: 1_000_000, epochs: 1 },
  usage: { period: "month", inputTokens: 150_000_000, cachedInputTokens: 0, outputTokens: 450_000_000 },
  months: 12,
};

async function one<T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T | undefined> {
  return (await sql<T>(text, values))[0];
}

/** Puts the target's alert back to OPEN, so acknowledging or snoozing it can succeed again. */
async function reopenAlert(t: Target): Promise<void> {
  await sql(
    `UPDATE "Alert" SET status = 'OPEN', "acknowledgedById" = NULL, "acknowledgedAt" = NULL, "acknowledgeNote" = NULL, "snoozedUntil" = NULL, "resolvedAt" = NULL WHERE id = $1`,
    [t.alertId],
  );
}

const versionOf = async (table: "Project" | "FineTunedModel", id: string) => Number((await one<{ version: number }>(`SELECT version FROM "${table}" WHERE id = $1`, [id]))?.version);
const usageVersion = async (modelId: string, month: string) =>
  Number((await one<{ version: number }>(`SELECT version FROM "UsageRecord" WHERE "modelId" = $1 AND month = $2::date`, [modelId, `${month}-01`]))?.version ?? 0);

/** A paused webhook of the target team, made for one call (deleting it). */
async function freshWebhook(t: Target): Promise<string> {
  const row = await one<{ id: string }>(
    `INSERT INTO "Webhook" (id, "teamId", url, secret, active, "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'whsec_' || md5(random()::text), false, now()) RETURNING id`,
    [t.teamId, `${t.baseURL}/api/health?hook=${encodeURIComponent(unique("w"))}`],
  );
  return row!.id;
}

/** An open invitation of `teamId` to a fresh address, with its link token (for resending, revoking or using it). */
async function freshInvitation(teamId: string, invitedById: string | null): Promise<{ id: string; token: string; email: string }> {
  const { token, tokenHash } = newInvitationToken();
  const email = `${unique("invitee").replace(/\W/g, "").toLowerCase()}@example.test`;
  const row = await one<{ id: string }>(
    `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "invitedById", "expiresAt")
     VALUES (gen_random_uuid(), $1, $2, 'VIEWER', $3, $4, now() + interval '7 days') RETURNING id`,
    [teamId, email, tokenHash, invitedById],
  );
  if (hashInvitationToken(token) !== tokenHash) throw new Error("token hashing changed");
  return { id: row!.id, token, email };
}

/** A member of the target team made for one call (changing their role, removing them, making them the owner). */
async function spareMember(t: Target): Promise<string> {
  const email = `${unique("spare").replace(/\W/g, "").toLowerCase()}@example.test`;
  const user = await one<{ id: string }>(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, 'Spare member', 'not-a-hash', now()) RETURNING id`,
    [email],
  );
  await sql(`INSERT INTO "Membership" (id, "userId", "teamId", role) VALUES (gen_random_uuid(), $1, $2, 'MEMBER')`, [user!.id, t.teamId]);
  return user!.id;
}

/** A team of its own (no member of the matrix is in it), for a sign-up through one of its invitation links. */
async function scratchTeam(): Promise<string> {
  const slug = unique("scratch").replace(/\W/g, "-").toLowerCase();
  const row = await one<{ id: string }>(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'Scratch team', $1, now()) RETURNING id`, [slug]);
  return row!.id;
}

/** After a transfer of ownership: the matrix's owner is the owner again, the new owner a member. */
async function restoreOwner(t: Target): Promise<void> {
  await sql(
    `UPDATE "Membership" SET role = (CASE WHEN "userId" = $2 THEN 'OWNER' ELSE 'MEMBER' END)::"Role" WHERE "teamId" = $1 AND ("userId" = $2 OR role = 'OWNER')`,
    [t.teamId, t.ownerUserId],
  );
}

/** After a member left: the matrix's admin, member and viewer are in the target team again, with their roles. */
async function rejoin(t: Target): Promise<void> {
  for (const [role, userId] of Object.entries(t.memberUserIds)) {
    await sql(`INSERT INTO "Membership" (id, "userId", "teamId", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role") ON CONFLICT ("userId", "teamId") DO NOTHING`, [
      userId,
      t.teamId,
      role,
    ]);
  }
}

const pauseWebhooks = async (t: Target) => void (await sql(`UPDATE "Webhook" SET active = false WHERE "teamId" = $1`, [t.teamId]));

const usageCsv = (t: Target, month: string) => ({
  form: {
    format: "csv",
    file: {
      name: "usage.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd\n${month},${t.providerModelId},1000,0,500,,\n`),
    },
  },
});

/** The training file of the target's dataset: one valid chat example. */
export const MATRIX_DATASET_FILE = Buffer.from('{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}\n');
export const MATRIX_DATASET_SHA256 = createHash("sha256").update(MATRIX_DATASET_FILE).digest("hex");

// Figures that differ per call, so every allowed call changes the target's row and a refused one is seen to change nothing.
function tokenCountsInput(t: Target): Record<string, unknown> {
  counter += 1;
  return { datasetId: t.datasetId, fileSha256: MATRIX_DATASET_SHA256, validExamples: 1, counts: { llama3: { total: 100 + counter, billedPerEpoch: 100, assistant: 1 } } };
}

function datasetInput(): Record<string, unknown> {
  const sha = Array.from({ length: 64 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
  return {
    name: unique("Matrix dataset"),
    fileName: "train.jsonl",
    fileBytes: 1234,
    fileSha256: sha,
    baseModel: BASE,
    format: "chat",
    examples: 10,
    validExamples: 10,
    errorCount: 0,
    warningCount: 0,
    encoding: "o200k_base",
    tokens: { total: 1000, billedPerEpoch: 1000, assistant: 400, min: 50, max: 200, mean: 100, p50: 90, p90: 180, limit: 65536, overLimitExamples: 0 },
    epochs: 3,
    epochsSource: "given",
    trainedTokens: 3000,
    summary: { errorCounts: {}, warningCounts: {}, histogram: { bucketEdges: [0, 100, 200], counts: [5, 5] } },
  };
}

let priceDay = 0;
/** A day no other price entry of this worker uses (a team may have one entry per model and day). */
function nextPriceDay(): string {
  priceDay += 1;
  return new Date(Date.UTC(2001, 0, 1) + (priceDay * 7 + (process.pid % 7)) * 86_400_000).toISOString().slice(0, 10);
}

const modelFields = (t: Target) => ({ projectId: t.projectId, displayName: "Matrix model", providerModelId: t.providerModelId, status: "ACTIVE" as const });

export const PAGES: Record<string, PageEntry> = {
  "/": page(),
  "/alerts": page(),
  "/alerts/[id]": page({ foreign: "not-found" }),
  "/estimate": page(),
  "/estimate/analyze": page(),
  "/models": page(),
  "/models/[id]": page({ foreign: "not-found" }),
  "/models/[id]/edit": page({ foreign: "not-found" }),
  "/models/[id]/move": page({ foreign: "not-found" }),
  "/models/new": page(),
  "/projects": page(),
  "/projects/[id]": page({ foreign: "not-found" }),
  "/projects/[id]/edit": page({ foreign: "not-found" }),
  "/projects/[id]/move": page({ foreign: "not-found" }),
  "/projects/new": page(),
  "/settings": page(),
  "/settings/api-keys": page(),
  "/settings/notifications": page(),
  "/settings/pricing": page(),
  "/usage": page(),
  "/usage/import": page(),
  "/login": page({ access: "public" }),
  "/signup": page({ access: "public" }),
  "/no-team": page({ access: "no-team" }),
  "/account": page(),
  "/settings/members": page(),
  // Viewers and members get a page saying only admins and owners see the log (200, no entries).
  "/settings/audit": page(),
  "/invite/[token]": page({ access: "link" }),
};

export const ACTIONS: Record<string, ActionEntry> = {
  "lib/alerts/actions.ts#acknowledgeAlertAction": action("usage:write", "not-found", async (t) => (await reopenAlert(t), { id: t.alertId, note: "seen" })),
  "lib/alerts/actions.ts#snoozeAlertAction": action("usage:write", "not-found", async (t) => (await reopenAlert(t), { id: t.alertId })),
  "lib/api-keys/actions.ts#createApiKeyAction": action("apikeys:manage", "own-team", () => ({ name: unique("matrix key"), scope: "READ" })),
  "lib/api-keys/actions.ts#revokeApiKeyAction": action("apikeys:manage", "not-found", (t) => ({ id: t.spareKeyId })),
  "lib/datasets/actions.ts#saveDatasetAction": action("usage:write", "own-team", datasetInput),
  "lib/datasets/actions.ts#saveTokenCountsAction": action("usage:write", "not-found", tokenCountsInput),
  "lib/estimates/actions.ts#estimateAction": action("team:read", "own-team", () => estimate),
  // Another team's file names the target's model: for that team it is an unknown model, so nothing of the target is touched.
  "lib/imports/actions.ts#previewImportAction": action("usage:write", "own-team", (t) => usageCsv(t, "2026-04")),
  "lib/imports/actions.ts#commitImportAction": action("usage:write", "own-team", (t) => usageCsv(t, "2026-04")),
  // Leaves a PLANNED replacement of the target's model behind; a repeat returns that one (the action is idempotent).
  "lib/migration/actions.ts#planMoveAction": action("projects:manage", "not-found", (t) => ({
    modelId: t.modelId,
    targetModelId: "together:Qwen/Qwen3-8B",
    startMonth: new Date().toISOString().slice(0, 7),
  })),
  "lib/models/actions.ts#createModelAction": action("projects:manage", "not-found", (t) => ({ projectId: t.projectId, displayName: unique("Model"), baseModel: BASE })),
  "lib/models/actions.ts#updateModelAction": action("projects:manage", "not-found", async (t) => ({
    id: t.modelId,
    version: await versionOf("FineTunedModel", t.modelId),
    model: modelFields(t),
  })),
  "lib/models/actions.ts#setModelArchivedAction": action("projects:manage", "not-found", (t) => ({ id: t.modelId, archived: false })),
  "lib/models/actions.ts#saveUsagePlanAction": action("projects:manage", "not-found", (t) => ({
    modelId: t.modelId,
    plan: { startMonth: "2026-01", period: "MONTH", inputTokens: 1_000_000, outputTokens: 500_000 },
  })),
  "lib/pricing/actions.ts#addPriceEntryAction": action("prices:manage", "own-team", () => ({
    modelId: BASE,
    effectiveFrom: nextPriceDay(),
    trainingPerMTokUsd: "3",
    inputPerMTokUsd: "0.3",
    cachedInputPerMTokUsd: "0.15",
    outputPerMTokUsd: "1.2",
    baseInputPerMTokUsd: "0.15",
    baseCachedInputPerMTokUsd: "0.075",
    baseOutputPerMTokUsd: "0.6",
    trainingPerHourUsd: "",
  })),
  "lib/pricing/actions.ts#setPriceSetAction": action("prices:manage", "own-team", () => ({ priceSet: "openai" })),
  "lib/pricing/actions.ts#createTeamBaseModelAction": action("prices:manage", "own-team", () => ({
    provider: "self-hosted",
    displayName: unique("Matrix GPU model"),
    providerModelName: unique("matrix-llama").replace(/\s+/g, "-"),
    tokenizer: "llama3",
    tokenizerExact: true,
    trainingContextLimit: "8192",
    trainingBilling: "training_hour",
    effectiveFrom: "2026-01-01",
    trainingPerHourUsd: "2.5",
    hostingPerHourUsd: "1.25",
  })),
  "lib/projects/actions.ts#createProjectAction": action("projects:manage", "own-team", () => ({ name: unique("Project") })),
  "lib/projects/actions.ts#updateProjectAction": action("projects:manage", "not-found", async (t) => ({
    id: t.projectId,
    version: await versionOf("Project", t.projectId),
    name: t.projectName,
    description: unique("described"),
  })),
  "lib/projects/actions.ts#setProjectArchivedAction": action("projects:manage", "not-found", (t) => ({ id: t.projectId, archived: false })),
  "lib/teams/actions.ts#signUpAction": action("public", "own-team", () => {
    const id = unique("u").replace(/\W/g, "").toLowerCase();
    return { name: "Matrix signup", email: `matrix-${id}@example.test`, password: `pass-${id}`, teamName: unique("Team") };
  }),
  "lib/teams/actions.ts#switchTeamAction": action("team:read", "not-found", (t) => ({ teamId: t.teamId })),
  "lib/usage/actions.ts#putModelUsageAction": action("usage:write", "not-found", async (t) => ({
    modelId: t.modelId,
    month: "2026-02",
    expectedVersion: await usageVersion(t.modelId, "2026-02"),
    figures,
  })),
  // The grid answers per row: another team's row is "not found" inside an ok result.
  "lib/usage/actions.ts#saveUsageGridAction": action(
    "usage:write",
    "own-team",
    async (t) => ({ month: "2026-05", rows: [{ modelId: t.modelId, expectedVersion: await usageVersion(t.modelId, "2026-05"), figures }] }),
    {
      foreignCheck: (r) => {
        const rows = r.data as { ok: boolean; code?: string }[] | undefined;
        if (!r.ok || rows?.[0]?.ok !== false || rows[0].code !== "not_found") throw new Error(`grid row of another team: expected not_found, got ${JSON.stringify(r)}`);
      },
    },
  ),
  // Any signed-in user edits their own account ("team:read" is what every role holds); another team's user renames
  // themselves, which touches no team's rows.
  "lib/account/actions.ts#updateProfileAction": action("team:read", "own-team", () => ({ name: unique("Matrix name").slice(0, 100) })),
  // The matrix cannot know each role's password, and changing it would end the sessions it runs on: every role is
  // let through the gate and refused by the wrong current password. Success: tests/integration/members.test.ts
  // ("password change") and tests/e2e/members.spec.ts.
  "lib/account/actions.ts#changePasswordAction": action(
    "team:read",
    "own-team",
    () => {
      const next = unique("Matrix new password").replace(/\W/g, "-");
      return { currentPassword: "certainly-not-the-current-password", newPassword: next, confirmPassword: next };
    },
    { refusesFor: { OWNER: "validation_failed", ADMIN: "validation_failed", MEMBER: "validation_failed", VIEWER: "validation_failed" } },
  ),
  "lib/members/actions.ts#inviteMemberAction": action("members:manage", "own-team", () => ({
    email: `${unique("invited").replace(/\W/g, "").toLowerCase()}@example.test`,
    role: "VIEWER",
  })),
  "lib/members/actions.ts#resendInvitationAction": action("members:manage", "not-found", async (t) => ({ id: (await freshInvitation(t.teamId, t.ownerUserId)).id })),
  "lib/members/actions.ts#revokeInvitationAction": action("members:manage", "not-found", async (t) => ({ id: (await freshInvitation(t.teamId, t.ownerUserId)).id })),
  "lib/members/actions.ts#changeMemberRoleAction": action("members:manage", "not-found", async (t) => ({ userId: await spareMember(t), role: "VIEWER" })),
  "lib/members/actions.ts#removeMemberAction": action("members:manage", "not-found", async (t) => ({ userId: await spareMember(t) })),
  "lib/members/actions.ts#transferOwnershipAction": action("team:manage", "not-found", async (t) => ({ userId: await spareMember(t) }), { after: restoreOwner }),
  // Every role may leave; the matrix puts them back after. The owner is the team's only owner, so it is refused.
  // Another team's owner is likewise refused for their own team; the target is untouched either way.
  "lib/members/actions.ts#leaveTeamAction": action("team:read", "own-team", () => ({}), { refusesFor: { OWNER: "conflict" }, after: rejoin }),
  // A target-team invitation for an address none of the sessions has: another team's user and every role are
  // refused by the address check (the token is the credential, the address its owner). Success:
  // tests/integration/members.test.ts ("invite → accept once as the invited address").
  "lib/members/actions.ts#acceptInvitationAction": action(
    "team:read",
    "own-team",
    async (t) => ({ token: (await freshInvitation(t.teamId, t.ownerUserId)).token }),
    {
      refusesFor: { OWNER: "forbidden", ADMIN: "forbidden", MEMBER: "forbidden", VIEWER: "forbidden" },
      foreignCheck: (r) => {
        if (r.ok || r.code !== "forbidden") throw new Error(`another team's user accepted someone else's invitation: ${JSON.stringify(r)}`);
      },
    },
  ),
  // Public: the link's token is the credential. It signs up into a scratch team's invitation, never the target's.
  "lib/members/actions.ts#signUpWithInvitationAction": action("public", "own-team", async () => {
    const invitation = await freshInvitation(await scratchTeam(), null);
    return { token: invitation.token, name: "Matrix invitee", password: unique("Matrix invitee password").replace(/\W/g, "-") };
  }),
  "lib/webhooks/actions.ts#createWebhookAction": action(
    "apikeys:manage",
    "own-team",
    (t) => ({ url: `${t.baseURL}/api/health?hook=${encodeURIComponent(unique("w"))}`, format: "JSON" }),
    { after: pauseWebhooks },
  ),
  "lib/webhooks/actions.ts#deleteWebhookAction": action("apikeys:manage", "not-found", async (t) => ({ id: await freshWebhook(t) })),
  "lib/webhooks/actions.ts#sendTestWebhookAction": action("apikeys:manage", "not-found", (t) => ({ id: t.webhookId })),
  "lib/webhooks/actions.ts#setWebhookActiveAction": action("apikeys:manage", "not-found", (t) => ({ id: t.webhookId, active: false })),
};

const missingRoute = (method: string): RouteEntry =>
  route("team:read", "not-found", () => ({ path: `/api/v1/no-such-route-${method.toLowerCase()}`, data: method === "GET" ? undefined : {} }), { okStatus: 404 });

export const ROUTES: Record<string, RouteEntry> = {
  // next-auth: sign-in, sign-out and session endpoints. Its POSTs are protected by next-auth's own CSRF token (tested in
  // tests/e2e/headers.spec.ts); logging in is what every session of this matrix does.
  "GET /api/auth/[...nextauth]": route("public", "own-team", () => ({ path: "/api/auth/providers" })),
  "POST /api/auth/[...nextauth]": route("public", "own-team", () => ({ path: "/api/auth/_log", data: {} })),
  // The audit log's CSV download: signed-in admins and owners only; no key scope includes audit:read.
  "GET /settings/audit/export": route("audit:read", "own-team", () => ({ path: "/settings/audit/export" }), { sessionOnly: true }),
  "GET /api/health": route("public", "own-team", () => ({ path: "/api/health" })),
  "GET /api/v1/openapi.json": route("public", "own-team", () => ({ path: "/api/v1/openapi.json" })),
  "GET /api/v1/[...path]": missingRoute("GET"),
  "POST /api/v1/[...path]": missingRoute("POST"),
  "PUT /api/v1/[...path]": missingRoute("PUT"),
  "PATCH /api/v1/[...path]": missingRoute("PATCH"),
  "DELETE /api/v1/[...path]": missingRoute("DELETE"),
  "GET /api/v1/me": route("team:read", "own-team", () => ({ path: "/api/v1/me" })),
  "GET /api/v1/catalog": route("team:read", "own-team", () => ({ path: "/api/v1/catalog" })),
  "GET /api/v1/projects": route("team:read", "own-team", () => ({ path: "/api/v1/projects" })),
  "POST /api/v1/projects": route("projects:manage", "own-team", () => ({ path: "/api/v1/projects", data: { name: unique("API project") } })),
  "GET /api/v1/projects/[id]": route("team:read", "not-found", (t) => ({ path: `/api/v1/projects/${t.projectId}` })),
  "GET /api/v1/projects/[id]/costs": route("team:read", "not-found", (t) => ({ path: `/api/v1/projects/${t.projectId}/costs` })),
  "GET /api/v1/costs": route("team:read", "own-team", () => ({ path: "/api/v1/costs" })),
  "GET /api/v1/models": route("team:read", "not-found", (t) => ({ path: `/api/v1/models?projectId=${t.projectId}` })),
  "POST /api/v1/models": route("projects:manage", "not-found", (t) => ({
    path: "/api/v1/models",
    data: { projectId: t.projectId, displayName: unique("API model"), baseModel: BASE },
  })),
  "GET /api/v1/models/[id]": route("team:read", "not-found", (t) => ({ path: `/api/v1/models/${t.modelId}` })),
  "GET /api/v1/models/[id]/migration-options": route("team:read", "not-found", (t) => ({ path: `/api/v1/models/${t.modelId}/migration-options` })),
  "GET /api/v1/models/[id]/usage": route("team:read", "not-found", (t) => ({ path: `/api/v1/models/${t.modelId}/usage` })),
  "PUT /api/v1/models/[id]/usage/[month]": route("usage:write", "not-found", (t) => ({ path: `/api/v1/models/${t.modelId}/usage/2026-03`, data: figures })),
  // A batch names models by id or provider id; another team's model is an unknown model there (a validation error
  // for the whole batch), not a 404. Nothing is written either way.
  "POST /api/v1/usage/batch": route("usage:write", "refused", (t) => ({
    path: "/api/v1/usage/batch",
    data: { records: [{ model: t.modelId, month: "2026-06", ...figures }] },
  })),
  "GET /api/v1/usage/export.csv": route("team:read", "not-found", (t) => ({ path: `/api/v1/usage/export.csv?projectId=${t.projectId}` })),
  "POST /api/v1/estimates": route("team:read", "own-team", () => ({ path: "/api/v1/estimates", data: estimate })),
  "POST /api/v1/datasets/analyze": route("team:read", "own-team", () => ({
    path: "/api/v1/datasets/analyze?baseModel=gpt-4o-mini",
    data: Buffer.from('{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}\n'),
    headers: { "content-type": "application/x-ndjson" },
  })),
  "POST /api/v1/datasets/[id]/token-counts": route("usage:write", "not-found", (t) => ({
    path: `/api/v1/datasets/${t.datasetId}/token-counts?tokenizers=cl100k_base`,
    data: MATRIX_DATASET_FILE,
    headers: { "content-type": "application/x-ndjson" },
  })),
  "GET /api/v1/alerts": route("team:read", "own-team", () => ({ path: "/api/v1/alerts" })),
  "GET /api/v1/alerts/[id]": route("team:read", "not-found", (t) => ({ path: `/api/v1/alerts/${t.alertId}` })),
  "POST /api/v1/alerts/[id]/acknowledge": route("usage:write", "not-found", async (t) => (await reopenAlert(t), { path: `/api/v1/alerts/${t.alertId}/acknowledge`, data: { note: "api" } })),
  "POST /api/v1/alerts/[id]/snooze": route("usage:write", "not-found", async (t) => (await reopenAlert(t), { path: `/api/v1/alerts/${t.alertId}/snooze`, data: {} })),
};
