"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createProjectAction, updateProjectAction } from "@/lib/projects/actions";
import type { ProjectView } from "@/lib/projects/queries";

/**
 * Create or edit a project. Inputs are uncontrolled and the submit is handled by hand (not a form action), so a
 * refused save (a field error, or a conflict with someone else's edit) leaves everything the user typed in place.
 */
export function ProjectForm({ project }: { project?: ProjectView }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const input = {
      name: text("name"),
      description: text("description") || null,
      // "1,500" and "$1500" are how people write budgets; the schema wants plain digits.
      monthlyBudgetUsd: text("monthlyBudgetUsd").replace(/[$,\s]/g, ""),
      deviationThresholdPct: text("deviationThresholdPct").replace(/%$/, "") || undefined,
    };
    setBusy(true);
    setError(null);
    const result = project ? await updateProjectAction({ ...input, id: project.id, version: project.version }) : await createProjectAction(input);
    if (!result.ok) {
      setBusy(false);
      setError({ message: result.message, fields: result.fields ?? {} });
      return;
    }
    router.push(`/projects/${result.data.id}`);
    router.refresh();
  }

  const fieldError = (name: string) => error?.fields[name]?.[0];

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      {error && <AlertBox>{error.message}</AlertBox>}
      <Field label="Name" name="name" required defaultValue={project?.name} error={fieldError("name")} autoComplete="off" />
      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Description <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          defaultValue={project?.description ?? ""}
          aria-invalid={fieldError("description") ? true : undefined}
          aria-describedby={fieldError("description") ? "field-description-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {fieldError("description") && (
          <p id="field-description-error" className="text-sm text-red-600 dark:text-red-400">
            {fieldError("description")}
          </p>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Monthly budget (USD)"
          name="monthlyBudgetUsd"
          inputMode="decimal"
          placeholder="No budget"
          defaultValue={project?.monthlyBudgetUsd ?? ""}
          hint="Optional; alerts warn before a month overruns it"
          error={fieldError("monthlyBudgetUsd")}
          autoComplete="off"
        />
        <Field
          label="Deviation threshold (%)"
          name="deviationThresholdPct"
          inputMode="decimal"
          defaultValue={project?.deviationThresholdPct ?? "20"}
          hint="How far actual spend may drift from the forecast"
          error={fieldError("deviationThresholdPct")}
          autoComplete="off"
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy}>
          {project ? "Save project" : "Create project"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
