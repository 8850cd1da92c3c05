import type { Metadata } from "next";
import { AlertBox } from "@/components/ui/alert-box";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/audit/queries";
import { AUDIT_FILTER_KEYS, auditFilterSchema, auditPageSchema } from "@/lib/audit/schemas";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { fieldErrors } from "@/lib/errors";
import { AuditFilters } from "./_components/audit-filters";
import { AuditList } from "./_components/audit-list";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requirePageContext();
  if (!can(ctx.role, "audit:read")) {
    return <AlertBox tone="info">Only admins and owners can see the audit log. Ask one of them if you need to know who changed something.</AlertBox>;
  }
  const raw = await searchParams;
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const input = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, first(k)]));
  const filter = auditFilterSchema.safeParse(input);
  const page = auditPageSchema.safeParse({ cursor: first("cursor") });
  const options = await listAuditFilterOptions(ctx);
  // The form keeps what was typed, also when it is invalid, so it can be corrected.
  const values = Object.fromEntries(AUDIT_FILTER_KEYS.map((k) => [k, typeof input[k] === "string" ? input[k] : ""])) as Record<(typeof AUDIT_FILTER_KEYS)[number], string>;
  if (!filter.success) {
    return (
      <div className="space-y-4">
        <AuditFilters values={values} options={options} errors={fieldErrors(filter.error.issues)} />
        <AlertBox>Some filters are invalid; correct them to see the log.</AlertBox>
      </div>
    );
  }
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v.trim() !== ""));
  const { events, nextCursor } = await listAuditEvents(ctx, filter.data, { cursor: page.success ? page.data.cursor : undefined });
  const filtered = query.size > 0;
  return (
    <div className="space-y-4">
      <AuditFilters values={values} options={options} errors={{}} exportHref={`/settings/audit/export${filtered ? `?${query}` : ""}`} />
      <AuditList
        events={events}
        filtered={filtered}
        newerHref={page.success && page.data.cursor ? `/settings/audit${filtered ? `?${query}` : ""}` : null}
        olderHref={nextCursor ? `/settings/audit?${new URLSearchParams([...query, ["cursor", nextCursor]])}` : null}
      />
    </div>
  );
}
