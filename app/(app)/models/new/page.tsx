import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { AlertBox } from "@/components/ui/alert-box";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ModelForm } from "../_components/model-form";
import { loadModelFormOptions } from "../form-options";

export const metadata: Metadata = { title: "New model" };

export default async function NewModelPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const { ctx } = await requirePageContext();
  const header = <PageHeader title="New fine-tuned model" description="Its training run, its base model's prices and what it is expected to serve." />;
  if (!can(ctx.role, "projects:manage")) {
    return (
      <>
        {header}
        <AlertBox tone="info">Only admins and owners can add models.</AlertBox>
      </>
    );
  }
  const [options, { project }] = await Promise.all([loadModelFormOptions(ctx), searchParams]);
  return (
    <>
      {header}
      {options.projects.length === 0 ? (
        <EmptyState
          title="Create a project first"
          action={
            <Link href="/projects/new" className="text-brand-600 dark:text-brand-400 hover:underline">
              New project
            </Link>
          }
        >
          Every model belongs to a project, which holds its budget.
        </EmptyState>
      ) : (
        <ModelForm options={options} defaultProjectId={options.projects.some((p) => p.id === project) ? project : undefined} />
      )}
    </>
  );
}
