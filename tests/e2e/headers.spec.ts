/**
 * Issue #8: security headers on pages and API responses, the session cookie's attributes, next-auth's CSRF check,
 * and every page working in the browser under the Content-Security-Policy (no violation reported).
 */
import { expect, test, type Page } from "@playwright/test";
import { logInClient, newClient, signUpByAction } from "../security/client";
import { listBuiltActions } from "../security/enumerate";
import { signUp } from "./support";

const signUpAction = () => listBuiltActions().find((a) => a.key === "lib/teams/actions.ts#signUpAction")!;

function directives(csp: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

const COMMON = { "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin", "x-frame-options": "DENY" };

test("pages carry a nonce-based CSP (no inline scripts allowed), frame-ancestors 'none', nosniff and a referrer policy", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expect(first.status()).toBe(200);
  expect(first.headers()).toMatchObject(COMMON);
  const csp = directives(first.headers()["content-security-policy"]);
  const scriptSrc = csp.get("script-src") ?? [];
  const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"));
  expect(nonce, "script-src has a nonce").toBeDefined();
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
  // Each response has its own nonce, and Next put it on the page's scripts.
  expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
  const html = await first.text();
  const value = nonce!.slice("'nonce-".length, -1);
  expect(html).toContain(`nonce="${value}"`);
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, "every script carries the nonce").toContain(`nonce="${value}"`);
});

test("API responses forbid loading, running and framing anything, with nosniff and a referrer policy", async ({ request }) => {
  for (const [path, status] of [["/api/health", 200], ["/api/v1/openapi.json", 200], ["/api/v1/me", 401], ["/api/auth/csrf", 200]] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(status);
    expect(res.headers(), path).toMatchObject(COMMON);
    const csp = directives(res.headers()["content-security-policy"]);
    expect(csp.get("default-src"), path).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
  }
});

test("the session cookie is HttpOnly and SameSite=Lax, and not Secure over plain http", async ({ baseURL }) => {
  const who = await signUpByAction(baseURL!, signUpAction(), "cookie");
  const client = await newClient(baseURL!);
  try {
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await client.post("/api/auth/callback/credentials", { form: { email: who.email, password: who.password, csrfToken, json: "true" } });
    expect(res.status()).toBe(200);
    const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    const session = cookies.find((c) => c.startsWith("next-auth.session-token="));
    expect(session, `session cookie among ${cookies.map((c) => c.split("=")[0]).join(", ")}`).toBeDefined();
    const attributes = session!.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  } finally {
    await client.dispose();
  }
});

test("next-auth's own endpoints refuse a cross-site POST without its CSRF token: the session survives", async ({ baseURL }) => {
  const account = await signUpByAction(baseURL!, signUpAction(), "csrf");
  const client = await logInClient(baseURL!, account);
  try {
    const out = await client.post("/api/auth/signout", { headers: { origin: "http://evil.example" }, form: { callbackUrl: "/" } });
    expect(out.status()).toBeLessThan(500);
    expect((await client.get("/api/v1/me")).status(), "still signed in").toBe(200);
  } finally {
    await client.dispose();
  }
});

/**
 * Records CSP violations the page reports (Playwright's init script itself is not subject to the page's CSP). A
 * blocked `eval` is left out on purpose: zod 4 probes whether `new Function` works (to compile faster parsers) and
 * falls back when the CSP refuses it; the policy forbids eval and the page keeps working, which the steps check.
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      if (e.blockedURI !== "eval") w.__csp.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text()) && !/unsafe-eval|'eval'/.test(m.text())) console.push(m.text());
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []))];
}

test("every kind of page works under the CSP: charts, forms, the analyzer's Web Worker", async ({ page }) => {
  test.setTimeout(60_000);
  const violations = await watchCsp(page);
  await signUp(page);
  await page.goto("/estimate?trainingOn=2026-06-01");
  await page.getByRole("button", { name: "Production app" }).click();
  await expect(page.getByText("$3,511.00").first()).toBeVisible();
  await expect(page.locator("canvas").first()).toBeVisible();
  expect(await violations()).toEqual([]);

  await page.goto("/estimate/analyze");
  const line = JSON.stringify({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello there" }] });
  await page.getByLabel("Training file").setInputFiles({ name: "train.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(`${line}\n${line}\n`) });
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("of 2 examples");
  expect(await violations()).toEqual([]);

  for (const path of ["/", "/projects", "/models", "/usage", "/usage/import", "/alerts", "/settings", "/settings/pricing", "/settings/api-keys", "/settings/notifications"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
});
