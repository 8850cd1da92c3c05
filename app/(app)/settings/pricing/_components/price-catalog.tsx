"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { SelectField } from "@/components/ui/select-field";
import { setPriceSetAction } from "@/lib/pricing/actions";
import { PROVIDER_IDS, PROVIDERS } from "@/lib/pricing/providers";
import type { CatalogView } from "@/lib/pricing/queries";
import { AddBaseModelForm } from "./add-base-model-form";
import { AddPriceForm } from "./add-price-form";
import { Badge } from "./format";
import { ModelCard, type CatalogEntry } from "./model-card";

const PRICE_SET_LABELS: Record<string, string> = {
  openai: "Providers' list prices",
  "article-2026": "2026 cost guide (article figures)",
};

const ALL = "all";

/** The price catalog by provider: prices in force today for this team, their sources and history, and (for admins) the forms. */
export function PriceCatalog({ view, canManage }: { view: CatalogView; canManage: boolean }) {
  const router = useRouter();
  const [pendingSet, startSetChange] = useTransition();
  const [setError, setSetError] = useState<string | null>(null);
  const [shown, setShown] = useState<string>(ALL);

  // PROVIDERS order; within a provider the published catalog first, then the team's own models.
  const groups = useMemo(
    () =>
      PROVIDER_IDS.map((id) => {
        const models: CatalogEntry[] = view.models.filter((m) => m.provider === id);
        return { id, name: PROVIDERS[id].name, models: [...models.filter((m) => !m.teamId), ...models.filter((m) => m.teamId)] };
      }),
    [view.models],
  );

  function changePriceSet(priceSet: string) {
    setSetError(null);
    startSetChange(async () => {
      const result = await setPriceSetAction({ priceSet });
      if (!result.ok) setSetError(result.message);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <section className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <div className="min-w-0 flex-1 basis-64">
          <h2 className="text-base font-semibold">Price set</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            The named list of published prices your costs use. Your team&apos;s own dated entries apply on top of it. Prices
            are USD per 1M tokens unless marked per hour or per month; usage in a month is priced with the prices in force
            on the first day of that month.
          </p>
        </div>
        <div className="w-full sm:w-72">
          <SelectField label="Price set in use" name="priceSet" value={view.priceSet} disabled={!canManage || pendingSet} onChange={(e) => changePriceSet(e.target.value)}>
            {view.priceSets.map((s) => (
              <option key={s} value={s}>
                {PRICE_SET_LABELS[s] ?? s}
              </option>
            ))}
          </SelectField>
          {setError && (
            <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
              {setError}
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="catalog-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0 flex-1 basis-64">
            <h2 id="catalog-heading" className="text-base font-semibold">
              Prices in force on {view.today}
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              Each price names its source and the day it was checked. <Badge tone="warning">Unverified</Badge> marks a
              figure that could not be confirmed on the provider&apos;s own page. <Badge tone="team">Your team&apos;s price</Badge>{" "}
              marks a row your team entered.
            </p>
          </div>
          <div className="w-full sm:w-64">
            <SelectField label="Show provider" name="providerFilter" value={shown} onChange={(e) => setShown(e.target.value)}>
              <option value={ALL}>All providers ({view.models.length} models)</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.models.length})
                </option>
              ))}
            </SelectField>
          </div>
        </div>

        {groups
          .filter((g) => shown === ALL || g.id === shown)
          .map((g) => (
            <section key={g.id} aria-labelledby={`provider-${g.id}`} className="space-y-3">
              <h3 id={`provider-${g.id}`} className="border-b border-slate-200 pb-1 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
                {g.name}
              </h3>
              {g.models.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  No base models {canManage ? "yet: add your own below." : "in the catalog."}
                </p>
              ) : (
                <div className="grid gap-3">
                  {g.models.map((m) => (
                    <ModelCard key={m.id} model={m} today={view.today} />
                  ))}
                </div>
              )}
            </section>
          ))}
      </section>

      {canManage ? (
        <>
          <AddPriceForm view={view} groups={groups} />
          <AddBaseModelForm today={view.today} />
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only admins and owners can add prices and base models.</p>
      )}
    </div>
  );
}
