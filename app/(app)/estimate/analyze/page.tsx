import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { toPlainPricedModel } from "@/lib/datasets/plain-prices";
import { listDatasets, listPricedModels } from "@/lib/datasets/queries";
import { AnalyzeTrainingFile } from "./_components/analyze-training-file";
import { RecentDatasets } from "./_components/recent-datasets";

export const metadata: Metadata = { title: "Analyze a training file" };

export default async function AnalyzePage() {
  const { ctx } = await requirePageContext();
  const [{ models }, datasets] = await Promise.all([listPricedModels(ctx), listDatasets(ctx, 20)]);
  const canSave = can(ctx.role, "usage:write");
  return (
    <>
      <PageHeader
        title="Analyze a training file"
        description="Check a fine-tuning JSONL file line by line, count its tokens exactly and price its training run. The file is read in your browser and never uploaded."
        actions={
          <Link href="/estimate" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
            ← Back to Estimate
          </Link>
        }
      />
      <div className="space-y-8">
        <AnalyzeTrainingFile models={models.map(toPlainPricedModel)} canSave={canSave} />
        <RecentDatasets datasets={datasets} canSave={canSave} />
      </div>
    </>
  );
}
