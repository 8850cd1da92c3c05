import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listModels } from "@/lib/models/queries";
import { LINK_BUTTON } from "../projects/_components/projects-table";
import { ModelsTable } from "./_components/models-table";

export const metadata: Metadata = { title: "Fine-tuned models" };

export default async function ModelsPage() {
  const { ctx } = await requirePageContext();
  const models = await listModels(ctx, { includeArchived: true });
  const create = can(ctx.role, "projects:manage") ? (
    <Link href="/models/new" className={LINK_BUTTON}>
      New model
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title="Fine-tuned models" description="Every fine-tuned model with its base model, training cost and status." actions={models.length > 0 && create} />
      {models.length === 0 ? (
        <EmptyState title="No fine-tuned models yet" action={create}>
          Add a model to a project to track its one-off training charge and its monthly inference cost.
        </EmptyState>
      ) : (
        <ModelsTable models={models} showProject />
      )}
    </>
  );
}
