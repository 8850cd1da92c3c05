import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Estimate" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Estimate" description="Estimate training and inference costs before you spend." />
      <EmptyState title="The estimator is on its way">
        Here you will analyse a JSONL training file, estimate the total cost of ownership over months, and find the break-even point of a fine-tuned model against its base model.
      </EmptyState>
    </>
  );
}
