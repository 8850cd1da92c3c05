import { z } from "zod";
import { projectionMonthSchema } from "@/lib/projections/schemas";

// Inputs of the alert actions and routes, and the JSON views they answer (also the OpenAPI components).

export const ALERT_KINDS = ["DEVIATION", "BUDGET_FORECAST", "BUDGET_ACTUAL", "ANOMALY", "RETIREMENT"] as const;
export const ALERT_STATUSES = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** `?status=open|acknowledged|resolved` as the stored enum value. */
export const alertStatusParam = z
  .enum(["open", "acknowledged", "resolved"])
  .transform((s) => s.toUpperCase() as AlertStatus)
  .describe("Only alerts in this state.");

/** The largest page GET /api/v1/alerts and listAlerts return. */
export const MAX_ALERT_PAGE = 500;

/** GET /api/v1/alerts: filters and keyset pagination. */
export const listAlertsQuerySchema = z.strictObject({
  status: alertStatusParam.optional(),
  projectId: z.uuid("Must be a project id").optional().describe("Only this project's alerts."),
  limit: z.coerce.number().int().min(1).max(MAX_ALERT_PAGE).optional().describe(`Page size, 1–${MAX_ALERT_PAGE}; default 100.`),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
});

const note = z.string().trim().max(1000, "Use at most 1,000 characters");

/** POST /api/v1/alerts/{id}/acknowledge. */
export const acknowledgeBodySchema = z.strictObject({ note: note.optional() });

/** acknowledgeAlertAction({ id, note? }). */
export const acknowledgeAlertSchema = z.strictObject({ id: z.uuid(), note: note.optional() });

/** snoozeAlertAction({ id }). */
export const snoozeAlertSchema = z.strictObject({ id: z.uuid() });

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('An exact decimal number as a string, e.g. "1500.5".');
const timestamp = z.iso.datetime();

export const alertSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectName: z.string(),
  modelId: z.uuid().nullable().describe("Set for a model-level alert (ANOMALY)."),
  modelName: z.string().nullable(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  kind: z.enum(ALERT_KINDS),
  threshold: decimal.describe("Percent: the deviation threshold, the budget threshold (80, 100…), or 0 for anomalies."),
  status: z.enum(ALERT_STATUSES),
  actualUsd: decimal.nullable(),
  projectedUsd: decimal.nullable().describe("What the alert compared with: the expectation, or the projected month end for budget alerts."),
  lowUsd: decimal.nullable(),
  highUsd: decimal.nullable(),
  budgetUsd: decimal.nullable(),
  deviationPct: decimal.nullable(),
  forecastKind: z.string().nullable(),
  message: z.string(),
  acknowledgedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  acknowledgedAt: timestamp.nullable(),
  acknowledgeNote: z.string().nullable(),
  snoozedUntil: timestamp.nullable(),
  snoozed: z.boolean().describe("No notifications until `snoozedUntil`."),
  resolvedAt: timestamp.nullable(),
  openedAt: timestamp.describe("When the alert (last) opened."),
  updatedAt: timestamp,
});
export type AlertView = z.infer<typeof alertSchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSchema), nextCursor: z.string().nullable() });

export const alertEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(["opened", "updated", "acknowledged", "snoozed", "resolved", "reopened"]),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable().describe("Who did it; null for the evaluation."),
  data: z.record(z.string(), z.unknown()).nullable().describe("The figures at that moment, or the note."),
  createdAt: timestamp,
});
export type AlertEventView = z.infer<typeof alertEventSchema>;

export const alertDetailSchema = alertSchema.extend({
  events: z.array(alertEventSchema).describe("Oldest first."),
  series: z.array(projectionMonthSchema).describe("The subject's months around the alert's month (the model's for an anomaly, else the project's), for a chart."),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;
