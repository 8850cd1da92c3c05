import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { AppError } from "@/lib/errors";
import { writeUsageBatch } from "@/lib/usage/mutations";
import { prepareUsageImport } from "./queries";
import type { ImportFormat } from "./schemas";

export interface ImportResult {
  received: number;
  changed: number;
  unchanged: number;
  /** Models of an OpenAI export that are not the team's, left out. */
  skippedModels: number;
}

/**
 * Imports a usage file: checks it exactly as the preview does, refuses it whole when any row has a problem, and
 * otherwise writes every row in one transaction. Rows identical to the stored months change nothing, so importing
 * the same file twice reports "0 changed".
 */
export async function commitUsageImport(ctx: TeamContext, input: { format: ImportFormat; text: string; fileName?: string | null }, now = new Date()): Promise<ImportResult> {
  const { preview, records } = await prepareUsageImport(ctx, input, now);
  if (preview.problemCount > 0) {
    throw new AppError("validation_failed", `${preview.problemCount} problem(s) in the file; nothing was imported. Fix them and check the file again.`);
  }
  if (records.length === 0) throw new AppError("validation_failed", "Nothing to import: no row names one of your team's models.");
  const skippedModels = preview.unmatched.length;
  const file = input.fileName || "pasted text";
  const { received, changed } = await writeUsageBatch(ctx, records, input.format === "csv" ? "CSV" : "OPENAI", {
    summary: (counts) => ({
      action: "import.commit",
      entityType: "import",
      summary: `Imported ${file} (${input.format === "csv" ? "CSV" : "OpenAI usage export"}): ${counts.received} record(s), ${counts.changed} changed`,
      after: { fileName: input.fileName || null, format: input.format, received: counts.received, changed: counts.changed, unchanged: counts.received - counts.changed, skippedModels },
    }),
  });
  return { received, changed, unchanged: received - changed, skippedModels };
}
