import type { Metadata } from "next";
import { listApiKeys } from "@/lib/api-keys/queries";
import { requirePageContext } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { ApiKeys } from "./_components/api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { ctx } = await requirePageContext();
  const keys = await listApiKeys(ctx);
  return (
    <ApiKeys
      keys={keys.map((k) => ({
        ...k,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      }))}
      canManage={can(ctx.role, "apikeys:manage")}
    />
  );
}
