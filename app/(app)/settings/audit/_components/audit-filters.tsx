import Form from "next/form";
import Link from "next/link";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { AUDIT_ENTITY_LABELS, AUDIT_ENTITY_TYPES } from "@/lib/audit/entity-types";
import { FilterSubmit } from "./filter-submit";

type Key = "type" | "actor" | "action" | "entity" | "from" | "to";

/**
 * The log's filters as a GET form: applying them puts them in the URL (shareable, back-button friendly), and the
 * export link carries the same filters.
 */
export function AuditFilters({
  values,
  options,
  errors,
  exportHref,
}: {
  values: Record<Key, string>;
  options: { actors: string[]; actions: string[] };
  errors: Record<string, string[]>;
  exportHref?: string;
}) {
  const err = (k: Key) => errors[k]?.[0];
  return (
    <section aria-labelledby="audit-filters" className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="audit-filters" className="text-base font-semibold">
        Audit log
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Every change to usage, prices, projects, models, API keys, webhooks, imports, alerts and team settings: who, when, and the values before
        and after. Times are UTC.
      </p>
      <Form action="/settings/audit" className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Kind of change" name="type" defaultValue={values.type} error={err("type")}>
          <option value="">All kinds</option>
          {AUDIT_ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {AUDIT_ENTITY_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <Field label="Who" name="actor" list="audit-actors" defaultValue={values.actor} error={err("actor")} hint="An e-mail, “API key tc_…” or “system”" autoComplete="off" />
        <datalist id="audit-actors">
          {options.actors.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <Field label="Action" name="action" list="audit-actions" defaultValue={values.action} error={err("action")} hint="e.g. usage.update" autoComplete="off" />
        <datalist id="audit-actions">
          {options.actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <Field label="Entity id" name="entity" defaultValue={values.entity} error={err("entity")} hint="A record, project, model or key id" autoComplete="off" />
        <Field label="From" name="from" type="date" defaultValue={values.from} error={err("from")} />
        <Field label="To" name="to" type="date" defaultValue={values.to} error={err("to")} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
          <FilterSubmit />
          <Link href="/settings/audit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            Clear filters
          </Link>
          {exportHref && (
            // A plain link: the browser downloads the streamed CSV itself.
            <a
              href={exportHref}
              download
              className="ml-auto rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            >
              Export CSV
            </a>
          )}
        </div>
      </Form>
    </section>
  );
}
