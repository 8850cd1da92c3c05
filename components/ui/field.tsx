import type { InputHTMLAttributes, ReactNode } from "react";

/** Ids and aria wiring shared by every labelled control: the error wins over the hint. */
export function fieldIds(name: string, error?: string, hint?: string) {
  const id = `field-${name}`;
  return { id, describedBy: error ? `${id}-error` : hint ? `${id}-hint` : undefined };
}

/** The label, hint and error around a form control (input, select…). */
export function FieldFrame({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** Border colour of a control with or without an error. */
export function controlClass(error?: string): string {
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm disabled:opacity-60 dark:bg-slate-900 ${
    error ? "border-red-500" : "border-slate-300 dark:border-slate-700"
  }`;
}

/** A labelled input with its error text wired to aria-describedby. */
export function Field({
  label,
  name,
  error,
  hint,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string }) {
  const { id, describedBy } = fieldIds(name, error, hint);
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={controlClass(error)} {...rest} />
    </FieldFrame>
  );
}
