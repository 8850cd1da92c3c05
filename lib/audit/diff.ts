/** One field of an audit entry's before/after comparison, values already rendered as text (null when absent). */
export interface AuditDiffRow {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A stored JSON value as one line of text: strings as they are (exact decimals stay exact), the rest as JSON. */
export function auditValueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Field-by-field comparison of an entry's before and after values (either may be null: a creation or a deletion).
 * Fields come in the order the after value lists them, then those only the before value has. Values that are not
 * objects compare as one field named "value".
 */
export function auditDiff(before: unknown, after: unknown): AuditDiffRow[] {
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    const [b, a] = [auditValueText(before), auditValueText(after)];
    return [{ field: "value", before: b, after: a, changed: b !== a }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.map((field) => {
    const [bt, at] = [auditValueText(b[field]), auditValueText(a[field])];
    return { field, before: before == null ? null : bt, after: after == null ? null : at, changed: bt !== at };
  });
}
