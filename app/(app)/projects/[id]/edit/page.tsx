import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AlertBox } from "@/components/ui/alert-box";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ProjectForm } from "../../_components/project-form";
import { loadProjectOr404 } from "../load-project";

export const metadata: Metadata = { title: "Edit project" };

export default async function EditProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePageContext();
  const project = await loadProjectOr404(ctx, (await params).id);
  return (
    <>
      <PageHeader title={`Edit ${project.name}`} />
      {can(ctx.role, "projects:manage") ? <ProjectForm project={project} /> : <AlertBox tone="info">Only admins and owners can edit projects.</AlertBox>}
    </>
  );
}
