import { z } from "zod";
import { fieldErrors } from "@/lib/errors";
import { monthStart } from "@/lib/pricing/effective";
import type { ImportProblem, ImportRead, ImportRow } from "./schemas";

const RESULT_OBJECT = "organization.usage.completions.result";

const count = z.number().int("must be a whole number").min(0, "must not be negative").max(Number.MAX_SAFE_INTEGER, "is too large");

// Only the fields tunecost uses are checked; others (project_id, service_tier, audio tokens…) pass through.
// `batch` is true for Batch API results when the export is grouped by batch: those are priced at the batch price.
// Audio tokens are left out: fine-tuned models take text.
const resultSchema = z.looseObject({
  object: z.string().optional(),
  input_tokens: count,
  input_cached_tokens: count.nullish(),
  output_tokens: count,
  num_model_requests: count,
  model: z.string().nullish(),
  batch: z.boolean().nullish(),
});
const bucketSchema = z.looseObject({ start_time: count, end_time: count, results: z.array(resultSchema) });
const pageSchema = z.looseObject({
  object: z.literal("page", 'Expected "page": this is not a page of the OpenAI Usage API'),
  data: z.array(bucketSchema),
  has_more: z.boolean().optional(),
  next_page: z.string().nullish(),
});
/** One page as the API returns it, or an array of pages (several requests, saved together). */
const pagesSchema = z.array(pageSchema).min(1, "holds no pages");

const utcMonth = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";
const nextMonthStart = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Date.UTC(y, m, 1);
};

interface Totals {
  inputTokens: bigint;
  cachedInputTokens: bigint;
  outputTokens: bigint;
  batchInputTokens: bigint;
  batchOutputTokens: bigint;
  requests: bigint;
}

/**
 * Reads an OpenAI Usage API export of completions grouped by model (`GET /v1/organization/usage/completions
 * ?group_by=model`, buckets of 1d or larger): sums each model's results into calendar months (UTC) by bucket start.
 * A bucket spanning two months cannot be split and is refused, as are overlapping buckets (the same page saved
 * twice would double the figures) and ungrouped results. A month the export covers only up to a day before its end
 * (in progress, or the export stopped early) gets that day as its as-of date. `now` caps the coverage of the
 * bucket still running.
 */
export function readOpenAiUsage(text: string, now: Date): ImportRead {
  const fail = (label: string, reasons: string[]): ImportRead => ({ rows: [], problems: [{ line: null, label, reasons }], notes: [] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail("File", [`Not valid JSON: ${(e as Error).message}`]);
  }
  // Parsed apart (not as a union) so an error's path points into the page as the user sees it.
  const parsed = Array.isArray(json) ? pagesSchema.safeParse(json) : pageSchema.transform((p) => [p]).safeParse(json);
  if (!parsed.success) {
    const fields = Object.entries(fieldErrors(parsed.error.issues)).slice(0, 20);
    return { rows: [], problems: fields.map(([path, reasons]) => ({ line: null, label: path === "_" ? "File" : path, reasons })), notes: [] };
  }
  const pages = parsed.data;

  const problems: ImportProblem[] = [];
  const notes: string[] = [];
  const sums = new Map<string, { model: string; month: string } & Totals>();
  const coverage = new Map<string, { from: number; to: number }>();
  const buckets: { start: number; end: number }[] = [];
  let ungrouped = 0;
  let batchResults = 0;
  const otherObjects = new Set<string>();

  for (const page of pages) {
    for (const bucket of page.data) {
      const start = bucket.start_time * 1000;
      const end = bucket.end_time * 1000;
      const label = `Bucket ${stamp(start)}`;
      if (end <= start) {
        problems.push({ line: null, label, reasons: ["Ends before it starts"] });
        continue;
      }
      const month = utcMonth(start);
      if (utcMonth(end - 1) !== month) {
        problems.push({
          line: null,
          label,
          reasons: [`Runs to ${stamp(end)}, across two months; monthly figures need buckets inside one month (bucket_width=1d)`],
        });
        continue;
      }
      buckets.push({ start, end });
      const covered = coverage.get(month);
      coverage.set(month, { from: Math.min(covered?.from ?? start, start), to: Math.max(covered?.to ?? end, end) });
      for (const r of bucket.results) {
        if (r.object && r.object !== RESULT_OBJECT) otherObjects.add(r.object);
        if (!r.model) {
          ungrouped += 1;
          continue;
        }
        const key = `${r.model}\u0000${month}`;
        const sum =
          sums.get(key) ?? { model: r.model, month, inputTokens: 0n, cachedInputTokens: 0n, outputTokens: 0n, batchInputTokens: 0n, batchOutputTokens: 0n, requests: 0n };
        if (r.batch === true) {
          // Batch results are priced at the batch price. Their cached part is billed at the batch input price too:
          // the catalog lists no cached batch price, and the full batch price never under-states a bill.
          sum.batchInputTokens += BigInt(r.input_tokens);
          sum.batchOutputTokens += BigInt(r.output_tokens);
          batchResults += 1;
        } else {
          sum.inputTokens += BigInt(r.input_tokens);
          sum.cachedInputTokens += BigInt(r.input_cached_tokens ?? 0);
          sum.outputTokens += BigInt(r.output_tokens);
        }
        sum.requests += BigInt(r.num_model_requests);
        sums.set(key, sum);
      }
    }
  }

  if (otherObjects.size) {
    return fail("File", [
      `This is not a completions usage export (its results are ${[...otherObjects].join(", ")}). Fetch /v1/organization/usage/completions.`,
    ]);
  }
  if (ungrouped) {
    problems.push({
      line: null,
      label: "Results",
      reasons: [`${ungrouped} result(s) have no model: the export was not grouped by model. Fetch it again with group_by=model.`],
    });
  }
  buckets.sort((a, b) => a.start - b.start);
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i]!.start < buckets[i - 1]!.end) {
      problems.push({
        line: null,
        label: `Bucket ${stamp(buckets[i]!.start)}`,
        reasons: ["Overlaps another bucket: the same period appears twice (a page saved twice?), which would count its usage twice"],
      });
    }
  }
  const last = pages[pages.length - 1]!;
  if (last.has_more) {
    notes.push(`The export has more pages (has_more is true): fetch them with page=${last.next_page ?? "<next_page>"} and import all pages together as a JSON array.`);
  }

  if (batchResults > 0) notes.push(`${batchResults} Batch API result(s) (batch: true) are counted as batch tokens and priced at the batch price.`);

  const asOf = new Map<string, string | null>();
  for (const [month, { from, to }] of coverage) {
    const first = monthStart(month).getTime();
    // A bucket still running covers up to now; a month whose buckets stop early covers up to its last bucket's day.
    const until = Math.min(to, now.getTime());
    asOf.set(month, until < nextMonthStart(month) ? utcDay(Math.max(until - 1, first)) : null);
    if (from > first) {
      notes.push(`${month}: the export starts on ${utcDay(from)}, so the imported figures leave out the days before; they replace the whole month stored in tunecost.`);
    }
  }

  const rows: ImportRow[] = [...sums.values()].map((s) => ({
    line: null,
    model: s.model,
    month: s.month,
    inputTokens: s.inputTokens,
    cachedInputTokens: s.cachedInputTokens,
    outputTokens: s.outputTokens,
    batchInputTokens: s.batchInputTokens,
    batchOutputTokens: s.batchOutputTokens,
    hostingHours: null,
    requests: s.requests,
    invoicedCostUsd: null,
    asOf: asOf.get(s.month) ?? null,
  }));
  for (const r of rows) {
    if (r.cachedInputTokens > r.inputTokens) {
      problems.push({ line: null, label: `${r.model} in ${r.month}`, reasons: [`${r.cachedInputTokens} cached input tokens exceed the ${r.inputTokens} input tokens`] });
    }
  }
  rows.sort((a, b) => (a.month === b.month ? (a.model < b.model ? -1 : 1) : a.month < b.month ? -1 : 1));
  return { rows, problems, notes };
}
