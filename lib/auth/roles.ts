import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

/** Every permission the app checks. Anything not listed here is denied. */
export type Permission =
  | "team:read"
  | "usage:write"
  | "projects:manage"
  | "prices:manage"
  | "apikeys:manage"
  | "members:manage"
  | "team:manage";

const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  VIEWER: new Set(["team:read"]),
  MEMBER: new Set(["team:read", "usage:write"]),
  ADMIN: new Set(["team:read", "usage:write", "projects:manage", "prices:manage", "apikeys:manage"]),
  OWNER: new Set(["team:read", "usage:write", "projects:manage", "prices:manage", "apikeys:manage", "members:manage", "team:manage"]),
};

const KEY_SCOPES: Record<"READ" | "WRITE", ReadonlySet<Permission>> = {
  READ: new Set(["team:read"]),
  // A write key feeds usage and the projects/models it belongs to; it never manages people, prices or keys.
  WRITE: new Set(["team:read", "usage:write", "projects:manage"]),
};

/** What an API key's scope allows; unknown scopes and permissions are denied. */
export function keyCan(scope: string, permission: string): boolean {
  const allowed = KEY_SCOPES[scope as "READ" | "WRITE"] as ReadonlySet<string> | undefined;
  return allowed?.has(permission) ?? false;
}

/** Fails closed: an unknown role or permission is denied. */
export function can(role: string, permission: string): boolean {
  const allowed = MATRIX[role as Role] as ReadonlySet<string> | undefined;
  return allowed?.has(permission) ?? false;
}

export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];
