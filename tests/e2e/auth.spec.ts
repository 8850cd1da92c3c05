import { expect, test } from "@playwright/test";
import { cli, formError, logIn, logOut, signUp, sql } from "./support";

const SECTIONS = ["Dashboard", "Projects", "Models", "Usage", "Alerts", "Estimate", "Settings"];

test("sign up lands on the dashboard shell with every section and its empty state", async ({ page }) => {
  const account = await signUp(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of SECTIONS) await expect(nav.getByRole("link", { name: section })).toBeVisible();
  await expect(page.getByTestId("current-team")).toHaveText(account.teamName);

  await nav.getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(page.getByText("No open alerts — all quiet")).toBeVisible();
  await nav.getByRole("link", { name: "Projects" }).click();
  await expect(page.getByText("No projects yet")).toBeVisible();
  await expect(nav.getByRole("link", { name: "Projects" })).toHaveAttribute("aria-current", "page");
});

test("a protected page redirects to the login when logged out", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
});

test("log out, then log in again", async ({ page }) => {
  const account = await signUp(page);
  await logOut(page);
  await page.goto("/usage");
  await expect(page).toHaveURL(/\/login$/);

  await logIn(page, account.email, account.password);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
});

test("a wrong password and an unknown e-mail get the same error text", async ({ page }) => {
  const account = await signUp(page);
  await logOut(page);

  await logIn(page, account.email, "not-the-password");
  await expect(formError(page)).toHaveText("Incorrect e-mail or password.");
  await logIn(page, `nobody-${account.email}`, "not-the-password");
  await expect(formError(page)).toHaveText("Incorrect e-mail or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failures are throttled, even with the right password", async ({ page, request }) => {
  const account = await signUp(page);
  await logOut(page);
  // The e2e server allows 3 failures per e-mail per window.
  for (let i = 0; i < 3; i++) {
    await logIn(page, account.email, `wrong-${i}`);
    await expect(formError(page)).toHaveText("Incorrect e-mail or password.");
  }
  await logIn(page, account.email, account.password);
  await expect(formError(page)).toHaveText(/Too many failed attempts/);

  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken: csrf.csrfToken, json: "true" },
  });
  expect(res.status()).toBe(429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
});

test("signing up twice with one e-mail shows a field error", async ({ page }) => {
  const account = await signUp(page);
  await logOut(page);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Someone else");
  await page.getByLabel("E-mail").fill(account.email.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByLabel("Team name").fill("Another team");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this e-mail already exists. Log in instead.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
});

test("a member of several teams switches between them", async ({ page }) => {
  const account = await signUp(page);
  const slug = `second-${account.email.slice(4, 12)}`;
  const out = cli("user", "create", "--email", account.email, "--password", "ignored-existing", "--team", slug, "--role", "VIEWER");
  expect(out).toContain(`Created team ${slug}.`);

  await page.reload();
  const switcher = page.getByLabel("Team");
  await expect(switcher).toBeVisible();
  await switcher.selectOption({ label: slug });
  await expect(page.getByText("viewer", { exact: true })).toBeVisible();
  await page.reload();
  await expect(switcher).toHaveValue(/.+/);
  await expect(switcher.locator("option:checked")).toHaveText(slug);
});

test("a removed membership loses access on the next request", async ({ page }) => {
  const account = await signUp(page);
  await sql(`DELETE FROM "Membership" WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [account.email]);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/no-team$/);
  await expect(page.getByText("You are not in a team")).toBeVisible();
  const api = await page.request.get("/api/v1/me");
  expect(api.status()).toBe(401);
});

test("a cross-origin POST with the session cookie is refused; same-origin and GET pass the guard", async ({ page }) => {
  await signUp(page);
  const evil = await page.request.post("/api/v1/no-such-route", { headers: { Origin: "https://evil.example" }, data: {} });
  expect(evil.status()).toBe(403);
  const same = await page.request.post("/api/v1/no-such-route", { headers: { Origin: new URL(page.url()).origin }, data: {} });
  expect(same.status()).toBe(404);
  const me = await page.request.get("/api/v1/me", { headers: { Origin: "https://evil.example" } });
  expect(me.status()).toBe(200);
});
