import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, webhookHeaders } from "./signature";

describe("Standard Webhooks signature", () => {
  it("reproduces the specification's published test vector", () => {
    const signature = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs id.timestamp.body with the base64-decoded secret, as a receiver recomputes it", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: "alert.opened", data: { note: "ünïcode ✓" } });
    const headers = webhookHeaders(secret, "msg_abc_opened_1", body, new Date("2026-11-22T10:00:00.900Z"));
    expect(headers["webhook-id"]).toBe("msg_abc_opened_1");
    expect(headers["webhook-timestamp"]).toBe("1795341600"); // whole seconds, truncated
    const key = Buffer.from(secret.split("_")[1]!, "base64");
    const expected = createHmac("sha256", key).update(`msg_abc_opened_1.1795341600.${body}`, "utf8").digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("changes with any byte of the body", () => {
    const secret = newWebhookSecret();
    expect(signWebhook(secret, "m", 1, '{"a":1}')).not.toBe(signWebhook(secret, "m", 1, '{"a":2}'));
  });

  it("makes a fresh 256-bit secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
