import type { ReactNode } from "react";
import { formatPriceUsd } from "@/lib/money/decimal";

/** A unit price as shown, exact ("$0.075"); "—" when the row has none. */
export function price(v: string | null): string {
  return v === null ? "—" : formatPriceUsd(v);
}

/** True for an http(s) address: only those are rendered as links (a seed note or a file path stays text). */
export function isHttpUrl(v: string): boolean {
  if (!/^https?:\/\//i.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** A unit after a price: short on screen, spelled out for screen readers ("/1M" → "per million tokens"). */
export function Unit({ visual, spoken }: { visual: string; spoken: string }) {
  return (
    <>
      <span aria-hidden className="ml-0.5 text-xs font-normal text-slate-500 dark:text-slate-400">
        {visual}
      </span>
      <span className="sr-only"> {spoken}</span>
    </>
  );
}

export const PER_MTOK = { visual: "/1M", spoken: "per million tokens" } as const;
export const PER_HOUR = { visual: "/h", spoken: "per hour" } as const;
export const PER_MONTH = { visual: "/mo", spoken: "per month" } as const;

type Tone = "neutral" | "team" | "warning";
const TONES: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  team: "bg-brand-50 text-brand-700 ring-1 ring-inset ring-brand-100 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
  warning: "bg-amber-100 text-amber-900 ring-1 ring-inset ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
};

/** A small pill; its text carries the meaning, the colour only repeats it. */
export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}

/** A source address: a link (opening in a new tab) when it is a web address, else plain text. */
export function SourceRef({ url }: { url: string }) {
  if (!isHttpUrl(url)) return <span className="break-all">{url}</span>;
  const shown = url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" className="break-all text-brand-700 underline hover:no-underline dark:text-brand-400">
      {shown}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
