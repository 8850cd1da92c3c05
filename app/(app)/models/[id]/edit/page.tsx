import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AlertBox } from "@/components/ui/alert-box";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ModelForm } from "../../_components/model-form";
import { loadModelFormOptions } from "../../form-options";
import { loadModelOr404 } from "../load-model";

export const metadata: Metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const model = await loadModelOr404(ctx, (await params).id);
  if (!can(ctx.role, "projects:manage")) {
    return (
      <>
        <PageHeader title={`Edit ${model.displayName}`} />
        <AlertBox tone="info">Only admins and owners can edit models.</AlertBox>
      </>
    );
  }
  const options = await loadModelFormOptions(ctx, model.projectId);
  return (
    <>
      <PageHeader title={`Edit ${model.displayName}`} />
      <ModelForm model={model} options={options} />
    </>
  );
}
