import Link from "next/link";
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { estimateAction } from "@/lib/estimates/actions";
import { defaultForm, defaultModelId, formFromQuery, formToInput, formToQuery, hasFormInputs } from "@/lib/estimates/form";
import { getEstimatorOptions } from "@/lib/estimates/queries";
import { EstimateCalculator } from "./_components/estimate-calculator";

export const metadata: Metadata = { title: "Estimate" };

// A blank calculator starts on the most commonly fine-tuned model while it can still be trained (lib/estimates/form.ts).
const DEFAULT_MODEL = "gpt-4o-mini";

export default async function EstimatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { ctx } = await requirePageContext();
  const [options, query] = await Promise.all([getEstimatorOptions(ctx), searchParams]);
  const blank = formFromQuery({ model: defaultModelId(options.models, DEFAULT_MODEL, options.today) }, defaultForm("", options.teamPriceSet), options.models);
  const form = formFromQuery(query, blank, options.models);
  // A shared or reloaded link is computed here, in the first render, rather than by the browser after it loads.
  const initialResult = hasFormInputs(query, blank) ? await estimateAction(formToInput(form)) : null;
  return (
    <>
      <PageHeader
        title="Estimate"
        description="What fine-tuning will cost before you spend: training, each month's inference, the total, and when it beats the base model."
        actions={
          <Link href="/estimate/analyze" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
            Analyze a training file →
          </Link>
        }
      />
      {/* Keyed by the inputs so a navigation to other inputs (e.g. the nav link to a blank /estimate) starts afresh. */}
      <EstimateCalculator key={formToQuery(form)} options={options} blankForm={blank} initialForm={form} initialResult={initialResult} />
    </>
  );
}
