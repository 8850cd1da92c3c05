import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listModels } from "@/lib/models/queries";
import { UsageImport } from "./_components/usage-import";

export const metadata: Metadata = { title: "Import usage" };

export default async function ImportUsagePage() {
  const { ctx } = await requirePageContext();
  const models = await listModels(ctx);
  return (
    <>
      <PageHeader
        title="Import usage"
        description="Load monthly usage from a CSV file or an OpenAI usage export. Every row is checked and priced first; nothing is written until you import, and then all rows or none."
        actions={
          <Link href="/usage" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
            ← Back to Usage
          </Link>
        }
      />
      <UsageImport
        canWrite={can(ctx.role, "usage:write")}
        models={models.map((m) => ({ id: m.id, displayName: m.displayName, projectName: m.projectName, providerModelId: m.providerModelId }))}
      />
    </>
  );
}
