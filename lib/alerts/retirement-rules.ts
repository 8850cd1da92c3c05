import { daysBetween, RETIREMENT_THRESHOLDS, shortDay } from "@/lib/lifecycle/dates";
import { alertKey, modelSubject, type AlertCondition } from "./rules";

// Pure: which RETIREMENT alerts the team's models call for on a day. No database.

/** A model that may be retiring, with what decides whether it is still worth an alert. */
export interface RetirementSubject {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  baseModelName: string;
  /** Its own shutdown day, else its base model's; null without one. */
  shutdownOn: string | null;
  /** Whose date it is: the team's own for this model, or the base model's from the provider. */
  shutdownSource: "model" | "catalog";
  /** Its team still runs it: not archived (nor its project), not marked retired, no planned move replacing it. */
  tracked: boolean;
}

/**
 * The RETIREMENT conditions of `today`: per tracked model with a shutdown still ahead, the most urgent threshold
 * crossed (60, 30, 14 or 7 days before) is active. Only that one: a model first seen 20 days before its shutdown gets
 * one alert (30 days), not two, and when the 14-day one opens the 30-day one is superseded (`superseded` lists the
 * thresholds a caller resolves without a notification). A model shut down, retired or replaced has no condition,
 * which resolves its alerts.
 */
export function retirementConditions(models: readonly RetirementSubject[], today: string): { conditions: AlertCondition[]; superseded: Set<string> } {
  const conditions: AlertCondition[] = [];
  const superseded = new Set<string>();
  for (const m of models) {
    if (!m.tracked || !m.shutdownOn) continue;
    const left = daysBetween(today, m.shutdownOn);
    if (left <= 0) continue;
    const crossed = RETIREMENT_THRESHOLDS.filter((t) => left <= t);
    if (crossed.length === 0) continue;
    const urgent = Math.min(...crossed);
    const month = m.shutdownOn.slice(0, 7);
    for (const t of crossed) if (t !== urgent) superseded.add(alertKey({ subjectKey: modelSubject(m.id), month, kind: "RETIREMENT", threshold: String(t) }));
    conditions.push({
      subjectKey: modelSubject(m.id),
      projectId: m.projectId,
      modelId: m.id,
      month,
      kind: "RETIREMENT",
      threshold: String(urgent),
      active: true,
      figures: {
        actualUsd: null,
        projectedUsd: null,
        lowUsd: null,
        highUsd: null,
        budgetUsd: null,
        deviationPct: null,
        forecastKind: null,
        // Stable for the threshold's whole span (no "N days left" that changes daily and would update it every day).
        message:
          m.shutdownSource === "model"
            ? `${m.name} (${m.projectName}) shuts down on ${shortDay(m.shutdownOn)} (your team's date for it): ${urgent} days or fewer left. Plan its move before then.`
            : `${m.name} (${m.projectName}) runs on ${m.baseModelName}, which shuts down on ${shortDay(m.shutdownOn)}: ${urgent} days or fewer left. Plan its move before then.`,
      },
    });
  }
  return { conditions, superseded };
}
