import type { SelectHTMLAttributes } from "react";
import { controlClass, FieldFrame, fieldIds } from "./field";

/** A labelled select styled like `Field`, with its error text wired to aria-describedby. */
export function SelectField({ label, name, error, hint, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string; hint?: string }) {
  const { id, describedBy } = fieldIds(name, error, hint);
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={controlClass(error)} {...rest}>
        {children}
      </select>
    </FieldFrame>
  );
}
