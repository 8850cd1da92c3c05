import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Usage" };

export default async function Page() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Usage" description="Monthly token usage per model: typed in, imported from CSV or OpenAI exports, or pushed through the API." />
      <EmptyState title="No usage recorded">
        When your models have usage, this page shows a month-by-model grid you can fill in quickly or import from a file.
      </EmptyState>
    </>
  );
}
