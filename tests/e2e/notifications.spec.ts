import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signUp } from "./support";

// The e2e server allows 127.0.0.1 as a webhook target (TUNECOST_WEBHOOK_ALLOW_HOSTS in scripts/e2e-server.mjs).
test("a webhook added in Settings gets a signed test, its secret is shown once, and the log shows the delivery", async ({ page }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tunecost-hook`;

  try {
    await signUp(page);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Notifications" }).click();
    await expect(page.getByText("No webhooks yet.")).toBeVisible();

    // The SSRF guard names the problem on the field.
    await page.getByLabel("URL", { exact: true }).fill("https://10.0.0.5/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByLabel("URL", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("10.0.0.5 is a private address")).toBeVisible();

    await page.getByLabel("URL", { exact: true }).fill(url);
    await page.getByLabel("Description (optional)").fill("e2e receiver");
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = page.getByRole("row", { name: /tunecost-hook/ });
    await expect(row).toContainText("e2e receiver");
    await expect(row).toContainText("Active");

    // Shown once: after a reload the page holds no trace of it.
    await page.reload();
    await expect(page.getByRole("row", { name: /tunecost-hook/ })).toBeVisible();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret.slice("whsec_".length));

    await page.getByRole("row", { name: /tunecost-hook/ }).getByRole("button", { name: "Send test" }).click();
    await expect(page.getByText("Test delivered: HTTP 200")).toBeVisible();

    // The receiver verifies the Standard Webhooks signature with the secret it was given.
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const signed = `${String(headers["webhook-id"])}.${String(headers["webhook-timestamp"])}.${body}`;
    expect(headers["webhook-signature"]).toBe(`v1,${createHmac("sha256", key).update(signed).digest("base64")}`);
    expect(JSON.parse(body)).toMatchObject({ type: "webhook.test" });

    const log = page.getByRole("table", { name: "Deliveries, newest first" });
    const entry = log.getByRole("row").nth(1);
    await expect(entry).toContainText("webhook.test");
    await expect(entry).toContainText("Succeeded");
    await expect(entry).toContainText("HTTP 200");
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});
