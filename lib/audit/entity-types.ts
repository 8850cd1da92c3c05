/** Kinds of audited things; `/settings/audit` filters by these. Client-safe (no server imports). */
export const AUDIT_ENTITY_TYPES = [
  "usage",
  "price",
  "project",
  "model",
  "member",
  "invitation",
  "api_key",
  "webhook",
  "import",
  "team",
  "alert",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** How the page names each kind. */
export const AUDIT_ENTITY_LABELS: Record<AuditEntityType, string> = {
  usage: "Usage",
  price: "Prices",
  project: "Projects",
  model: "Models",
  member: "Members",
  invitation: "Invitations",
  api_key: "API keys",
  webhook: "Webhooks",
  import: "Imports",
  team: "Team",
  alert: "Alerts",
};
