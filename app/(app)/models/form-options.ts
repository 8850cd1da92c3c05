import "server-only";
import type { TeamContext } from "@/lib/auth/resolve-context";
import { listDatasets } from "@/lib/datasets/queries";
import { listCatalogModels } from "@/lib/pricing/queries";
import { listProjects } from "@/lib/projects/queries";
import type { ModelFormOptions } from "./_components/model-form";

/** What the model form offers: active projects (plus the model's own, even archived), the catalog, saved datasets. */
export async function loadModelFormOptions(ctx: TeamContext, currentProjectId?: string): Promise<ModelFormOptions> {
  const [projects, catalog, datasets] = await Promise.all([listProjects(ctx, { includeArchived: true }), listCatalogModels(ctx), listDatasets(ctx)]);
  return {
    projects: projects.filter((p) => !p.archived || p.id === currentProjectId).map((p) => ({ id: p.id, name: p.name })),
    catalog,
    datasets: datasets.map((d) => ({ id: d.id, name: d.name, baseModelId: d.baseModelId })),
  };
}
