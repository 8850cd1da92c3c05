import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signUp, sql } from "./support";

const FT = "ft:gpt-4o-mini-2024-07-18:acme:support:E2e001";
const HEADER = "month,model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd";

/** A project and a fine-tuned model for the signed-up user's team, straight in the database (setup, not under test). */
async function seedModel(email: string): Promise<void> {
  const [membership] = await sql<{ teamId: string }>(`SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [email]);
  const [project] = await sql<{ id: string }>(`INSERT INTO "Project" (id, "teamId", name, "updatedAt") VALUES (gen_random_uuid(), $1, 'E2E project', now()) RETURNING id`, [membership!.teamId]);
  await sql(
    `INSERT INTO "FineTunedModel" (id, "teamId", "projectId", "displayName", "providerModelId", "baseModelId", status, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'Support v1', $3, 'gpt-4o-mini-2024-07-18', 'ACTIVE', now())`,
    [membership!.teamId, project!.id, FT],
  );
}

async function checkFile(page: Page, text: string) {
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
}

test("a CSV with a bad row is refused with its line and reason; fixed, it imports and shows in the export", async ({ page }) => {
  const account = await signUp(page);
  await seedModel(account.email);
  await page.goto("/usage/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import usage" })).toBeVisible();

  await checkFile(page, `${HEADER}\n2026-02,${FT},1000000,200000,500000,900,\n2026-03,${FT},-5,0,10,1,\n`);
  const problems = page.getByRole("table", { name: /Problems/ });
  await expect(problems.getByRole("row", { name: /Line 3/ })).toContainText('input_tokens: must not be negative ("-5")');
  await expect(page.getByRole("button", { name: /^Import/ })).toBeDisabled();

  const good = `${HEADER}\r\n2026-02,${FT},1000000,200000,500000,900,\r\n2026-03,${FT},2000000,0,1000000,,1.50\r\n`;
  await checkFile(page, good);
  await expect(page.getByRole("table", { name: /Problems/ })).toHaveCount(0);
  const rows = page.getByRole("table", { name: "Rows to import" });
  await expect(rows.getByRole("row", { name: /2026-02/ })).toContainText("$0.87");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("Imported 2 rows: 2 changed, 0 unchanged.")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download usage CSV" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\r\n")).toEqual([
    "month,project,model,provider_model_id,base_model,input_tokens,cached_input_tokens,output_tokens,requests,cost_usd,invoiced_cost_usd,as_of,source,provider,batch_input_tokens,batch_output_tokens,hosting_hours,fixed_cost_usd",
    `2026-02,E2E project,Support v1,${FT},gpt-4o-mini-2024-07-18,1000000,200000,500000,900,0.87,,,csv,openai,0,0,,0`,
    `2026-03,E2E project,Support v1,${FT},gpt-4o-mini-2024-07-18,2000000,0,1000000,,1.8,1.5,,csv,openai,0,0,,0`,
    "",
  ]);

  // The same file again changes nothing.
  await checkFile(page, good);
  await expect(page.getByRole("status").filter({ hasText: "2 rows ready" })).toContainText("0 new, 0 replacing stored figures, 2 unchanged");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByText("Imported 2 rows: 0 changed, 2 unchanged.")).toBeVisible();
});
