"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings", label: "Team" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/pricing", label: "Pricing" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/notifications", label: "Notifications" },
  { href: "/settings/audit", label: "Audit log" },
] as const;

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-x-1 border-b border-slate-200 dark:border-slate-800">
      {TABS.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              active ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
