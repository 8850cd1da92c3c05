import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Projects" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Projects" description="Group fine-tuned models by product or team, each with an optional monthly budget." />
      <EmptyState title="No projects yet">
        A project holds fine-tuned models and a monthly budget. Projects arrive with the next release of tunecost.
      </EmptyState>
    </>
  );
}
