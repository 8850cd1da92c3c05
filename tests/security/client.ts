/**
 * HTTP helpers for the security tests: real next-auth sessions and server actions posted exactly as the browser posts
 * them (React Server Components reply encoding), against the production server the e2e stage starts.
 */
import { randomUUID } from "node:crypto";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { sql } from "../e2e/support";
import type { BuiltAction } from "./enumerate";

export interface Credentials {
  email: string;
  password: string;
}

/** A fresh context; `origin` is sent on every request, as a browser sends it on POSTs. */
export async function newClient(baseURL: string, origin: string | null = baseURL): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: origin ? { origin } : {}, maxRedirects: 0 });
}

/** Logs in through next-auth's credentials endpoint (CSRF token first), as the login form's signIn() does. */
export async function logInClient(baseURL: string, who: Credentials): Promise<APIRequestContext> {
  const client = await newClient(baseURL);
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await client.post("/api/auth/callback/credentials", {
    form: { email: who.email, password: who.password, csrfToken, callbackUrl: `${baseURL}/`, json: "true" },
  });
  const cookies = (await client.storageState()).cookies.map((c) => c.name);
  if (!res.ok() || !cookies.some((n) => n.endsWith("next-auth.session-token"))) {
    throw new Error(`log in as ${who.email} failed: ${res.status()} ${await res.text()}`);
  }
  return client;
}

/** A value the action answered (an ActionResult), or the raw response when it was refused before running. */
export interface ActionCall {
  status: number;
  text: string;
  result: { ok: boolean; code?: string; message?: string; data?: unknown } | null;
}

/** A File argument: sent as a multipart part, as React encodes a FormData argument. */
export interface FormArg {
  form: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
}

/**
 * Posts a server action as the browser does: `Next-Action: <id>`, `Accept: text/x-component`, the arguments encoded
 * by React's encodeReply (a JSON array for plain values; for a FormData argument, its fields prefixed "_1_", then the
 * argument list `["$K1"]` in field "0"), to a page whose bundle holds the action.
 */
export async function postAction(
  client: APIRequestContext,
  action: BuiltAction,
  path: string,
  arg: unknown,
  headers: Record<string, string> = {},
): Promise<ActionCall> {
  const common = { "next-action": action.id, accept: "text/x-component", ...headers };
  let res: APIResponse;
  if (arg && typeof arg === "object" && "form" in arg) {
    // Order matters: the server resolves the arguments when field "0" arrives, so it goes last, as in the browser.
    const multipart = new FormData();
    for (const [k, v] of Object.entries((arg as FormArg).form)) {
      if (typeof v === "string") multipart.append(`_1_${k}`, v);
      else multipart.append(`_1_${k}`, new File([new Uint8Array(v.buffer)], v.name, { type: v.mimeType }));
    }
    multipart.append("0", '["$K1"]');
    res = await client.post(path, { headers: common, multipart });
  } else {
    res = await client.post(path, {
      headers: { ...common, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(arg === undefined ? [] : [arg]),
    });
  }
  const text = await res.text();
  return { status: res.status(), text, result: parseActionResult(res.headers()["content-type"] ?? "", text) };
}

/**
 * The action's return value from a React Server Components response: row 0 is `{ "a": "$@<row>", … }` and that row
 * holds the value as JSON. Null when the response is not a flight payload (the action never ran).
 */
export function parseActionResult(contentType: string, text: string): ActionCall["result"] {
  if (!contentType.startsWith("text/x-component")) return null;
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const head = rows.get("0");
  if (!head) return null;
  let a: unknown;
  try {
    a = (JSON.parse(head) as { a?: unknown }).a;
  } catch {
    return null;
  }
  if (typeof a === "string" && a.startsWith("$@")) {
    const row = rows.get(a.slice(2));
    try {
      a = row === undefined ? null : JSON.parse(row);
    } catch {
      return null;
    }
  }
  return a && typeof a === "object" && "ok" in a ? (a as ActionCall["result"]) : null;
}

/** Signs up a user and their team through the sign-up action (the path the sign-up form takes). */
export async function signUpByAction(baseURL: string, signUp: BuiltAction, prefix: string): Promise<Credentials & { name: string; teamName: string }> {
  const id = randomUUID().slice(0, 8);
  const who = { name: `Sec ${id}`, email: `${prefix}-${id}@example.test`, password: `pass-${id}-phrase`, teamName: `Sec team ${id}` };
  const client = await newClient(baseURL);
  try {
    const call = await postAction(client, signUp, "/signup", who);
    if (!call.result?.ok) throw new Error(`sign-up failed: ${call.status} ${call.text.slice(0, 300)}`);
  } finally {
    await client.dispose();
  }
  return who;
}

/** The snapshot query: every table with a "teamId" column, read from the database itself (also tables added later). */
let snapshotQuery: Promise<string> | undefined;

/**
 * Every row the team owns, in every team-scoped table (rows in the order of their text: not every table has an id),
 * plus the team row itself, in one round trip: compared before and after a refused request to prove it changed nothing.
 */
export async function snapshotTeam(teamId: string): Promise<Record<string, unknown>> {
  snapshotQuery ??= sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'teamId' ORDER BY table_name`,
  ).then((rows) =>
    [`(SELECT json_agg(t) FROM "Team" t WHERE id = $1) AS "Team"`]
      .concat(rows.map(({ table_name: n }) => `(SELECT json_agg(t ORDER BY t::text) FROM "${n.replace(/"/g, "")}" t WHERE "teamId" = $1) AS "${n.replace(/"/g, "")}"`))
      .join(",\n"),
  );
  const [row] = await sql(`SELECT ${await snapshotQuery}`, [teamId]);
  return row ?? {};
}

/**
 * The secrets of a team that must never leave the server: its members' password hashes, its API keys' hashes and its
 * webhooks' signing secrets (shown once, when created, and never again), plus the server's NEXTAUTH_SECRET.
 */
export async function teamSecrets(teamId: string, nextAuthSecret: string): Promise<string[]> {
  const [hashes, keys, hooks] = await Promise.all([
    sql<{ v: string }>(`SELECT u."passwordHash" AS v FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE m."teamId" = $1`, [teamId]),
    sql<{ v: string }>(`SELECT "secretHash" AS v FROM "ApiKey" WHERE "teamId" = $1`, [teamId]),
    sql<{ v: string }>(`SELECT secret AS v FROM "Webhook" WHERE "teamId" = $1`, [teamId]),
  ]);
  return [...hashes, ...keys, ...hooks].map((r) => r.v).concat(nextAuthSecret);
}

/** The secrets (or the `$argon2` marker of any password hash) found in `text`, shortened for the failure message. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const found = secrets.filter((s) => s && text.includes(s)).map((s) => `${s.slice(0, 12)}…`);
  if (text.includes("$argon2")) found.push("$argon2…");
  return found;
}
