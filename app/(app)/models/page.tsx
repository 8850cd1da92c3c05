import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Fine-tuned models" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Fine-tuned models" description="Every fine-tuned model with its base model, training cost and status." />
      <EmptyState title="No fine-tuned models yet">
        Add a model to a project to track its one-off training charge and its monthly inference cost.
      </EmptyState>
    </>
  );
}
