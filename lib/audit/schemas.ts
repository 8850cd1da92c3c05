import { z } from "zod";
import { AUDIT_ENTITY_TYPES } from "./entity-types";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-15")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a real date");

// URL state: an empty field of the filter form arrives as "", which means "no filter".
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The audit log's filters, from the page's URL or the export's; every one optional. */
export const auditFilterSchema = z
  .object({
    type: optional(z.enum(AUDIT_ENTITY_TYPES, { error: "Unknown kind of change" })),
    /** Who acted: a user's e-mail, "API key tc_…" or "system" (case-insensitive, whole label). */
    actor: optional(z.string().trim().max(320, "Use at most 320 characters")),
    /** A dotted action, e.g. "usage.update". */
    action: optional(z.string().trim().regex(/^[a-z_]+\.[a-z_]+$/, "Use an action like usage.update")),
    /** The changed thing's id (a usage record, project, model, key…). */
    entity: optional(z.string().trim().max(100, "Use at most 100 characters")),
    /** First and last day, inclusive, UTC. */
    from: optional(isoDate),
    to: optional(isoDate),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must not be after the end date", path: ["to"] });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** A page of the log: the filters plus the keyset cursor (show entries older than this id). */
export const auditPageSchema = z.object({
  cursor: optional(z.string().regex(/^\d{1,18}$/, "Not a page of this log")),
});

export const AUDIT_FILTER_KEYS = ["type", "actor", "action", "entity", "from", "to"] as const;
