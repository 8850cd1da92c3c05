import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { getCatalogView } from "@/lib/pricing/queries";
import { PriceCatalog } from "./_components/price-catalog";

export const metadata: Metadata = { title: "Pricing" };

export default async function PricingSettingsPage() {
  const { ctx } = await requirePageContext();
  const view = await getCatalogView(ctx);
  return <PriceCatalog view={view} canManage={can(ctx.role, "prices:manage")} />;
}
