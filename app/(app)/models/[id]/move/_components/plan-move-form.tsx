"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { AlertBox } from "@/components/ui/alert-box";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { planMoveAction } from "@/lib/migration/actions";
import { formatUsd } from "@/lib/money/decimal";

/** Plan this move: the target, the switch month and a name → a PLANNED model replacing this one, then its page. */
export function PlanMoveForm(props: {
  modelId: string;
  modelName: string;
  window: { from: string; to: string };
  options: { modelId: string; displayName: string; providerName: string; next12MonthsUsd: string }[];
  defaultStartMonth: string;
  minStartMonth: string;
  canManage: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [target, setTarget] = useState(props.options[0]?.modelId ?? "");
  const chosen = props.options.find((o) => o.modelId === target);

  if (!props.canManage) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Your role can compare the options but not plan a move: ask an admin.</p>;
  }
  if (props.options.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No priced candidate to move to with these filters.</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("displayName") ?? "").trim();
    setBusy(true);
    setError(null);
    const result = await planMoveAction({
      modelId: props.modelId,
      targetModelId: target,
      startMonth: String(form.get("startMonth") ?? ""),
      ...(name ? { displayName: name } : {}),
      from: props.window.from,
      to: props.window.to,
    });
    if (!result.ok) {
      setBusy(false);
      setError({ message: result.message, fields: result.fields ?? {} });
      return;
    }
    router.push(`/models/${result.data.model.id}`);
    router.refresh();
  }

  const fieldError = (name: string) => error?.fields[name]?.[0];
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-describedby="plan-move-help">
      <p id="plan-move-help" className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">
        Creates a planned model on the chosen base model in the same project, with a usage plan of this model&apos;s volumes (× the token ratio) from
        the switch month. {props.modelName}&apos;s projection ends there and the new one&apos;s starts, so the project chart shows the move.
      </p>
      {error && (
        <div className="sm:col-span-2">
          <AlertBox>{error.message}</AlertBox>
        </div>
      )}
      <SelectField label="Move to" name="targetModelId" value={target} onChange={(e) => setTarget(e.target.value)} error={fieldError("targetModelId")}>
        {props.options.map((o) => (
          <option key={o.modelId} value={o.modelId}>
            {o.displayName} ({o.providerName}) — {formatUsd(o.next12MonthsUsd)} next 12 months
          </option>
        ))}
      </SelectField>
      <Field
        label="Switch month"
        name="startMonth"
        type="month"
        min={props.minStartMonth}
        defaultValue={props.defaultStartMonth}
        required
        hint={fieldError("startMonth") ? undefined : "The first month the new model serves (YYYY-MM)"}
        error={fieldError("startMonth")}
      />
      <Field
        label="Name of the new model"
        name="displayName"
        placeholder={chosen ? `${props.modelName} on ${chosen.displayName}`.slice(0, 100) : ""}
        maxLength={100}
        hint={fieldError("displayName") ? undefined : "Blank: the placeholder"}
        error={fieldError("displayName")}
        autoComplete="off"
      />
      <div className="flex items-end">
        <Button type="submit" busy={busy}>
          Plan this move
        </Button>
      </div>
    </form>
  );
}
