"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { saveUsagePlanAction } from "@/lib/models/actions";
import type { findUsagePlan } from "@/lib/models/queries";
import { countOrNull, groupDigits, intOrNull, notNumbers, unprefix } from "./form-values";

type Plan = NonNullable<Awaited<ReturnType<typeof findUsagePlan>>>;

/**
 * What the team expects the model to serve, from a month on: the forecast's input. The plan's version comes from
 * the page (refreshed after each save), so an edit over someone else's newer plan is refused, keeping the inputs.
 */
export function UsagePlanForm({ modelId, plan, currentMonth, canManage }: { modelId: string; plan: Plan | null; currentMonth: string; canManage: boolean }) {
  const router = useRouter();
  const [period, setPeriod] = useState(plan?.period ?? "MONTH");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string; fields?: Record<string, string[]> } | null>(null);
  const per = period === "DAY" ? "day" : "month";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const growth = String(form.get("planGrowthPct") ?? "").replace(/[%\s]/g, "");
    const daysPerMonth = intOrNull(form.get("planDaysPerMonth"));
    const local = notNumbers({ daysPerMonth }, ["daysPerMonth"]);
    if (local) {
      setMessage({ tone: "error", text: "Please correct the highlighted fields.", fields: local });
      return;
    }
    setBusy(true);
    setMessage(null);
    const result = await saveUsagePlanAction({
      modelId,
      version: plan?.version ?? 0, // 0: "no plan yet", so a concurrent first save is a conflict
      plan: {
        startMonth: String(form.get("planStartMonth") ?? ""),
        period,
        inputTokens: countOrNull(form.get("planInputTokens")),
        cachedInputTokens: countOrNull(form.get("planCachedInputTokens")) ?? undefined,
        outputTokens: countOrNull(form.get("planOutputTokens")),
        requests: countOrNull(form.get("planRequests")),
        daysPerMonth: daysPerMonth ?? undefined,
        monthlyGrowthPct: growth === "" ? undefined : growth,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.message, fields: unprefix(result.fields, "plan") });
      return;
    }
    setMessage({ tone: "info", text: "Usage plan saved." });
    router.refresh();
  }

  const fieldError = (name: string) => (message?.tone === "error" ? message.fields?.[name]?.[0] : undefined);

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="plan-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h2 id="plan-heading" className="text-lg font-semibold">
          Usage plan
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          What you expect this model to serve; forecasts and budget alerts compare it with the actual months.
          {!canManage && " Only admins and owners can change it."}
        </p>
      </div>
      {message && <AlertBox tone={message.tone}>{message.text}</AlertBox>}
      <fieldset disabled={!canManage} className="space-y-4">
        <div className="flex flex-wrap items-end gap-6">
          <div className="w-48">
            <Field label="From month" name="planStartMonth" type="month" defaultValue={plan?.startMonth ?? currentMonth} error={fieldError("startMonth")} />
          </div>
          <div role="radiogroup" aria-label="Volumes are per" className="flex gap-4 pb-2 text-sm">
            <span className="font-medium text-slate-700 dark:text-slate-300">Volumes per</span>
            {(["MONTH", "DAY"] as const).map((p) => (
              <label key={p} className="flex items-center gap-2">
                <input type="radio" name="planPeriod" value={p} checked={period === p} onChange={() => setPeriod(p)} />
                {p === "DAY" ? "Day" : "Month"}
              </label>
            ))}
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={`Input tokens per ${per}`} name="planInputTokens" inputMode="numeric" defaultValue={groupDigits(plan?.inputTokens)} error={fieldError("inputTokens")} autoComplete="off" />
          <Field
            label={`Cached input tokens per ${per}`}
            name="planCachedInputTokens"
            inputMode="numeric"
            defaultValue={groupDigits(plan?.cachedInputTokens)}
            error={fieldError("cachedInputTokens")}
            autoComplete="off"
          />
          <Field label={`Output tokens per ${per}`} name="planOutputTokens" inputMode="numeric" defaultValue={groupDigits(plan?.outputTokens)} error={fieldError("outputTokens")} autoComplete="off" />
          <Field label={`Requests per ${per}`} name="planRequests" inputMode="numeric" defaultValue={groupDigits(plan?.requests)} error={fieldError("requests")} autoComplete="off" />
          <Field
            label="Monthly growth (%)"
            name="planGrowthPct"
            inputMode="decimal"
            defaultValue={plan?.monthlyGrowthPct ?? "0"}
            hint="Compounding; negative for a decline"
            error={fieldError("monthlyGrowthPct")}
            autoComplete="off"
          />
          {period === "DAY" && (
            <Field
              label="Days per month"
              name="planDaysPerMonth"
              inputMode="numeric"
              defaultValue={plan?.daysPerMonth ?? 30}
              error={fieldError("daysPerMonth")}
              autoComplete="off"
            />
          )}
        </div>
        {canManage && (
          <Button type="submit" busy={busy}>
            Save plan
          </Button>
        )}
      </fieldset>
    </form>
  );
}
