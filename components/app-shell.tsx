"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { switchTeamAction } from "@/lib/teams/actions";

const NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/projects", label: "Projects" },
  { href: "/models", label: "Models" },
  { href: "/usage", label: "Usage" },
  { href: "/alerts", label: "Alerts" },
  { href: "/estimate", label: "Estimate" },
  { href: "/settings", label: "Settings" },
] as const;

export interface ShellTeam {
  id: string;
  name: string;
  role: string;
}

/** Navigation, team switcher and account menu around every signed-in page. */
export function AppShell({
  user,
  teams,
  currentTeamId,
  openAlerts = 0,
  children,
}: {
  user: { name: string; email: string };
  teams: ShellTeam[];
  currentTeamId: string;
  /** Open, not snoozed alerts of the current team: the badge on "Alerts". */
  openAlerts?: number;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const [switching, startSwitch] = useTransition();
  const [switchError, setSwitchError] = useState<string | null>(null);
  const current = teams.find((t) => t.id === currentTeamId);

  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

  function switchTeam(teamId: string) {
    setSwitchError(null);
    startSwitch(async () => {
      const result = await switchTeamAction({ teamId });
      if (!result.ok) setSwitchError(result.message);
      router.refresh();
    });
  }

  const nav = (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {NAV.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          onClick={() => setMenuOpen(false)}
          aria-current={isActive(item.href) ? "page" : undefined}
          className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm font-medium ${
            isActive(item.href)
              ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
              : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          }`}
        >
          {item.label}
          {item.href === "/alerts" && openAlerts > 0 && <AlertCountBadge count={openAlerts} />}
        </Link>
      ))}
    </nav>
  );

  return (
    <div className="min-h-screen md:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:flex-col md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center justify-between px-4 py-4">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            tune<span className="text-brand-600 dark:text-brand-400">cost</span>
          </Link>
          <button
            type="button"
            className="rounded-md px-2 py-1 text-sm md:hidden"
            aria-expanded={menuOpen}
            aria-controls="mobile-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="flex items-center gap-2">
              Menu
              {/* On a phone the navigation is folded away: the count shows on its button. */}
              {openAlerts > 0 && !menuOpen && <AlertCountBadge count={openAlerts} />}
            </span>
          </button>
        </div>
        <div id="mobile-nav" className={`${menuOpen ? "block" : "hidden"} px-3 pb-4 md:block md:flex-1`}>
          {nav}
        </div>
        <div className={`${menuOpen ? "block" : "hidden"} space-y-3 border-t border-slate-200 px-4 py-4 md:block dark:border-slate-800`}>
          {teams.length > 1 ? (
            <div>
              <label htmlFor="team-switcher" className="block text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
                Team
              </label>
              <select
                id="team-switcher"
                value={currentTeamId}
                disabled={switching}
                onChange={(e) => switchTeam(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
              >
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              {switchError && <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">{switchError}</p>}
            </div>
          ) : (
            <p className="text-sm">
              <span className="block text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Team</span>
              <span data-testid="current-team">{current?.name}</span>
            </p>
          )}
          <div className="text-sm">
            <p className="font-medium">{user.name}</p>
            <p className="truncate text-slate-500 dark:text-slate-400" title={user.email}>
              {user.email}
            </p>
            <p className="text-xs text-slate-500 dark:text-slate-400">{current?.role.toLowerCase()}</p>
          </div>
          <Link
            href="/account"
            onClick={() => setMenuOpen(false)}
            aria-current={isActive("/account") ? "page" : undefined}
            className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Account
          </Link>
          <button
            type="button"
            onClick={() => void signOut({ callbackUrl: "/login" })}
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Log out
          </button>
        </div>
      </aside>
      <main id="main" className="flex-1 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}

/** The open-alert count: the digits are for the eye, the words for screen readers ("Alerts, 3 open alerts"). */
function AlertCountBadge({ count }: { count: number }) {
  return (
    <>
      <span
        aria-hidden
        className="min-w-5 rounded-full bg-red-600 px-1.5 py-0.5 text-center text-xs font-semibold leading-none text-white tabular-nums"
      >
        {count > 99 ? "99+" : count}
      </span>
      <span className="sr-only">, {count === 1 ? "1 open alert" : `${count} open alerts`}</span>
    </>
  );
}
