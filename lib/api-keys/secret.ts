import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX_RE = /^tc_[0-9a-f]{8}$/;
const KEY_RE = /^(tc_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** A new key: `tc_<8 hex>_<43 chars of base64url>` (256 random bits). The prefix is shown in lists; the rest never again. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `tc_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** SHA-256 of the whole key: the secret has 256 bits of entropy, so a slow password hash would add nothing. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The prefix of a well-formed key, or null. */
export function parseApiKey(key: string): string | null {
  return KEY_RE.exec(key)?.[1] ?? null;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function matchesHash(key: string, secretHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), "hex");
  const b = Buffer.from(secretHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isPrefix(value: string): boolean {
  return PREFIX_RE.test(value);
}
