import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";

const root = process.cwd();
const e2eData = join(root, ".data", "e2e");
const E2E_PG_PORT = Number(process.env.TUNECOST_E2E_PG_PORT ?? 54349);

export interface Account {
  name: string;
  email: string;
  password: string;
  teamName: string;
}

/** Fresh credentials so every test has its own user and team. */
export function newAccount(prefix = "e2e"): Account {
  const id = randomUUID().slice(0, 8);
  return { name: `Tess ${id}`, email: `${prefix}-${id}@example.test`, password: `pass-${id}-phrase`, teamName: `Team ${id}` };
}

/** Signs up through the real form and waits for the dashboard. */
export async function signUp(page: Page, account: Account = newAccount()): Promise<Account> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Team name").fill(account.teamName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  return account;
}

/** Logs in through the real form. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Runs the tunecost CLI against the e2e server's database (it shares the running embedded server). */
export function cli(...args: string[]): string {
  return execFileSync(process.execPath, [join(root, "bin", "tunecost.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, TUNECOST_DATA_DIR: e2eData, TUNECOST_PG_PORT: String(E2E_PG_PORT) },
    encoding: "utf8",
  });
}

/** Direct SQL on the e2e database, for setting up states the UI cannot reach yet. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const password = readFileSync(join(e2eData, "postgres.password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${E2E_PG_PORT}/tunecost` });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Logs out through the shell's button and waits until the login page is shown. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
}

/** The error box of the page's form (Next's route announcer is also role=alert, so scope to the form). */
export function formError(page: Page) {
  return page.locator("form").getByRole("alert");
}
