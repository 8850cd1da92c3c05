import { z } from "zod";
import { decimalString } from "@/lib/money/decimal";
import { asOfInMonth, hostingHoursSchema } from "@/lib/usage/schemas";
import { parseCsv } from "./csv";
import { MAX_IMPORT_ROWS, type ImportProblem, type ImportRead, type ImportRow } from "./schemas";

/** The columns a usage CSV may have, in the order the README documents them. */
export const USAGE_CSV_COLUMNS = [
  "month",
  "model",
  "input_tokens",
  "cached_input_tokens",
  "output_tokens",
  "requests",
  "cost_usd",
  "as_of",
  "batch_input_tokens",
  "batch_output_tokens",
  "hosting_hours",
] as const;
type Column = (typeof USAGE_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["month", "model", "input_tokens", "output_tokens"];

const MAX_INT64 = 9_223_372_036_854_775_807n;

// Messages are completed with the column name and the value, e.g. `input_tokens: must not be negative ("-5")`.
const count = z
  .string({ error: "is required" })
  .refine((v) => !/^-\s*\d/.test(v), { error: "must not be negative", abort: true })
  .regex(/^\d+$/, { error: "must be a whole number", abort: true })
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_INT64, { error: "is too large" });

/** One data row, its cells keyed by column; empty cells are left out, so optional columns may be blank. */
const rowSchema = z
  .object({
    month: z.string({ error: "is required" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "is not a month like 2026-03" }),
    model: z.string({ error: "is required (a provider model id such as ft:gpt-4o-mini-…, or a tunecost model id)" }),
    input_tokens: count,
    cached_input_tokens: count.optional(),
    output_tokens: count,
    requests: count.optional(),
    cost_usd: decimalString.optional(),
    as_of: z.iso.date({ error: "is not a date like 2026-03-15" }).optional(),
    batch_input_tokens: count.optional(),
    batch_output_tokens: count.optional(),
    hosting_hours: hostingHoursSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.cached_input_tokens ?? 0n) > r.input_tokens) {
      ctx.addIssue({
        code: "custom",
        path: ["cached_input_tokens"],
        params: { namesValue: true },
        message: `${r.cached_input_tokens} exceeds input_tokens ${r.input_tokens}; cached tokens are part of the input`,
      });
    }
    if (!asOfInMonth(r.month, r.as_of)) ctx.addIssue({ code: "custom", path: ["as_of"], params: { namesValue: true }, message: `${r.as_of} is not a day in ${r.month}` });
  });

const quoted = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Reads the header: which column each cell holds, or the problems that make the file unreadable. */
function readHeader(cells: readonly string[]): { columns: Column[]; reasons: string[] } {
  const names = cells.map((c) => c.trim().toLowerCase());
  const reasons: string[] = [];
  const unknown = names.filter((c) => !(USAGE_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) reasons.push(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map(quoted).join(", ")}; the columns are ${USAGE_CSV_COLUMNS.join(", ")}`);
  const twice = names.filter((c, i) => names.indexOf(c) !== i);
  if (twice.length) reasons.push(`Column ${[...new Set(twice)].map(quoted).join(", ")} appears twice`);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) reasons.push(`Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the first line must be the header)`);
  return { columns: names as Column[], reasons };
}

/**
 * Reads a usage CSV: a header row naming the columns (any order; cached_input_tokens, requests, cost_usd and as_of
 * may be left out), then one row per model and month. Every bad row is reported with its line and reasons; the good
 * rows come back parsed. Model names are not looked up here, and duplicates are found after lookup (one model can
 * be named by id and by provider id).
 */
export function readUsageCsv(text: string): ImportRead {
  const records = parseCsv(text);
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ line: null, label: "File", reasons: ["The file is empty: the first line must be the header"] }], notes: [] };
  const { columns, reasons } = readHeader(header.cells);
  if (header.error) reasons.push(header.error);
  if (reasons.length) return { rows: [], problems: [{ line: header.line, label: "Header", reasons }], notes: [] };
  if (data.length === 0) return { rows: [], problems: [{ line: null, label: "File", reasons: ["The file has a header but no rows"] }], notes: [] };
  if (data.length > MAX_IMPORT_ROWS) {
    const reason = `The file has ${data.length.toLocaleString("en-US")} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString("en-US")}. Split it into smaller files.`;
    return { rows: [], problems: [{ line: null, label: "File", reasons: [reason] }], notes: [] };
  }

  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const record of data) {
    const bad = (list: string[]) => problems.push({ line: record.line, label: `Line ${record.line}`, reasons: list });
    if (record.error) {
      bad([record.error]);
      continue;
    }
    if (record.cells.length !== columns.length) {
      bad([
        record.cells.length < columns.length
          ? `Missing column${columns.length - record.cells.length > 1 ? "s" : ""} ${columns.slice(record.cells.length).join(", ")}: the row has ${record.cells.length} of the header's ${columns.length} cells`
          : `${record.cells.length - columns.length} extra cell(s): the row has ${record.cells.length} cells, the header ${columns.length}`,
      ]);
      continue;
    }
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      const value = record.cells[i]!.trim();
      if (value !== "") cells[column] = value;
    });
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      bad(
        parsed.error.issues.map((issue) => {
          const column = String(issue.path[0] ?? "");
          const value = cells[column as Column];
          const namesValue = issue.code === "custom" && issue.params?.namesValue;
          return `${column}: ${issue.message}${value !== undefined && !namesValue ? ` (${quoted(value)})` : ""}`;
        }),
      );
      continue;
    }
    const r = parsed.data;
    rows.push({
      line: record.line,
      model: r.model,
      month: r.month,
      inputTokens: r.input_tokens,
      cachedInputTokens: r.cached_input_tokens ?? 0n,
      outputTokens: r.output_tokens,
      batchInputTokens: r.batch_input_tokens ?? 0n,
      batchOutputTokens: r.batch_output_tokens ?? 0n,
      hostingHours: r.hosting_hours ?? null,
      requests: r.requests ?? null,
      invoicedCostUsd: r.cost_usd ?? null,
      asOf: r.as_of ?? null,
    });
  }
  return { rows, problems, notes: [] };
}
