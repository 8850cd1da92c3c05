import Link from "next/link";
import { STATUS_TABS, type StatusParam } from "./alert-format";

/** Open · Acknowledged · Resolved, as links: the state lives in the URL. */
export function AlertTabs({ current }: { current: StatusParam }) {
  return (
    <nav aria-label="Alert status" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {STATUS_TABS.map((t) => (
        <Link
          key={t.param}
          href={t.param === "open" ? "/alerts" : `/alerts?status=${t.param}`}
          aria-current={current === t.param ? "page" : undefined}
          className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
            current === t.param
              ? "border-brand-600 text-brand-700 dark:text-white"
              : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-200"
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
