import { expect, test } from "@playwright/test";
import { formError, logIn, newAccount, signUp } from "./support";

// Each test signs up or logs in three or four times (argon2 on a shared 2-core machine): a budget, not a timed assertion.
test.describe.configure({ timeout: 90_000 });

test("owner invites, the invitee signs up through the link as a viewer, then is removed and loses access", async ({ page, browser }) => {
  const owner = await signUp(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members (1)" })).toBeVisible();
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await expect(page.getByText("You are the team's only owner")).toBeVisible();

  const invitee = newAccount("invitee");
  await page.getByLabel("E-mail address").fill(invitee.email);
  await page.getByLabel("Role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await page.getByTestId("invitation-link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId(`invitation-${invitee.email}`)).toContainText("Viewer");

  const other = await browser.newContext();
  const guest = await other.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: `Join ${owner.teamName}` })).toBeVisible();
  await expect(guest.getByLabel("E-mail")).toHaveValue(invitee.email);
  await guest.getByLabel("Your name").fill(invitee.name);
  // A common password is refused with a reason, not a composition rule.
  await guest.getByLabel("Password").fill("Password1");
  await guest.getByRole("button", { name: "Create account and join" }).click();
  await expect(guest.getByText(/on a list of commonly used passwords/)).toBeVisible();
  await guest.getByLabel("Password").fill(invitee.password);
  await guest.getByRole("button", { name: "Create account and join" }).click();
  await expect(guest.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(guest.getByTestId("current-team")).toHaveText(owner.teamName);
  await expect(guest.getByText("viewer", { exact: true })).toBeVisible();

  // The link is spent.
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "Invitation already used" })).toBeVisible();

  // The viewer sees the members read-only.
  await guest.goto("/settings/members");
  await expect(guest.getByText("Only the team's owners can invite people")).toBeVisible();
  await expect(guest.getByRole("button", { name: /Remove/ })).toHaveCount(0);

  await page.reload();
  const row = page.getByTestId(`member-${invitee.email}`);
  await expect(row).toContainText("Viewer");
  await row.getByRole("button", { name: `Remove ${invitee.name}…` }).click();
  await row.getByRole("button", { name: `Remove ${invitee.name}`, exact: true }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Members (1)" })).toBeVisible();

  // The invitee's next navigation is denied: they belong to no team any more.
  await guest.goto("/projects");
  await expect(guest).toHaveURL(/\/no-team$/);
  await expect(guest.getByRole("heading", { name: "You are not in a team" })).toBeVisible();
  await other.close();
});

test("changing the password keeps this browser signed in and logs out the others", async ({ page, browser }) => {
  const account = await signUp(page);
  const other = await browser.newContext();
  const second = await other.newPage();
  await logIn(second, account.email, account.password);
  await expect(second.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("New password again").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Your other sessions are logged out; this one stays.")).toBeVisible();

  // This browser: still signed in on its next navigation.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  // The other browser: its next navigation goes to the login; the old password no longer works, the new one does.
  await second.goto("/projects");
  await expect(second).toHaveURL(/\/login$/);
  await logIn(second, account.email, account.password);
  await expect(formError(second)).toHaveText("Incorrect e-mail or password.");
  await logIn(second, account.email, "a brand new passphrase");
  await expect(second.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await other.close();
});
