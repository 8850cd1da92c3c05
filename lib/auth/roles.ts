import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

/**
 * Every permission the app checks, in the words of issue #8. Anything not listed here is denied.
 * - `team:read`: read everything of the team (and leave it); every role.
 * - `usage:write`: log usage, import, analyse and save datasets, acknowledge or snooze alerts; members and up.
 * - `projects:manage`: projects and models, with their budgets and alert rules; admins and up.
 * - `prices:manage`, `apikeys:manage`, `webhooks:manage`: team prices, API keys, webhooks; admins and up.
 * - `members:manage`: invite, change roles, remove members; owners.
 * - `team:manage`: the team itself (transfer ownership); owners.
 * - `audit:read`: view and export the audit log; admins and up.
 */
export type Permission =
  | "team:read"
  | "usage:write"
  | "projects:manage"
  | "prices:manage"
  | "apikeys:manage"
  | "webhooks:manage"
  | "members:manage"
  | "team:manage"
  | "audit:read";

const VIEWER: readonly Permission[] = ["team:read"];
const MEMBER: readonly Permission[] = [...VIEWER, "usage:write"];
const ADMIN: readonly Permission[] = [...MEMBER, "projects:manage", "prices:manage", "apikeys:manage", "webhooks:manage", "audit:read"];
const OWNER: readonly Permission[] = [...ADMIN, "members:manage", "team:manage"];

/** The one permission matrix: each role holds everything of the role below it, plus its own. */
const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  VIEWER: new Set(VIEWER),
  MEMBER: new Set(MEMBER),
  ADMIN: new Set(ADMIN),
  OWNER: new Set(OWNER),
};

const KEY_SCOPES: Record<"READ" | "WRITE", ReadonlySet<Permission>> = {
  READ: new Set(["team:read"]),
  // A write key feeds usage and the projects/models it belongs to; it never manages people, prices or keys.
  WRITE: new Set(["team:read", "usage:write", "projects:manage"]),
};

/** What an API key's scope allows; unknown scopes and permissions are denied. */
export function keyCan(scope: string, permission: string): boolean {
  // Own keys only: "__proto__" or "toString" must not reach Object.prototype.
  const allowed = Object.hasOwn(KEY_SCOPES, scope) ? (KEY_SCOPES[scope as "READ" | "WRITE"] as ReadonlySet<string>) : undefined;
  return allowed?.has(permission) ?? false;
}

/** Fails closed: an unknown role or permission is denied. */
export function can(role: string, permission: string): boolean {
  const allowed = Object.hasOwn(MATRIX, role) ? (MATRIX[role as Role] as ReadonlySet<string>) : undefined;
  return allowed?.has(permission) ?? false;
}

export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

/** Roles an owner can give by invitation or role change; OWNER only passes by transferring ownership. */
export const ASSIGNABLE_ROLES = ["ADMIN", "MEMBER", "VIEWER"] as const satisfies readonly Role[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];
