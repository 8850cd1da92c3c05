import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AlertBox } from "@/components/ui/alert-box";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ProjectForm } from "../_components/project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const { ctx } = await requirePageContext();
  return (
    <>
      <PageHeader title="New project" description="A project groups fine-tuned models under one monthly budget." />
      {can(ctx.role, "projects:manage") ? <ProjectForm /> : <AlertBox tone="info">Only admins and owners can create projects.</AlertBox>}
    </>
  );
}
