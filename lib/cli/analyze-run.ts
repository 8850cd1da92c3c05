import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { analyzerOptionsFor, buildPublicReport } from "@/lib/datasets/cost-report";
import { analyzeQuerySchema } from "@/lib/datasets/schemas";
import { UnknownModelError } from "@/lib/pricing/errors";
import { resolveModel } from "@/lib/pricing/model-name";
import type { AnalyzerProgress } from "@/lib/tokens";
import { AnalyzerPool, analyzeFileParallel } from "@/lib/tokens/parallel.node.ts";
import { formatAnalysis } from "./analyze-format";
import { withDatabase } from "./main";

/** Exit codes of `tunecost analyze`. 1 means only "the file has format errors", so scripts can rely on it. */
export const EXIT = { valid: 0, formatErrors: 1, failed: 2 } as const;

export interface AnalyzeCommandOptions {
  baseModel: string;
  epochs?: string;
  json?: boolean;
  team?: string;
}

/** `tunecost analyze`: prints the report (text, or JSON with --json) and returns the exit code; failures go to stderr. */
export async function runAnalyze(file: string, options: AnalyzeCommandOptions): Promise<number> {
  try {
    return await analyze(file, options);
  } catch (error) {
    // Bad arguments, an unreadable file, and anything else that stops the analysis (database down included).
    console.error(error instanceof Error ? error.message : String(error));
    return EXIT.failed;
  }
}

async function analyze(file: string, o: AnalyzeCommandOptions): Promise<number> {
  const query = analyzeQuerySchema.safeParse({ baseModel: o.baseModel, epochs: o.epochs });
  if (!query.success) {
    throw new Error(query.error.issues.map((i) => `--${i.path[0] === "baseModel" ? "base-model" : String(i.path[0])}: ${i.message}`).join("\n"));
  }
  // Checked before the database opens, so a typo fails at once.
  const size = await stat(file).then(
    (s) => {
      if (!s.isFile()) throw new Error(`${file} is not a file.`);
      return s.size;
    },
    (error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    },
  );

  const pricing = await withDatabase(async () => {
    // Imported once withDatabase has set DATABASE_URL: the Prisma client reads it when its module loads.
    const { findTeamContextBySlug, listGlobalPricedModels } = await import("./team-context");
    const { listPricedModels } = await import("@/lib/datasets/queries");
    if (o.team === undefined) return listGlobalPricedModels();
    const ctx = await findTeamContextBySlug(o.team);
    return ctx === null ? null : listPricedModels(ctx);
  });
  if (pricing === null) throw new Error(`No team with slug "${o.team}".`);
  const model = resolveBaseModel(query.data.baseModel, pricing.models.map((m) => m.model));

  const options = analyzerOptionsFor(model, query.data.epochs);
  const progress = process.stderr.isTTY ? progressLine(size) : undefined;
  const pool = new AnalyzerPool();
  const partial = await analyzeFileParallel(file, options, { pool, onProgress: progress?.update })
    .catch((error: NodeJS.ErrnoException) => {
      throw error.syscall ? new Error(`Cannot read ${file}: ${error.message}`) : error;
    })
    .finally(async () => {
      progress?.clear();
      await pool.close();
    });
  const report = buildPublicReport(partial, model, options, pricing.models);

  console.log(o.json ? JSON.stringify(report, null, 2) : formatAnalysis(report, { file: basename(file), priceSet: pricing.priceSet }));
  return report.errorCount > 0 ? EXIT.formatErrors : EXIT.valid;
}

function resolveBaseModel(name: string, models: Parameters<typeof resolveModel>[1]) {
  try {
    return resolveModel(name, models);
  } catch (error) {
    throw error instanceof UnknownModelError ? new Error(`--base-model: ${error.message}`) : error;
  }
}

/** A progress line on stderr, rewritten in place at most every 100 ms (TTY only: never mixed into piped output). */
function progressLine(totalBytes: number): { update: (p: AnalyzerProgress) => void; clear: () => void } {
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const rate = p.bytesRead / 1e6 / ((now - started) / 1000);
      const left = rate > 0 ? Math.ceil((totalBytes - p.bytesRead) / 1e6 / rate) : null;
      const percent = totalBytes > 0 ? Math.floor((100 * p.bytesRead) / totalBytes) : 100;
      process.stderr.write(
        `\r\x1b[2KAnalysing: ${percent}% · ${(p.bytesRead / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB · ` +
          `${p.examples.toLocaleString("en-US")} examples · ${rate.toFixed(1)} MB/s${left === null ? "" : ` · ${left} s left`}`,
      );
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write("\r\x1b[2K");
    },
  };
}
