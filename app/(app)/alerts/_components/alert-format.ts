import { Decimal, formatUsd, toDecimal } from "@/lib/money/decimal";
import type { AlertKind, AlertStatus, AlertView } from "@/lib/alerts/schemas";

// Words and figures of an alert, shared by the list, the detail page and its client components (no server code here:
// only types come from lib/alerts, so the client bundles stay free of zod schemas and the database).

/** The tabs of /alerts, in the URL as `?status=`. */
export const STATUS_TABS = [
  { param: "open", status: "OPEN", label: "Open" },
  { param: "acknowledged", status: "ACKNOWLEDGED", label: "Acknowledged" },
  { param: "resolved", status: "RESOLVED", label: "Resolved" },
] as const satisfies readonly { param: string; status: AlertStatus; label: string }[];

export type StatusParam = (typeof STATUS_TABS)[number]["param"];

export const STATUS_LABELS: Record<AlertStatus, string> = { OPEN: "Open", ACKNOWLEDGED: "Acknowledged", RESOLVED: "Resolved" };

/** The tab an alert of this status is listed under. */
export function statusParam(status: AlertStatus): StatusParam {
  return STATUS_TABS.find((t) => t.status === status)!.param;
}

/** "Spend deviates from forecast", "Budget will be exceeded (80%)", … */
export function kindLabel(kind: AlertKind, threshold: string): string {
  switch (kind) {
    case "DEVIATION":
      return "Spend deviates from forecast";
    case "BUDGET_FORECAST":
      return `Budget will be exceeded (${toDecimal(threshold).toFixed()}%)`;
    case "BUDGET_ACTUAL":
      return "Budget exceeded";
    case "ANOMALY":
      return "Unusual spend";
    case "RETIREMENT":
      return `Model retiring (${toDecimal(threshold).toFixed()} days)`;
  }
}

/** What makes each kind fire (and clear), for the detail page. */
export function kindExplanation(a: Pick<AlertView, "kind" | "threshold">): string {
  const t = toDecimal(a.threshold).toFixed();
  switch (a.kind) {
    case "DEVIATION":
      return `Fires when a month's spend differs from what was expected by more than the project's threshold (±${t}%), in either direction. It resolves itself when the month is back within the threshold.`;
    case "BUDGET_FORECAST":
      return `Fires when the month is projected to end past ${t}% of the project's monthly budget. It resolves itself when the projection drops below that.`;
    case "BUDGET_ACTUAL":
      return "Fires when the spend recorded for the month passes the project's monthly budget. It resolves itself if the recorded spend is corrected below the budget.";
    case "ANOMALY":
      return "Fires when a model's month falls outside the 80% interval of its trend (fitted on the complete months before it). It resolves itself when the month is back inside the interval.";
    case "RETIREMENT":
      return `Fires once when a tracked model is ${t} days (or fewer) from its shutdown date (the team's own date for the model, else its base model's from the provider's lifecycle page). It resolves itself when the model is retired, replaced by a planned move, archived, or its shutdown date moves out of reach.`;
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-10" → "October 2026". */
export function monthLong(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/** "2026-10" → "Oct 2026". */
export function monthShort(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1]!.slice(0, 3)} ${y}`;
}

/** A snooze's end ("2026-12-01T00:00:00.000Z", the first instant after it) → "the end of November 2026". */
export function snoozeEndText(until: string): string {
  const d = new Date(until);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0)); // the day before: still in the snoozed month
  return `the end of ${monthLong(lastDay.toISOString().slice(0, 7))}`;
}

/** An ISO instant as the app shows times everywhere: "2026-11-22 10:04 UTC" (the same on the server and the client). */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** A percentage with its sign and one decimal: "+30.0%", "−12.5%". */
export function formatSignedPct(pct: string): string {
  const d = toDecimal(pct).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  if (d.isZero()) return "0.0%";
  return `${d.isNegative() ? "−" : "+"}${d.abs().toFixed(1)}%`;
}

/** One figure of an alert: what it is, the amount as shown, and a tone for the number that tripped the rule. */
export interface Figure {
  label: string;
  value: string;
  hint?: string;
  tone?: "alert";
}

const isDecimal = (v: unknown): v is string => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v);

type FigureSource = Pick<AlertView, "kind" | "threshold" | "actualUsd" | "projectedUsd" | "lowUsd" | "highUsd" | "budgetUsd" | "deviationPct" | "forecastKind">;

const EXPECTATION: Record<string, string> = { plan: "from the usage plan", trend: "from the trend", pace: "at the current pace", mixed: "plan and trend" };

/**
 * The numbers that triggered an alert, labelled for its kind: for a deviation the (paced) actual against the
 * expectation, for budget alerts the actual and month-end projection against the budget, for an anomaly the interval.
 */
export function alertFigures(a: FigureSource): Figure[] {
  const out: Figure[] = [];
  const money = (v: string | null) => (isDecimal(v) ? formatUsd(v) : null);
  const actual = money(a.actualUsd);
  const projected = money(a.projectedUsd);
  const budget = money(a.budgetUsd);
  const paced = a.forecastKind === "pace";

  switch (a.kind) {
    case "DEVIATION":
    case "ANOMALY": {
      if (actual) out.push({ label: paced ? "On pace for" : "Actual", value: actual, tone: "alert", hint: paced ? "projected month end" : undefined });
      if (projected) {
        const basis = a.kind === "ANOMALY" ? "from the trend" : paced ? undefined : EXPECTATION[a.forecastKind ?? ""];
        out.push({ label: "Expected", value: projected, hint: basis });
      }
      if (a.kind === "ANOMALY" && isDecimal(a.lowUsd) && isDecimal(a.highUsd)) out.push({ label: "80% interval", value: `${formatUsd(a.lowUsd)} – ${formatUsd(a.highUsd)}` });
      if (isDecimal(a.deviationPct)) {
        out.push({
          label: "Deviation",
          value: formatSignedPct(a.deviationPct),
          hint: a.kind === "DEVIATION" ? `threshold ±${toDecimal(a.threshold).toFixed()}%` : undefined,
          tone: "alert",
        });
      }
      if (budget) out.push({ label: "Budget", value: budget });
      break;
    }
    case "BUDGET_FORECAST": {
      if (actual) out.push({ label: paced ? "Actual so far" : "Actual", value: actual });
      if (projected) out.push({ label: "Projected month end", value: projected, tone: "alert", hint: EXPECTATION[a.forecastKind ?? ""] });
      if (budget) {
        const limit = toDecimal(a.budgetUsd!).times(a.threshold).div(100);
        out.push({ label: "Budget", value: budget, hint: `${toDecimal(a.threshold).toFixed()}% is ${formatUsd(limit)}` });
      }
      break;
    }
    case "BUDGET_ACTUAL": {
      if (actual) out.push({ label: "Actual", value: actual, tone: "alert" });
      if (budget) out.push({ label: "Budget", value: budget });
      if (actual && budget) {
        const over = toDecimal(a.actualUsd!).minus(a.budgetUsd!);
        if (over.isPositive() && !over.isZero()) out.push({ label: "Over budget by", value: formatUsd(over) });
      }
      if (projected) out.push({ label: "Projected month end", value: projected });
      break;
    }
  }
  return out;
}

/** Figures recorded in a history event (its `data`), when it carries them; unknown shapes give nothing. */
export function eventFigures(kind: AlertKind, threshold: string, data: Record<string, unknown> | null): Figure[] {
  if (!data || !("actualUsd" in data || "projectedUsd" in data)) return [];
  const pick = (k: string) => (isDecimal(data[k]) ? (data[k] as string) : null);
  return alertFigures({
    kind,
    threshold,
    actualUsd: pick("actualUsd"),
    projectedUsd: pick("projectedUsd"),
    lowUsd: pick("lowUsd"),
    highUsd: pick("highUsd"),
    budgetUsd: pick("budgetUsd"),
    deviationPct: pick("deviationPct"),
    forecastKind: typeof data.forecastKind === "string" ? data.forecastKind : null,
  });
}

/** "Open since …", "Acknowledged by … …", "Resolved …". */
export function sinceText(a: Pick<AlertView, "status" | "openedAt" | "acknowledgedAt" | "acknowledgedBy" | "resolvedAt">): string {
  if (a.status === "RESOLVED" && a.resolvedAt) return `Resolved ${formatInstant(a.resolvedAt)}`;
  if (a.status === "ACKNOWLEDGED" && a.acknowledgedAt) {
    return `Acknowledged${a.acknowledgedBy ? ` by ${a.acknowledgedBy.name}` : ""} ${formatInstant(a.acknowledgedAt)}`;
  }
  return `Open since ${formatInstant(a.openedAt)}`;
}

/** The months worth charting: from the first with an actual or a projection to the last, always including the alert's. */
export function chartMonths<M extends { month: string; actualUsd: string | null; projectedUsd: string | null }>(series: readonly M[], alertMonth: string): M[] {
  const has = (m: M) => m.actualUsd !== null || m.projectedUsd !== null || m.month === alertMonth;
  const first = series.findIndex(has);
  if (first < 0) return [];
  const last = series.findLastIndex(has);
  return series.slice(first, last + 1);
}
