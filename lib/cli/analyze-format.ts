import type { PublicReport } from "@/lib/datasets/cost-report";
import { formatUsd } from "@/lib/money/decimal";
import { FORMAT_LABELS } from "@/lib/tokens/example-common";
import { formatInt } from "@/lib/tokens/partial";

// The terminal shows the first few; --json carries the first 1,000 of each.
const SHOWN_ERRORS = 20;
const SHOWN_WARNINGS = 10;

const plural = (n: number, word: string) => `${formatInt(n)} ${word}${n === 1 ? "" : "s"}`;

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, col) => (rightAligned.has(col) ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0))).join("  ")}`.trimEnd());
}

/** The human-readable report of `tunecost analyze`: summary, first errors and warnings, tokens, epochs, cost table. */
export function formatAnalysis(r: PublicReport, context: { file: string; priceSet: string }): string {
  const out: string[] = [];
  const format = FORMAT_LABELS[r.format] ?? r.format;
  out.push(`${context.file}: ${format} format, ${plural(r.examples, "example")}, ${formatInt(r.validExamples)} valid`);
  for (const w of r.fileWarnings) out.push(`Warning: ${w.message}`);

  if (r.errorCount === 0) out.push("No format errors.");
  else {
    out.push("", `${plural(r.errorCount, "format error")} (invalid examples are not counted or billed):`);
    for (const e of r.errors.slice(0, SHOWN_ERRORS)) out.push(`  line ${e.line}${e.column === undefined ? "" : `:${e.column}`}  ${e.code}  ${e.message}`);
    if (r.errorCount > SHOWN_ERRORS) out.push(`  … and ${formatInt(r.errorCount - SHOWN_ERRORS)} more (--json lists the first 1,000)`);
  }
  if (r.warningCount > 0) {
    out.push("", `${plural(r.warningCount, "warning")}:`);
    for (const w of r.warnings.slice(0, SHOWN_WARNINGS)) out.push(`  line ${w.line}  ${w.code}  ${w.message}`);
    if (r.warningCount > SHOWN_WARNINGS) out.push(`  … and ${formatInt(r.warningCount - SHOWN_WARNINGS)} more (--json lists the first 1,000)`);
  }

  const t = r.tokens;
  out.push(
    "",
    `Tokens (${r.tokenizerLabel}${r.countsEstimated ? ", estimated" : ""}, valid examples): ${formatInt(t.total)} in all, ${formatInt(t.assistant)} in assistant messages`,
  );
  for (const note of r.notes) out.push(`  ${note}`);
  if (t.min !== null && t.max !== null && t.mean !== null && t.p50 !== null && t.p90 !== null) {
    out.push(`  per example: min ${formatInt(t.min)}, p50 ${formatInt(t.p50)}, mean ${formatInt(t.mean)}, p90 ${formatInt(t.p90)}, max ${formatInt(t.max)}`);
  }
  out.push(
    t.limit === null
      ? `  ${r.baseModel}'s training context limit is not in the catalog: no example is truncated`
      : t.overLimitExamples === 0
        ? `  no example over ${r.baseModel}'s ${formatInt(t.limit)}-token limit`
        : `  ${plural(t.overLimitExamples, "example")} over ${r.baseModel}'s ${formatInt(t.limit)}-token limit: truncated, and billed at the limit`,
  );
  out.push(`Epochs: ${r.epochs} (${r.epochsSource === "given" ? "given" : `OpenAI's default for ${plural(r.validExamples, "example")}`})`);
  out.push(`Billed tokens per epoch: ${formatInt(t.billedPerEpoch)}`);
  out.push(`Trained tokens: ${formatInt(r.trainedTokens)} (${r.epochs} × ${formatInt(t.billedPerEpoch)})`);
  const own = r.comparison.find((row) => row.modelId === r.baseModel);
  out.push(`Training cost on ${r.baseModel}: ${r.trainingCostUsd === null ? (own?.note ?? "not priced") : formatUsd(r.trainingCostUsd)} (price set ${context.priceSet})`);

  out.push("", `Training cost on each base model with the ${r.encoding} tokenizer:`);
  const rows = [["model", "limit", "billed/epoch", "epochs", "trained tokens", "cost"]];
  for (const row of r.comparison) {
    rows.push([
      `${row.modelId}${row.modelId === r.baseModel ? " *" : ""}`,
      row.contextLimit === null ? "—" : formatInt(row.contextLimit),
      formatInt(row.billedPerEpoch),
      String(row.epochs),
      formatInt(row.trainedTokens),
      row.trainingCostUsd === null ? (row.note ?? "—") : formatUsd(row.trainingCostUsd),
    ]);
  }
  // Costs left-aligned: a note such as "No price in this price set" can stand in for one.
  out.push(...table(rows, new Set([1, 2, 3, 4])));
  return out.join("\n");
}
