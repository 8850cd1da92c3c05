import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listProjects } from "@/lib/projects/queries";
import { LINK_BUTTON, ProjectsTable } from "./_components/projects-table";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const { ctx } = await requirePageContext();
  const show = (await searchParams).show === "archived" ? "archived" : "active";
  const all = await listProjects(ctx, { includeArchived: true });
  const shown = all.filter((p) => p.archived === (show === "archived"));
  const canManage = can(ctx.role, "projects:manage");
  const create = canManage ? (
    <Link href="/projects/new" className={LINK_BUTTON}>
      New project
    </Link>
  ) : null;
  const counts = { active: all.filter((p) => !p.archived).length, archived: all.filter((p) => p.archived).length };

  return (
    <>
      <PageHeader title="Projects" description="Group fine-tuned models by product or team, each with an optional monthly budget." actions={create} />
      {all.length === 0 ? (
        <EmptyState title="No projects yet" action={create}>
          A project holds fine-tuned models, a monthly budget and how far spend may drift from the forecast before you are alerted.
          {!canManage && " Ask an admin of your team to create one."}
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Project filter" className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800">
            {(["active", "archived"] as const).map((key) => (
              <Link
                key={key}
                href={key === "active" ? "/projects" : "/projects?show=archived"}
                aria-current={show === key ? "page" : undefined}
                className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                  show === key ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"
                }`}
              >
                {key === "active" ? "Active" : "Archived"} ({counts[key]})
              </Link>
            ))}
          </nav>
          {shown.length === 0 ? (
            <p className="py-6 text-sm text-slate-600 dark:text-slate-400">{show === "archived" ? "No archived projects." : "Every project is archived."}</p>
          ) : (
            <ProjectsTable projects={shown} />
          )}
        </>
      )}
    </>
  );
}
