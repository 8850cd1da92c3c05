import { describe, expect, it } from "vitest";
import { ASSIGNABLE_ROLES, can, keyCan, ROLES, type Permission } from "./roles";

// The matrix of issue #8, written out: viewer reads; member logs usage and imports; admin manages projects, models,
// prices, alert rules, API keys and webhooks; owner manages members and the team itself.
const EXPECTED: Record<Permission, readonly string[]> = {
  "team:read": ["OWNER", "ADMIN", "MEMBER", "VIEWER"],
  "usage:write": ["OWNER", "ADMIN", "MEMBER"],
  "projects:manage": ["OWNER", "ADMIN"],
  "prices:manage": ["OWNER", "ADMIN"],
  "apikeys:manage": ["OWNER", "ADMIN"],
  "webhooks:manage": ["OWNER", "ADMIN"],
  "members:manage": ["OWNER"],
  "team:manage": ["OWNER"],
  "audit:read": ["OWNER", "ADMIN"],
};

describe("permission matrix", () => {
  for (const [permission, roles] of Object.entries(EXPECTED)) {
    it(`${permission}: ${roles.join(", ")}`, () => {
      for (const role of ROLES) expect(can(role, permission), `${role} ${permission}`).toBe(roles.includes(role));
    });
  }

  it("fails closed: an unknown permission or role is denied", () => {
    for (const role of ROLES) {
      expect(can(role, "members:delete")).toBe(false);
      expect(can(role, "")).toBe(false);
      expect(can(role, "toString")).toBe(false);
    }
    expect(can("SUPERUSER", "team:read")).toBe(false);
    expect(can("owner", "team:read")).toBe(false);
    expect(can("__proto__", "team:read")).toBe(false);
    expect(keyCan("ADMIN", "team:read")).toBe(false);
    expect(keyCan("__proto__", "team:read")).toBe(false);
    expect(keyCan("WRITE", "members:manage")).toBe(false);
  });

  it("gives API keys no say over people, prices, keys or webhooks", () => {
    expect(keyCan("READ", "team:read")).toBe(true);
    expect(keyCan("READ", "usage:write")).toBe(false);
    expect(keyCan("WRITE", "usage:write")).toBe(true);
    for (const p of ["prices:manage", "apikeys:manage", "webhooks:manage", "members:manage", "team:manage"]) {
      expect(keyCan("WRITE", p)).toBe(false);
    }
  });

  it("never hands out OWNER by role change or invitation", () => {
    expect(ASSIGNABLE_ROLES).toEqual(["ADMIN", "MEMBER", "VIEWER"]);
  });
});
